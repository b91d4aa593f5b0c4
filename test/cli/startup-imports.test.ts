/**
 * Start-up (ADR 2): `paperboy --help` loads no library at all, and `show` only the database and
 * config layers, never the chat libraries, the feed parser or the logger. Runs the real
 * bin/paperboy.js with a load hook that lists every module; the hook needs module.registerHooks
 * (Node >= 22.15), so on Node 20 this is skipped (CI runs it on 22 and 24).
 */
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDb } from './run-cli.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const HOOK = `data:text/javascript,${encodeURIComponent(
  "import m from 'node:module'; const seen = []; m.registerHooks({ load(url, c, next) { seen.push(url); return next(url, c); } }); process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(seen) + '\\n'));",
)}`;
const hasHooks = typeof (module as { registerHooks?: unknown }).registerHooks === 'function';

/** The npm packages (by name) that one CLI call loaded, and its exit code. */
function packagesLoaded(args: string[]): { code: number | null; packages: Set<string>; sources: number } {
  const r = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], { encoding: 'utf8' });
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  const urls = JSON.parse(line?.slice('LOADED '.length) ?? '[]') as string[];
  const packages = new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => p !== undefined));
  return { code: r.status, packages, sources: urls.filter((u) => u.includes('/src/')).length };
}

// intl-messageformat is not among them: `show` names sources by their localized labels (ADR 11).
const HEAVY = ['discord.js', '@slack/bolt', 'rss-parser', 'pino', 'pino-pretty', 'prom-client'];

describe.skipIf(!hasHooks)('CLI start-up imports', () => {
  it('--help loads no npm package and only the CLI entry of src/', () => {
    const r = packagesLoaded(['--help']);
    expect(r.code).toBe(0);
    expect([...r.packages].filter((p) => p !== 'tsx' && !p.startsWith('@esbuild'))).toEqual([]);
    expect(r.sources).toBeLessThanOrEqual(3);
  });

  it('show loads better-sqlite3 and the config, and none of the chat, feed, log or metrics libraries', async () => {
    const db = tempDb();
    await runCli(['ingest', fixture('arxiv/cs.AI.rss.xml'), '--db', db]);
    const r = packagesLoaded(['show', '2410.22304', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.packages.has('better-sqlite3')).toBe(true);
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
  });
});
