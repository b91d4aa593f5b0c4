/**
 * CLI start-up: `paperboy --help` and `paperboy show ID` against bare `node -e 0`, the code before
 * issue 12 (a `git archive` of --baseline, tsx and every command imported at start) and the code
 * now, with Node's own type stripping where the running Node has it and with tsx forced
 * (`--no-experimental-strip-types`). Runs are interleaved round-robin so load on the machine
 * hits every variant alike; each variant's output is checked against the baseline's first.
 * Wall time is what a user waits; CPU time (GNU time's user + sys) is printed beside it because on
 * a shared machine it moves far less than wall time.
 *
 *   node --import ./bin/load-typescript.js bench/startup-bench.ts [--runs 7] [--baseline 3c0b5cf]
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

interface Variant {
  name: string;
  argv: (cli: string[]) => string[];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The baseline's bin/, src/ and package.json in a temporary folder, sharing our node_modules. */
function checkOut(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-startup-'));
  execFileSync('sh', ['-c', `git archive ${rev} bin src package.json | tar -x -C ${dir}`], { cwd: root });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  return dir;
}

/** Wall time, and CPU time (user + sys, all threads) from GNU time: the steadier of the two on a busy machine. */
function run(argv: string[]): { ms: number; cpuMs: number; stdout: string; status: number | null } {
  const timeFile = join(tmpdir(), `paperboy-startup-${process.pid}.time`);
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, PAPERBOY_CONFIG: '/nonexistent.yaml' },
  });
  const ms = performance.now() - t;
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { ms, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000, stdout: r.stdout, status: r.status };
}

export function runStartupBench(opts: { runs: number; baseline: string }): void {
  const base = checkOut(opts.baseline);
  const db = join(base, 'bench.db');
  try {
    // Exit 1: the fixture holds one withdrawn item on purpose; its four papers are stored.
    run([join(root, 'bin/paperboy.js'), 'ingest', FEED, '--db', db]);
    const stripping = Boolean((process.features as { typescript?: unknown }).typescript);
    const variants: Variant[] = [
      { name: 'bare node -e 0', argv: () => ['-e', '0'] },
      { name: `before (${opts.baseline}, tsx)`, argv: (cli) => [join(base, 'bin/paperboy.js'), ...cli] },
      ...(stripping ? [{ name: 'now, tsx forced', argv: (cli: string[]) => ['--no-experimental-strip-types', join(root, 'bin/paperboy.js'), ...cli] }] : []),
      { name: stripping ? 'now (type stripping)' : 'now (tsx)', argv: (cli) => [join(root, 'bin/paperboy.js'), ...cli] },
    ];
    const commands = [['--help'], ['show', PAPER, '--db', db]];
    console.log(`\n## Start-up (Node ${process.version}; median of ${opts.runs} runs each, interleaved)\n`);
    console.log('| command | variant | wall ms | CPU ms | wall × bare | CPU × bare | CPU × before |');
    console.log('|---|---|---:|---:|---:|---:|---:|');
    for (const cli of commands) {
      const expected = run(variants[1]!.argv(cli));
      if (expected.status !== 0) throw new Error(`baseline: ${cli.join(' ')} exited ${expected.status}`);
      for (const v of variants.slice(2)) {
        const got = run(v.argv(cli));
        if (got.status !== expected.status || got.stdout !== expected.stdout) throw new Error(`${v.name}: ${cli.join(' ')} differs from the baseline`);
      }
      const wall = variants.map(() => [] as number[]);
      const cpu = variants.map(() => [] as number[]);
      for (let i = 0; i < opts.runs; i++) {
        variants.forEach((v, j) => {
          const r = run(v.argv(cli));
          wall[j]!.push(r.ms);
          cpu[j]!.push(r.cpuMs);
        });
      }
      const [bareWall, bareCpu, beforeCpu] = [median(wall[0]!), median(cpu[0]!), median(cpu[1]!)];
      variants.forEach((v, j) => {
        const [w, c] = [median(wall[j]!), median(cpu[j]!)];
        console.log(`| \`${cli[0]}\` | ${v.name} | ${w.toFixed(0)} | ${c.toFixed(0)} | ${(w / bareWall).toFixed(2)} | ${(c / bareCpu).toFixed(2)} | ${(c / beforeCpu).toFixed(2)} |`);
      });
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
    rmSync(join(tmpdir(), `paperboy-startup-${process.pid}.time`), { force: true });
  }
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  runStartupBench({ runs: Number(flag(args, 'runs') ?? 7), baseline: flag(args, 'baseline') ?? '3c0b5cf' });
}
