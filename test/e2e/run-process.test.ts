/**
 * `paperboy run` as an operator starts it: a real process with the health and metrics listener
 * on, scraped over HTTP, stopped with SIGTERM; and its logs in both formats.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/hf/daily_papers-2024-10-30.json', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function startRun(config: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-run-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'paperboy.yaml'), config);
  const proc = spawn(process.execPath, [BIN, 'run'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PAPERBOY_CONFIG: join(dir, 'paperboy.yaml'), PAPERBOY_DB: join(dir, 'paperboy.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, exited, stderr: () => stderr };
}

const CONFIG = `sources:\n  - name: hf\n    path: ${FIXTURE}\nhttp:\n  port: 0\n`;

describe('paperboy run (a real process)', () => {
  it('serves /healthz and /metrics, and exits 0 on SIGTERM', async () => {
    const run = startRun(CONFIG, { LOG_FORMAT: 'json' });
    const lines = () => run.stderr().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const port = await eventually(() => lines().find((l) => l.msg === 'health and metrics listening (/healthz, /metrics)')?.port as number | undefined);
    await eventually(() => lines().find((l) => l.msg === 'ingest finished'));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', ready: true, database: { writable: true }, ingest: { ok: true }, chat: {} });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^paperboy_ingest_runs_total\{source="hf",outcome="ok"\} 1$/m);
    expect(metrics).toMatch(/^paperboy_ingest_entries_total\{source="hf",result="new"\} [1-9]\d*$/m);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(lines().at(-1)?.msg).toBe('stopped');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('writes human-readable logs with LOG_FORMAT=pretty', async () => {
    const run = startRun(`sources:\n  - name: hf\n    path: ${FIXTURE}\n`, { LOG_FORMAT: 'pretty' });
    await eventually(() => (run.stderr().includes('ingest finished') ? true : undefined));
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d{4}\] INFO: paperboy started$/m);
    expect(run.stderr()).not.toMatch(/^\{"level"/m);
  }, 60_000);
});
