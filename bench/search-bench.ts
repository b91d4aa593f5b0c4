/**
 * Search benchmark: builds a database of N generated papers through applyEntries (batches of
 * 10,000; 30% with a Korean summary, 20% with a Japanese one), then times Paperboy's search
 * against the ranking before issue 11 (bench/baseline-search.ts), alternating the two run by run,
 * for English, Korean and Japanese queries, and measures known-item success for both
 * (bench/known-item-bench.ts). --diagnostics adds the LIKE baseline and the bare bm25 variants.
 *
 *   node --expose-gc --import tsx bench/search-bench.ts [--sizes 100000,1000000] [--reuse] [--build-only] [--known 500] [--diagnostics]
 *
 * Databases are written to bench/out/search-N.db; --reuse keeps one that is complete and finishes
 * one whose build was interrupted (paper i is a pure function of (seed, i) and every batch is one
 * transaction, so the papers stored are exactly the first ones and the rest can be appended).
 * --build-only stops once the databases are ready.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createIngestStore } from '../src/db/ingest-store.js';
import { openDatabase, type Db } from '../src/db/open-database.js';
import { createPaperSearch } from '../src/db/paper-search.js';
import { toFtsQuery } from '../src/core/search-text.js';
import { fileSize, flag, gc, hasFlag, int, isMain, mb, median, ms, parseSizes, percentile, ratio, removeDb, sample, table } from './bench-util.js';
import { createBaselineSearch } from './baseline-search.js';
import { createEntryFeeder } from './entry-feeder.js';
import { arxivIdOf } from './generate.js';
import { knownItemReport } from './known-item-bench.js';

export interface SearchBenchOptions {
  sizes: number[];
  reuse: boolean;
  seed: number;
  batch: number;
  outDir: string;
  /** Papers sampled for known-item success. */
  known: number;
  diagnostics: boolean;
  /** Prepare the databases and stop (no timings). */
  buildOnly?: boolean;
}

export const QUERIES: { lang: string; q: string; note: string }[] = [
  { lang: 'en', q: 'learning', note: 'common word' },
  { lang: 'en', q: 'hippocampus', note: 'rare word' },
  { lang: 'en', q: 'reinforcement learning', note: 'two words' },
  { lang: 'ko', q: '검색', note: '' },
  { lang: 'ko', q: '로봇', note: '' },
  { lang: 'ko', q: '강화학습', note: '' },
  { lang: 'ja', q: '検索', note: '' },
  { lang: 'ja', q: '強化', note: '' },
  { lang: 'ja', q: 'ロボット', note: '' },
];

const NOW = '2024-12-01T00:00:00.000Z';
const LIKE_WHERE =
  'p.title LIKE @q OR p.abstract LIKE @q OR EXISTS (SELECT 1 FROM summaries s WHERE s.paper_id = p.id AND s.sections LIKE @q)';
const RANK_SQL = `SELECT rowid, bm25(paper_search, 10.0, 4.0, 3.0, 1.0) AS rank FROM paper_search WHERE paper_search MATCH ? ORDER BY rank LIMIT 10`;
// bm25 among the newest @window matches, as src/db/paper-search.ts ranks since commit e03e183.
const WINDOW_SQL = `SELECT rowid, bm25(paper_search, 10.0, 4.0, 3.0, 1.0) AS rank FROM paper_search WHERE paper_search MATCH @q
  AND rowid >= coalesce((SELECT min(rowid) FROM (SELECT rowid FROM paper_search WHERE paper_search MATCH @q ORDER BY rowid DESC LIMIT @window)), 0)
  ORDER BY rank LIMIT 10`;

interface BuildReport {
  rebuilt: boolean;
  /** Papers found from an interrupted build and kept (0 for a build from scratch). */
  resumedFrom: number;
  papers: number;
  storeMs: number;
  wallMs: number;
  bytes: number;
  ko: number;
  ja: number;
}

async function build(db: Db, from: number, size: number, opts: SearchBenchOptions): Promise<{ storeMs: number; wallMs: number }> {
  const store = createIngestStore(db);
  const feeder = createEntryFeeder(opts.seed);
  const wall = performance.now();
  let storeMs = 0;
  try {
    for await (const { start, entries } of feeder.batches(from, size, opts.batch)) {
      const t = performance.now();
      const counts = store.applyEntries('bench digest', 'arxiv-rss', entries, NOW);
      storeMs += performance.now() - t;
      if (counts.new !== entries.length) throw new Error(`batch at ${start}: ${JSON.stringify(counts)}`);
      const done = start + entries.length;
      if (done % 100_000 === 0 || done === size) {
        console.log(`  built ${int(done)} papers: ${(storeMs / 1000).toFixed(1)} s in applyEntries, ${int(((done - from) / storeMs) * 1000)} rows/s`);
      }
    }
  } finally {
    await feeder.close();
  }
  return { storeMs, wallMs: performance.now() - wall };
}

/**
 * How many papers an interrupted build left that a full build would also have: papers 0..n-1 of
 * the generator as ids 1..n, whole batches only. 0 when the database holds anything else.
 */
function resumablePapers(db: Db, size: number, opts: SearchBenchOptions): number {
  const { n, first, last } = db.prepare('SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM papers').get() as { n: number; first: number; last: number };
  if (n === 0 || n >= size || n % opts.batch !== 0 || first !== 1 || last !== n) return 0;
  const key = db.prepare('SELECT key FROM papers WHERE id = ?').pluck();
  const expected = (i: number): string => `arxiv:${arxivIdOf(i).id}`;
  return key.get(1) === expected(0) && key.get(n) === expected(n - 1) ? n : 0;
}

/**
 * Opens bench/out/search-N.db or builds it through applyEntries. With --reuse a complete database
 * is kept as it is, and an interrupted build is finished from where it stopped.
 */
export async function prepareSearchDb(size: number, opts: SearchBenchOptions): Promise<{ db: Db; report: BuildReport }> {
  const file = `${opts.outDir}/search-${size}.db`;
  const count = (db: Db): number => db.prepare('SELECT count(*) FROM papers').pluck().get() as number;
  if (opts.reuse && existsSync(file)) {
    const opened = performance.now();
    const db = openDatabase(file);
    console.log(`opened (and migrated, if needed) in ${ms(performance.now() - opened)} ms`);
    if (count(db) === size) return { db, report: { ...stats(db, file), rebuilt: false, resumedFrom: 0, storeMs: NaN, wallMs: NaN } };
    const from = resumablePapers(db, size, opts);
    if (from > 0) {
      console.log(`finishing an interrupted build: ${int(from)} of ${int(size)} papers stored`);
      const { storeMs, wallMs } = await build(db, from, size, opts);
      db.pragma('wal_checkpoint(TRUNCATE)');
      return { db, report: { ...stats(db, file), rebuilt: true, resumedFrom: from, storeMs, wallMs } };
    }
    db.close();
  }
  removeDb(file);
  const db = openDatabase(file);
  const { storeMs, wallMs } = await build(db, 0, size, opts);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, report: { ...stats(db, file), rebuilt: true, resumedFrom: 0, storeMs, wallMs } };
}

function stats(db: Db, file: string): Omit<BuildReport, 'rebuilt' | 'resumedFrom' | 'storeMs' | 'wallMs'> {
  const papers = db.prepare('SELECT count(*) FROM papers').pluck().get() as number;
  const byLocale = (l: string): number => db.prepare('SELECT count(*) FROM summaries WHERE locale = ?').pluck().get(l) as number;
  return { papers, bytes: fileSize(file) + fileSize(`${file}-wal`), ko: byLocale('ko'), ja: byLocale('ja') };
}

interface QueryResult {
  hits: number;
  fts: number[];
  like: number[];
  likeCount: number[];
  likeMatches: number;
  ranked: number[];
  window2000: number[];
  window20: number[];
  newest: number[];
  countFts: number[];
}

function measure(db: Db, q: string): QueryResult {
  const search = createPaperSearch(db);
  const fts = toFtsQuery(q) ?? '';
  const pattern = `%${q}%`;
  const countFts = db.prepare('SELECT count(*) FROM paper_search WHERE paper_search MATCH ?').pluck();
  const hits = countFts.get(fts) as number;
  const likeStmt = db.prepare(`SELECT p.id FROM papers p WHERE ${LIKE_WHERE} LIMIT 10`);
  const likeCountStmt = db.prepare(`SELECT count(*) FROM papers p WHERE ${LIKE_WHERE}`).pluck();
  const ranked = db.prepare(RANK_SQL);
  const windowed = db.prepare(WINDOW_SQL);
  const newest = db.prepare('SELECT rowid FROM paper_search WHERE paper_search MATCH ? ORDER BY rowid DESC LIMIT 10');
  // FTS first and the LIKE scans last: a full scan evicts SQLite's page cache.
  const ftsRuns = sample(() => search.search(q, { limit: 10 }), { warmup: 3, runs: 200, minRuns: 10, budgetMs: 5000 });
  const rankedRuns = sample(() => ranked.all(fts), { warmup: 1, runs: 30, minRuns: 3, budgetMs: 1000 });
  const window2000 = sample(() => windowed.all({ q: fts, window: 2000 }), { warmup: 1, runs: 30, minRuns: 3, budgetMs: 700 });
  const window20 = sample(() => windowed.all({ q: fts, window: 20 }), { warmup: 1, runs: 30, minRuns: 3, budgetMs: 700 });
  const newestRuns = sample(() => newest.all(fts), { warmup: 1, runs: 30, minRuns: 3, budgetMs: 300 });
  const countFtsRuns = sample(() => countFts.get(fts), { warmup: 1, runs: 30, minRuns: 3, budgetMs: 500 });
  let likeMatches = 0;
  const likeRuns = sample(() => likeStmt.all({ q: pattern }), { warmup: 1, runs: 10, minRuns: 3, budgetMs: 2000 });
  const countRuns = sample(() => (likeMatches = likeCountStmt.get({ q: pattern }) as number), { warmup: 0, runs: 3, minRuns: 1, budgetMs: 2000 });
  const result: QueryResult = { hits, fts: ftsRuns, ranked: rankedRuns, window2000, window20, newest: newestRuns, countFts: countFtsRuns, like: likeRuns, likeCount: countRuns, likeMatches };
  return result;
}

/** Times a and b alternately, run by run, so both see the same moments of a shared machine's load. */
function sideBySide(a: () => unknown, b: () => unknown, runs: number, budgetMs: number): [number[], number[]] {
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs && (i < 20 || performance.now() - start < budgetMs); i++) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
  }
  return [ta, tb];
}

function compareRankings(db: Db): string {
  const baseline = createBaselineSearch(db);
  const current = createPaperSearch(db);
  const count = (table: string, fts: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(fts) as number;
  const rows = QUERIES.map(({ lang, q, note }) => {
    gc();
    const fts = toFtsQuery(q) ?? '';
    const [old, now] = sideBySide(() => baseline.search(q, { limit: 10 }), () => current.search(q, { limit: 10 }), 200, 8000);
    const same = baseline.search(q, { limit: 10 }).filter((h, i) => current.search(q, { limit: 10 })[i]?.key === h.key).length;
    console.log(`  compared "${q}"`);
    return [
      `${lang} ${q}${note ? ` (${note})` : ''}`,
      int(count('paper_search', fts)),
      int(count('paper_title_search', fts)),
      ms(median(old)),
      ms(percentile(old, 99)),
      ms(median(now)),
      ms(percentile(now, 99)),
      ratio(median(now), median(old)),
      ratio(percentile(now, 99), percentile(old, 99)),
      String(now.length),
      `${same}/10`,
    ];
  });
  return table(
    ['query', 'hits', 'title hits', 'baseline p50 ms', 'baseline p99 ms', 'current p50 ms', 'current p99 ms', 'p50 current/baseline', 'p99 current/baseline', 'runs each', 'same top 10'],
    rows,
  );
}

function explain(db: Db, sql: string, ...params: unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => `    ${r.detail}`).join('\n');
}

export async function runSearchBench(opts: SearchBenchOptions): Promise<void> {
  for (const size of opts.sizes) {
    gc();
    console.log(`\n## Search: ${int(size)} papers\n`);
    const { db, report: b } = await prepareSearchDb(size, opts);
    const per100k = (b.bytes / b.papers) * 100_000;
    const built = b.papers - b.resumedFrom;
    console.log(
      (b.rebuilt
        ? `build: ${int(built)} papers by applyEntries in batches of ${int(opts.batch)}${b.resumedFrom ? ` (finishing an interrupted build of ${int(b.resumedFrom)})` : ''}: ` +
          `${(b.storeMs / 1000).toFixed(1)} s in applyEntries ` +
          `(${int((built / b.storeMs) * 1000)} rows/s; wall ${(b.wallMs / 1000).toFixed(1)} s incl. waiting for the generator)`
        : `build: reused ${opts.outDir}/search-${size}.db (${int(b.papers)} papers; --reuse)`) +
        `\nsummaries: ${int(b.ko)} Korean (${((b.ko / b.papers) * 100).toFixed(1)}%), ${int(b.ja)} Japanese (${((b.ja / b.papers) * 100).toFixed(1)}%)` +
        `\ndatabase file after wal_checkpoint(TRUNCATE): ${mb(b.bytes)} MB (${mb(per100k)} MB per 100,000 papers)\n`,
    );
    if (opts.buildOnly) {
      db.close();
      continue;
    }
    console.log(`Ranking: current search() against the baseline (before issue 11), search(q, { limit: 10 }), alternating run by run:\n`);
    console.log(`${compareRankings(db)}\n`);
    console.log(`${knownItemReport(db, opts.known)}\n`);
    if (opts.diagnostics) diagnostics(db);
    db.close();
  }
}

function diagnostics(db: Db): void {
    const rows: string[][] = [];
    const diag: string[][] = [];
    for (const { lang, q, note } of QUERIES) {
      gc();
      const r = measure(db, q);
      const p50 = median(r.fts);
      rows.push([
        `${lang} ${q}${note ? ` (${note})` : ''}`,
        int(r.hits),
        ms(p50),
        ms(percentile(r.fts, 99)),
        String(r.fts.length),
        ms(median(r.like)),
        ms(percentile(r.like, 99)),
        ratio(median(r.like), p50),
        ms(median(r.likeCount)),
        `${int(r.likeMatches)} (n=${r.likeCount.length})`,
        ratio(median(r.likeCount), p50),
      ]);
      diag.push([`${lang} ${q}`, int(r.hits), ...[r.ranked, r.window2000, r.window20, r.countFts, r.newest].map((x) => ms(median(x)))]);
      console.log(`  measured "${q}"`);
    }
    console.log(`\n${table(
      ['query', 'FTS hits', 'FTS p50 ms', 'FTS p99 ms', 'FTS runs', 'LIKE LIMIT 10 p50 ms', 'LIKE LIMIT 10 p99 ms', 'LIKE10/FTS p50', 'LIKE count-all p50 ms', 'LIKE matches', 'LIKE-all/FTS p50'],
      rows,
    )}\n`);
    console.log('FTS = createPaperSearch(db).search(q, { limit: 10 }) as src/db/paper-search.ts has it: the ranked MATCH, then a papers row, the summaries and a snippet per hit.');
    console.log('LIKE LIMIT 10 stops at the first 10 matches (no ranking); LIKE count-all scans everything, which ranking the matches would need.\n');
    console.log('Where the FTS time goes (median ms of the bare SQL, no row lookups or snippets):\n');
    console.log(table(['query', 'hits', 'bm25 over all matches', 'bm25 among newest 2,000', 'bm25 among newest 20', 'count(*) of all matches', 'newest 10, no rank'], diag));
    console.log(
      'bm25 over all matches: MATCH ORDER BY bm25 LIMIT 10. Among newest N: the same with rowid >= the N-th newest match (paper-search.ts since e03e183).\n' +
        'newest 10: MATCH ORDER BY rowid DESC LIMIT 10. count(*): one pass over the doclists, what bm25 also does once per phrase for its IDF.',
    );
    console.log(`\nquery plan of bm25 over all matches:\n${explain(db, RANK_SQL, '"learning"')}`);
    console.log(`query plan of bm25 among the newest 2,000:\n${explain(db, WINDOW_SQL, { q: '"learning"', window: 2000 })}`);
    console.log(`query plan of the LIKE baseline:\n${explain(db, `SELECT p.id FROM papers p WHERE ${LIKE_WHERE} LIMIT 10`, { q: '%learning%' })}`);
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  await runSearchBench({
    sizes: parseSizes(flag(args, 'sizes'), [100_000, 1_000_000]),
    reuse: hasFlag(args, 'reuse'),
    seed: Number(flag(args, 'seed') ?? 1),
    batch: Number(flag(args, 'batch') ?? 10_000),
    outDir: fileURLToPath(new URL('./out', import.meta.url)),
    known: Number(flag(args, 'known') ?? 500),
    diagnostics: hasFlag(args, 'diagnostics'),
    buildOnly: hasFlag(args, 'build-only'),
  });
}
