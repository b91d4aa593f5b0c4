/**
 * Background failures are logged once with their context, then quietly (debug) while they
 * repeat, and never with a stack trace per retry.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createPaperReader } from '../../src/db/paper-reader.js';
import { createSourceStatusStore } from '../../src/db/source-status-store.js';
import { createSourceFactsStore } from '../../src/db/source-facts-store.js';
import { createIngestRunner } from '../../src/pipeline/run-ingest.js';
import type { DigestRunner } from '../../src/pipeline/run-digests.js';
import { scheduleDigests } from '../../src/scheduler/digest-job.js';
import { channelSpec, paper, setupDigests } from './digest-setup.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

const GOOD = new URL('../fixtures/digests/ko/2024/10/30.md', import.meta.url);

describe('ingest failure logging', () => {
  it('warns once while a source keeps failing the same way, then logs its recovery', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-log-'));
    const file = join(dir, 'digest.md');
    const db = openDatabase(':memory:');
    const { log, lines } = capturingLogger();
    const runner = createIngestRunner({
      store: createIngestStore(db), status: createSourceStatusStore(db), reader: createPaperReader(db), facts: createSourceFactsStore(db),
      load: { timeoutMs: 1000, maxBytes: 1_000_000 }, log,
    });
    const spec = { name: 'ko', path: file, format: 'ko-digest' as const };
    try {
      for (let i = 0; i < 3; i++) await runner.run([spec]);
      copyFileSync(GOOD, file);
      await runner.run([spec]);
      rmSync(file);
      await runner.run([spec]);

      const about = lines.filter((l) => l.source === 'ko').map((l) => [l.level, l.msg]);
      expect(about).toEqual([
        [40, 'source ingest failed'],
        [20, 'source still failing'],
        [20, 'source still failing'],
        [30, 'source recovered'],
        [40, 'source ingest failed'],
      ]);
      const first = lines.find((l) => l.msg === 'source ingest failed')!;
      expect(first.err).toBe(`no such file or folder: ${file}`);
      expect(JSON.stringify(lines)).not.toContain('"stack"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      db.close();
    }
  });
});

describe('delivery failure logging', () => {
  it('warns at the first transient failure of a message, then retries quietly until it is sent', async () => {
    const { log, lines } = capturingLogger();
    const t = setupDigests(':memory:', '2024-10-29T12:00:00Z', undefined, log);
    t.channels.syncFromConfig([channelSpec('100')], t.clock.now().toISOString());
    t.store(paper(1));
    t.clock.set('2024-10-30T00:00:00Z');
    for (let i = 0; i < 3; i++) t.poster.failNext({ transient: 'HTTP 503 Service Unavailable' });
    for (let i = 0; i < 4; i++) await t.runner.tick();
    expect(t.poster.sent).toHaveLength(1);
    const delivery = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('delivery'));
    expect(delivery.map((l) => [l.level, l.msg, l.attempt])).toEqual([
      [40, 'delivery failed; will retry', 1],
      [20, 'delivery failed again; will retry', 2],
      [20, 'delivery failed again; will retry', 3],
    ]);
    expect(delivery[0]).toMatchObject({ channel: '100', platform: 'discord', err: 'HTTP 503 Service Unavailable' });
    expect(JSON.stringify(lines)).not.toContain('"stack"');
    t.db.close();
  });
});

describe('digest clock failure logging', () => {
  it('logs a tick that keeps failing once with its stack, not every minute', async () => {
    const { log, lines } = capturingLogger();
    let fail = true;
    const runner = {
      tick: async () => {
        if (fail) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        return { planned: 0, results: [], missed: [], waiting: [], held: [] };
      },
    } as unknown as DigestRunner;
    const job = scheduleDigests(runner, log, false);
    for (let minute = 0; minute < 5; minute++) await job.tick();
    fail = false;
    await job.tick();
    await job.tick();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'digest tick failed'],
      ...Array.from({ length: 4 }, () => [20, 'digest tick failed (again)']),
      [30, 'digest tick recovered'],
    ]);
    expect(lines.filter((l) => JSON.stringify(l).includes('"stack"'))).toHaveLength(1);
  });
});
