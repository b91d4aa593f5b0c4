/**
 * Start-up (ADR 2): `paperboy --help` loads no library at all, and `show` only the database
 * layer: never the chat libraries, the feed parser or the logger, and, with no config file and
 * a plain environment, neither zod, yaml, node-cron nor intl-messageformat. Runs the real
 * bin/paperboy.js with a load hook that lists every module (ES and CommonJS); the hook needs
 * module.registerHooks (Node >= 22.15), so on Node 20 those cases are skipped (CI runs them on
 * 22 and 24). What the lazy loading must not change (errors, exit codes) runs on every Node.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDb } from './run-cli.js';

const BIN = new URL('../../bin/paperboy.js', import.meta.url).pathname;
const HOOK = `data:text/javascript,${encodeURIComponent(
  "import m from 'node:module'; const seen = []; m.registerHooks({ load(url, c, next) { seen.push(url); return next(url, c); } }); process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(seen) + '\\n'));",
)}`;
const hasHooks = typeof (module as { registerHooks?: unknown }).registerHooks === 'function';
const NO_CONFIG = { PAPERBOY_CONFIG: '/nonexistent/paperboy.yaml' };

/** .env.example as an operator would copy it to .env: every variable at its default. */
function envExample(): Record<string, string> {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return Object.fromEntries(text.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** The npm packages (by name) that one CLI call loaded, and its exit code. */
function packagesLoaded(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; packages: Set<string>; sources: number } {
  const r = cli(args, env, ['--import', HOOK]);
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  const urls = JSON.parse(line?.slice('LOADED '.length) ?? '[]') as string[];
  const packages = new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => p !== undefined));
  return { code: r.status, packages, sources: urls.filter((u) => /\/src\/.*\.ts$/.test(u)).length };
}

const HEAVY = ['discord.js', '@slack/bolt', 'rss-parser', 'pino', 'pino-pretty', 'prom-client'];
// Loaded on first use (src/config.ts, src/i18n/translator.ts): a config file to read, an
// environment value only the schema can judge, a message with numbers or plurals.
const ON_DEMAND = ['zod', 'yaml', 'node-cron', 'intl-messageformat'];

async function storeWithPapers(): Promise<string> {
  const db = tempDb();
  await runCli(['ingest', fixture('arxiv/cs.AI.rss.xml'), '--db', db]);
  return db;
}

describe.skipIf(!hasHooks)('CLI start-up imports', () => {
  it('--help loads no npm package and only the CLI entry of src/', () => {
    const r = packagesLoaded(['--help']);
    expect(r.code).toBe(0);
    expect([...r.packages].filter((p) => p !== 'tsx' && !p.startsWith('@esbuild'))).toEqual([]);
    expect(r.sources).toBeLessThanOrEqual(3);
  });

  it('show with the config file loads better-sqlite3, zod and yaml, and none of the chat, feed, log or metrics libraries', async () => {
    const db = await storeWithPapers();
    const r = packagesLoaded(['show', '2410.22304', '--db', db], { PAPERBOY_CONFIG: new URL('../../config/paperboy.yaml', import.meta.url).pathname });
    expect(r.code).toBe(0);
    expect(r.packages.has('better-sqlite3')).toBe(true);
    expect(r.packages.has('zod') && r.packages.has('yaml')).toBe(true);
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
  });

  it('show with no config file, with nothing set or .env.example copied, loads no validation, YAML or ICU library', async () => {
    const db = await storeWithPapers();
    for (const env of [NO_CONFIG, { ...envExample(), ...NO_CONFIG }]) {
      const r = packagesLoaded(['show', '2410.22304', '--db', db], env);
      expect(r.code).toBe(0);
      expect(r.packages.has('better-sqlite3')).toBe(true);
      expect([...HEAVY, ...ON_DEMAND].filter((p) => r.packages.has(p))).toEqual([]);
    }
  });

  it('an environment value only the schema can judge loads zod, and a good one still runs', async () => {
    const db = await storeWithPapers();
    const r = packagesLoaded(['show', '2410.22304', '--db', db], { ...NO_CONFIG, SLACK_PORT: '3001' });
    expect(r.code).toBe(0);
    expect(r.packages.has('zod')).toBe(true);
  });
});

describe('CLI behaviour kept by the lazy loading (ADR 2)', () => {
  it('show: output with no config file is the same as with an empty one', async () => {
    const db = await storeWithPapers();
    const bare = cli(['show', '2410.22304', '--db', db], NO_CONFIG);
    const empty = tempDb().replace(/paperboy\.db$/, 'empty.yaml');
    writeFileSync(empty, '');
    const withEmpty = cli(['show', '2410.22304', '--db', db], { PAPERBOY_CONFIG: empty });
    expect(bare.status).toBe(0);
    expect(bare.stdout).toContain('2410.22304');
    expect(withEmpty.stdout).toBe(bare.stdout);
  });

  it('a bad environment value still stops a light command with exit 2 and the schema message', async () => {
    const db = await storeWithPapers();
    for (const [name, value] of [['LOG_LEVEL', 'loud'], ['SLACK_PORT', 'abc'], ['DISCORD_API_URL', 'not a url']] as const) {
      const r = cli(['show', '2410.22304', '--db', db], { ...NO_CONFIG, [name]: value });
      expect(r.status, name).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^paperboy: invalid configuration in environment:\\n  - ${name}: `));
      expect(r.stdout).toBe('');
    }
  });

  it('a config file with an error still stops a command with exit 2 naming the key', () => {
    const file = tempDb().replace(/paperboy\.db$/, 'bad.yaml');
    writeFileSync(file, 'timezone: Mars/Olympus\nchannels:\n  - platform: discord\n    channel: "123456789012345678"\n    colour: red\n');
    const r = cli(['digest', '--db', tempDb()], { PAPERBOY_CONFIG: file });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`invalid configuration in ${file}`);
    expect(r.stderr).toContain('timezone: not an IANA time zone');
    expect(r.stderr).toContain('channels[0]: unknown key "colour"');
  });
});
