/**
 * CLI start-up: `paperboy --help`, `paperboy show ID` with no config file, and `show` with the
 * shipped config/paperboy.yaml, against bare `node -e 0`; the code before issue 12 (`--baseline`,
 * tsx and every command imported at start), the code of the previous step (`--previous`:
 * type stripping, lazy commands, but zod, yaml and intl-messageformat loaded by every command),
 * and the code now, with its caches (V8's compile cache and, on Node 22, the stripped-source
 * cache of bin/load-typescript.js) and with them turned off (NODE_DISABLE_COMPILE_CACHE=1: the
 * first start after an edit or upgrade). Old revisions are `git archive`d into temporary
 * folders sharing our node_modules. Runs are interleaved round-robin so load on the machine hits
 * every variant alike; each variant's output is first checked equal to the previous step's.
 * Wall time is what a user waits; CPU time (GNU time's user + sys) is printed beside it because on
 * a shared machine it moves far less than wall time.
 *
 *   node --import ./bin/load-typescript.js bench/startup-bench.ts [--runs 7] [--baseline 3c0b5cf] [--previous 82e54d3]
 *
 * Measures the Node that runs it: start it with Node 22 or 24 (from a copy of the project whose
 * better-sqlite3 was built for that Node) to measure those.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, isMain } from './bench-util.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const FEED = join(root, 'test/fixtures/arxiv/cs.AI.rss.xml');
const PAPER = '2410.22304';
const NO_CONFIG = { PAPERBOY_CONFIG: '/nonexistent.yaml' };
/** Stands for the variant's database in a command line. */
const DB = '{db}';

interface Variant {
  name: string;
  argv: (cli: string[]) => string[];
  env?: NodeJS.ProcessEnv;
  /** The variant's own database (a revision refuses a schema newer than its migrations). */
  db?: string;
  /** The checkout it runs (absent for bare node). */
  root?: string;
}

interface Command {
  name: string;
  cli: string[];
  env: NodeJS.ProcessEnv;
}

const argvOf = (v: Variant, c: Command): string[] => v.argv(c.cli.map((a) => (a === DB ? v.db! : a)));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A revision's bin/, src/ and package.json in a temporary folder, sharing our node_modules. */
function checkOut(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-startup-'));
  execFileSync('sh', ['-c', `git archive ${rev} bin src package.json | tar -x -C ${dir}`], { cwd: root });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  return dir;
}

/** Wall time, and CPU time (user + sys, all threads) from GNU time: the steadier of the two on a busy machine. */
function run(argv: string[], env: NodeJS.ProcessEnv): { ms: number; cpuMs: number; stdout: string; status: number | null } {
  const timeFile = join(tmpdir(), `paperboy-startup-${process.pid}.time`);
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t;
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { ms, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000, stdout: r.stdout, status: r.status };
}

export function runStartupBench(opts: { runs: number; baseline: string; previous: string }): void {
  const base = checkOut(opts.baseline);
  const prev = checkOut(opts.previous);
  const dbs = { base: join(base, 'bench.db'), prev: join(prev, 'bench.db'), now: join(prev, 'bench-now.db') };
  try {
    // Exit 1: the fixture holds one withdrawn item on purpose; its four papers are stored.
    for (const [dir, db] of [[base, dbs.base], [prev, dbs.prev], [root, dbs.now]] as const) run([join(dir, 'bin/paperboy.js'), 'ingest', FEED, '--db', db], NO_CONFIG);
    const loader = (process.features as { typescript?: unknown }).typescript ? 'type stripping' : 'esbuild hooks';
    const variants: Variant[] = [
      { name: 'bare node -e 0', argv: () => ['-e', '0'] },
      { name: `before (${opts.baseline}, tsx)`, argv: (cli) => [join(base, 'bin/paperboy.js'), ...cli], db: dbs.base, root: base },
      { name: `previous (${opts.previous})`, argv: (cli) => [join(prev, 'bin/paperboy.js'), ...cli], db: dbs.prev, root: prev },
      { name: 'now, caches off', argv: (cli) => [join(root, 'bin/paperboy.js'), ...cli], env: { NODE_DISABLE_COMPILE_CACHE: '1' }, db: dbs.now, root },
      { name: `now (${loader})`, argv: (cli) => [join(root, 'bin/paperboy.js'), ...cli], db: dbs.now, root },
    ];
    const reference = 2;
    const commands: Command[] = [
      { name: '--help', cli: ['--help'], env: NO_CONFIG },
      { name: 'show, no config', cli: ['show', PAPER, '--db', DB], env: NO_CONFIG },
      { name: 'show, config', cli: ['show', PAPER, '--db', DB], env: { PAPERBOY_CONFIG: join(root, 'config/paperboy.yaml') } },
    ];
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`\n## Start-up (Node ${process.version}; median of ${opts.runs} runs each, interleaved; load average ${load})\n`);
    console.log('| command | variant | wall ms | CPU ms | wall × bare | CPU × bare | CPU × before | CPU × previous |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const c of commands) {
      const now = variants.at(-1)!;
      const expected = run(argvOf(now, c), c.env);
      if (expected.status !== 0) throw new Error(`now: ${c.name} exited ${expected.status}`);
      for (const v of variants.slice(1, -1)) {
        const got = run(argvOf(v, c), { ...c.env, ...v.env });
        // Older code lists fewer commands and may word a card differently: the same exit status is
        // asked of it; the code now with its caches off must print exactly what it prints with them.
        if (got.status !== expected.status || (v.root === root && got.stdout !== expected.stdout)) throw new Error(`${v.name}: ${c.name} differs from the code now`);
      }
      const wall = variants.map(() => [] as number[]);
      const cpu = variants.map(() => [] as number[]);
      for (let i = 0; i < opts.runs; i++) {
        variants.forEach((v, j) => {
          const r = run(argvOf(v, c), { ...c.env, ...v.env });
          wall[j]!.push(r.ms);
          cpu[j]!.push(r.cpuMs);
        });
      }
      const [bareWall, bareCpu, beforeCpu, prevCpu] = [median(wall[0]!), median(cpu[0]!), median(cpu[1]!), median(cpu[reference]!)];
      variants.forEach((v, j) => {
        const [w, cp] = [median(wall[j]!), median(cpu[j]!)];
        console.log(`| \`${c.name}\` | ${v.name} | ${w.toFixed(0)} | ${cp.toFixed(0)} | ${(w / bareWall).toFixed(2)} | ${(cp / bareCpu).toFixed(2)} | ${(cp / beforeCpu).toFixed(2)} | ${(cp / prevCpu).toFixed(2)} |`);
      });
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
    rmSync(prev, { recursive: true, force: true });
    rmSync(join(tmpdir(), `paperboy-startup-${process.pid}.time`), { force: true });
  }
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  runStartupBench({ runs: Number(flag(args, 'runs') ?? 7), baseline: flag(args, 'baseline') ?? '3c0b5cf', previous: flag(args, 'previous') ?? '82e54d3' });
}
