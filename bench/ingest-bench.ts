/**
 * Ingest benchmark: a generated arXiv RSS feed (20,000 items by default) read by rss-parser
 * alone, by Paperboy's full ingest into a fresh database (parse + dedupe + store + FTS index)
 * and by a re-ingest of the same feed (everything unchanged), plus the peak memory of a full
 * ingest in a child process.
 *
 *   node --expose-gc --import tsx bench/ingest-bench.ts [--items 20000] [--runs 3] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { openDatabase } from '../src/db/open-database.js';
import { fileSize, flag, gc, hasFlag, int, isMain, mb, median, ms, ratio, removeDb, table, time, timeAsync } from './bench-util.js';
import { generateArxivFeed } from './generate.js';
import { fullIngest, type FullIngest, type IngestChildResult } from './ingest-child.js';

export interface IngestBenchOptions {
  items: number;
  runs: number;
  seed: number;
  keep: boolean;
}

const CHILD = fileURLToPath(new URL('./ingest-child.ts', import.meta.url));

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`ingest bench: ${message}`);
}

function peakMemory(feedFile: string, dbFile: string): IngestChildResult {
  removeDb(dbFile);
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, feedFile, dbFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`ingest child failed (${child.status}): ${child.stderr}`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as IngestChildResult;
}

export async function runIngestBench(opts: IngestBenchOptions): Promise<void> {
  const { items, runs } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-ingest-bench-'));
  const feedFile = join(dir, `arxiv-${items}.rss.xml`);
  console.log(`\n## Ingest: arXiv RSS feed of ${int(items)} items, ${runs} runs each (median)\n`);
  const generated = time(() => generateArxivFeed(opts.seed, items));
  writeFileSync(feedFile, generated.value);
  const feedBytes = fileSize(feedFile);
  console.log(`feed: ${feedFile}, ${mb(feedBytes)} MB (${int(feedBytes / items)} bytes/item), generated in ${ms(generated.ms)} ms`);
  const xml = readFileSync(feedFile, 'utf8');

  // Warm-up (untimed): JIT-compile the parsers and the store on a small feed.
  const warm = generateArxivFeed(opts.seed + 1, 500);
  await new Parser().parseString(warm);
  const warmDb = openDatabase(':memory:');
  await fullIngest(warm, warmDb);
  warmDb.close();

  const parseOnly: number[] = [];
  const full: FullIngest[] = [];
  const dbFile = (r: number): string => join(dir, `ingest-${r}.db`);
  for (let r = 0; r < runs; r++) {
    gc();
    const parsed = await timeAsync(() => new Parser().parseString(xml));
    check(parsed.value.items.length === items, `rss-parser read ${parsed.value.items.length} items`);
    parseOnly.push(parsed.ms);
    gc();
    removeDb(dbFile(r));
    const db = openDatabase(dbFile(r));
    const result = await fullIngest(xml, db);
    db.close();
    check(result.counts.new === items && result.errors === 0, `full ingest counts ${JSON.stringify(result.counts)}, ${result.errors} errors`);
    full.push(result);
    console.log(
      `  run ${r + 1}: rss-parser ${ms(parsed.ms)} ms; full ingest ${ms(result.parseMs + result.storeMs)} ms (parse ${ms(result.parseMs)} + store ${ms(result.storeMs)})`,
    );
    if (r > 0) removeDb(dbFile(r - 1));
  }

  const again: FullIngest[] = [];
  const db = openDatabase(dbFile(runs - 1));
  for (let r = 0; r < runs; r++) {
    gc();
    const result = await fullIngest(xml, db);
    check(result.counts.unchanged === items, `re-ingest counts ${JSON.stringify(result.counts)}`);
    again.push(result);
    console.log(`  re-ingest ${r + 1}: ${ms(result.parseMs + result.storeMs)} ms (parse ${ms(result.parseMs)} + store ${ms(result.storeMs)})`);
  }
  db.close();
  const dbBytes = fileSize(dbFile(runs - 1)) + fileSize(`${dbFile(runs - 1)}-wal`);

  gc();
  const child = peakMemory(feedFile, join(dir, 'child.db'));
  check(child.counts.new === items, `child counts ${JSON.stringify(child.counts)}`);

  const m = {
    parseOnly: median(parseOnly),
    full: median(full.map((f) => f.parseMs + f.storeMs)),
    fullParse: median(full.map((f) => f.parseMs)),
    fullStore: median(full.map((f) => f.storeMs)),
    again: median(again.map((f) => f.parseMs + f.storeMs)),
    againParse: median(again.map((f) => f.parseMs)),
    againStore: median(again.map((f) => f.storeMs)),
  };
  const perSec = (t: number): string => int((items / t) * 1000);
  const all = (xs: number[]): string => xs.map(ms).join(', ');
  console.log(`\n${table(
    ['phase', 'median ms', 'items/s', 'all runs (ms)'],
    [
      ['rss-parser parseString only (new Parser(), no custom fields)', ms(m.parseOnly), perSec(m.parseOnly), all(parseOnly)],
      ['full ingest, fresh DB (parseArxivFeed + applyEntries)', ms(m.full), perSec(m.full), all(full.map((f) => f.parseMs + f.storeMs))],
      ['  of which parseArxivFeed', ms(m.fullParse), perSec(m.fullParse), all(full.map((f) => f.parseMs))],
      ['  of which applyEntries (dedupe + store + FTS)', ms(m.fullStore), perSec(m.fullStore), all(full.map((f) => f.storeMs))],
      ['re-ingest, same DB (all unchanged)', ms(m.again), perSec(m.again), all(again.map((f) => f.parseMs + f.storeMs))],
      ['  of which parseArxivFeed', ms(m.againParse), perSec(m.againParse), all(again.map((f) => f.parseMs))],
      ['  of which applyEntries', ms(m.againStore), perSec(m.againStore), all(again.map((f) => f.storeMs))],
    ],
  )}\n`);
  console.log(
    table(
      ['ratio', 'value', 'target'],
      [
        ['full ingest / rss-parser parse-only', ratio(m.full, m.parseOnly), '≤ 2×'],
        ['store (applyEntries) / rss-parser parse-only', ratio(m.fullStore, m.parseOnly), '≤ 1×'],
        ['store (applyEntries) / parseArxivFeed', ratio(m.fullStore, m.fullParse), '≤ 1×'],
        ['parseArxivFeed / rss-parser parse-only', ratio(m.fullParse, m.parseOnly), ''],
        ['re-ingest / full ingest', ratio(m.again, m.full), ''],
      ],
    ),
  );
  console.log(
    `\npeak RSS of a full ingest in a child process: ${mb(child.maxRssKb * 1024)} MB ` +
      `(process after loading modules: ${mb(child.baselineMaxRssKb * 1024)} MB; feed ${mb(feedBytes)} MB; ` +
      `child ingest took ${ms(child.parseMs + child.storeMs)} ms); database after one ingest: ${mb(dbBytes)} MB`,
  );
  if (opts.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  await runIngestBench({
    items: Number(flag(args, 'items') ?? 20_000),
    runs: Number(flag(args, 'runs') ?? 3),
    seed: Number(flag(args, 'seed') ?? 1),
    keep: hasFlag(args, 'keep'),
  });
}
