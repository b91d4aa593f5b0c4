/**
 * `paperboy backup` against the plain file copy it replaces, side by side in one run, and what a
 * backup costs a bot that keeps writing: the writer's committed batches per second before and
 * during back-to-back backups (a second process, as the bot would be).
 *
 *   node --import tsx bench/backup-bench.ts [--db bench/out/search-100000.db] [--papers 20000] [--runs 3]
 *
 * Without --db (or when the file is missing) it builds a database of --papers generated papers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupDatabase } from '../src/db/backup-database.js';
import { openStores } from '../src/main.js';
import { flag, isMain, median } from './bench-util.js';
import { generateEntries } from './generate.js';

const WRITER = fileURLToPath(new URL('../test/helpers/db-writer.ts', import.meta.url));

function buildDb(file: string, papers: number): void {
  const stores = openStores(file);
  for (let start = 0; start < papers; start += 5_000) {
    stores.ingest.applyEntries('arxiv', 'arxiv-rss', generateEntries(1, start, Math.min(5_000, papers - start)), new Date().toISOString());
  }
  stores.close();
}

/**
 * Runs the writer for `ms` while `during` runs back to back (or idles), and returns its commits per
 * second in that window, counted from the commit times it prints once it has exited: a backup runs
 * partly on this thread, so output read during the window would undercount.
 */
async function writerRate(db: string, ms: number, during?: () => Promise<unknown>): Promise<{ perSecond: number; backups: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, db], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const closed = new Promise((r) => child.once('close', r));
  while (!out.includes('batch 5 ')) await new Promise((r) => setTimeout(r, 20));
  const from = Date.now();
  let backups = 0;
  while (Date.now() - from < ms) {
    if (during) {
      await during();
      backups++;
    } else await new Promise((r) => setTimeout(r, 50));
  }
  const to = Date.now();
  child.kill('SIGTERM');
  await closed;
  const times = [...out.matchAll(/batch \d+ (\d+)\n/g)].map((m) => Number(m[1]));
  const commits = times.filter((t) => t >= from && t <= to).length;
  if (process.env.BENCH_DEBUG) {
    const gaps = times.flatMap((t, i) => (i > 0 && t - times[i - 1]! > 200 ? [[times[i - 1]! - from, t - times[i - 1]!]] : []));
    console.log('debug', { from, to, commits, total: times.length, first: times[0]! - from, last: times.at(-1)! - from, gaps });
  }
  return { perSecond: (commits * 1000) / (to - from), backups };
}

export async function runBackupBench(options: { db?: string; papers: number; runs: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-backup-bench-'));
  try {
    let source = options.db;
    if (!source || !existsSync(source)) {
      source = join(dir, 'source.db');
      buildDb(source, options.papers);
    } else {
      // Work on a copy: the writer phase adds rows.
      const copy = join(dir, 'source.db');
      copyFileSync(source, copy);
      source = copy;
    }
    const mb = statSync(source).size / 1_048_576;
    console.log(`\n## Backup (${mb.toFixed(0)} MB database${options.db && existsSync(options.db) ? `, a copy of ${options.db}` : `, ${options.papers} generated papers`})\n`);
    const cp: number[] = [];
    const backup: number[] = [];
    const copyPart: number[] = [];
    const checkPart: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      let t = performance.now();
      copyFileSync(source, join(dir, `cp-${i}.db`));
      cp.push(performance.now() - t);
      t = performance.now();
      const r = await backupDatabase(source, join(dir, `backup-${i}.db`));
      backup.push(performance.now() - t);
      copyPart.push(r.copySeconds * 1000);
      checkPart.push(r.checkSeconds * 1000);
      rmSync(join(dir, `cp-${i}.db`));
      rmSync(join(dir, `backup-${i}.db`));
    }
    const ratio = median(backup) / median(cp);
    console.log('| what | median of ' + options.runs + ' | MB/s |\n|---|---|---|');
    console.log(`| file copy (copyFileSync; not safe while the bot writes) | ${median(cp).toFixed(0)} ms | ${(mb / (median(cp) / 1000)).toFixed(0)} |`);
    console.log(`| paperboy backup (backup API + integrity_check + rename) | ${median(backup).toFixed(0)} ms | ${(mb / (median(backup) / 1000)).toFixed(0)} |`);
    console.log(`| of which the backup API's copy | ${median(copyPart).toFixed(0)} ms | ${(mb / (median(copyPart) / 1000)).toFixed(0)} |`);
    console.log(`| of which integrity_check of the copy | ${median(checkPart).toFixed(0)} ms | |`);
    console.log(`\nbackup / copy: ${ratio.toFixed(2)}×; the backup API's copy alone / copy: ${(median(copyPart) / median(cp)).toFixed(2)}×`);

    const seconds = 6;
    // Both phases start with the copies above written out: gigabytes of dirty pages being flushed
    // stall the writer's checkpoints (fsync) whatever else runs, and would be measured instead.
    spawnSync('sync');
    const idle = await writerRate(source, seconds * 1000);
    spawnSync('sync');
    // As `paperboy backup` does: the lowest CPU priority, so the bot's process goes first.
    setPriority(19);
    let n = 0;
    const busy = await writerRate(source, seconds * 1000, () => backupDatabase(source, join(dir, `during-${n++}.db`)).then((r) => rmSync(r.file)));
    console.log(`\nwriter (a second process committing 50-paper ingest transactions, as the bot's ingest does), ${seconds} s each; backups at nice 19 as the CLI runs them:`);
    console.log(`- alone: ${idle.perSecond.toFixed(1)} batches/s`);
    console.log(`- during ${busy.backups} back-to-back backups: ${busy.perSecond.toFixed(1)} batches/s (${(busy.perSecond / idle.perSecond).toFixed(2)}× its rate alone)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  await runBackupBench({ ...(flag(args, 'db') ? { db: flag(args, 'db')! } : {}), papers: Number(flag(args, 'papers') ?? 20_000), runs: Number(flag(args, 'runs') ?? 3) });
}
