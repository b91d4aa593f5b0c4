/**
 * `/papers similar` at scale: p50/p90/p99 of similar(id, 5) over random stored papers of the
 * search bench's database (bench/out/search-N.db, built by `bench/search-bench.ts --sizes N`;
 * `--reuse` there finishes an interrupted build), the current src/pipeline/similar-papers.ts
 * against the one before (bench/baseline-similar.ts: bm25 over an OR of the paper's terms),
 * alternating call by call so both see the same load. Wall and CPU time per call (the machine
 * is shared), the heap, how often both put the same paper first, and how alike the papers found
 * are: the mean cosine of the top 5 to the paper in the ranker's tf-idf space, the measure the
 * ranker orders by. The database is opened as it is (never rebuilt here).
 *
 *   node --expose-gc --import tsx bench/similar-bench.ts [--size 1000000] [--papers 200]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildVectorSpace, dot } from '../src/core/personal-ranking/vector-space.js';
import type { RankedPaper } from '../src/core/personal-ranking/rank-day.js';
import { openDatabase } from '../src/db/open-database.js';
import { createRankDocReader } from '../src/db/rank-doc-reader.js';
import { createSimilarCandidates } from '../src/db/similar-candidates.js';
import { createSimilarPapers } from '../src/pipeline/similar-papers.js';
import { flag, gc, int, isMain, mb, median, ms, percentile, ratio, table } from './bench-util.js';
import { createBaselineSimilarCandidates, createBaselineSimilarPapers } from './baseline-similar.js';
import { createRandom } from './ranking/random.js';

interface Timed {
  wall: number[];
  cpu: number[];
  cosine: number[];
}

export function runSimilarBench(args: string[]): void {
  const size = Number(flag(args, 'size') ?? 1_000_000);
  const count = Number(flag(args, 'papers') ?? 200);
  const file = fileURLToPath(new URL(`./out/search-${size}.db`, import.meta.url));
  if (!existsSync(file)) {
    console.log(`\n## similar: ${file} is missing (skipped); build it with bench/search-bench.ts --sizes ${size}`);
    return;
  }
  const db = openDatabase(file);
  const papers = db.prepare('SELECT count(*) FROM papers').pluck().get() as number;
  const maxId = db.prepare('SELECT max(id) FROM papers').pluck().get() as number;
  console.log(`\n## similar(id, 5): ${int(papers)} papers (${file})\n`);
  const docs = createRankDocReader(db);
  const now = (): Date => new Date();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // Both build their own vocabulary from the newest 3,000 papers on the first call (in the bot,
  // `similar` shares the personal ranker's): timed apart.
  const space = buildVectorSpace(docs.newest(3000));
  const current = createSimilarPapers({ docs, candidates: createSimilarCandidates(db), now, vocabulary: () => space });
  const baseline = createBaselineSimilarPapers({ docs, candidates: createBaselineSimilarCandidates(db), now });
  const r = createRandom(11);
  const ids = Array.from({ length: count }, () => 1 + r.int(maxId));
  const t = performance.now();
  baseline.similar(ids[0]!);
  const baselineFirst = performance.now() - t;
  const cosine = (id: number, found: RankedPaper[]): number => {
    const [paper, ...others] = docs.byIds([id, ...found.map((f) => f.id)]);
    const v = space.vectorize(paper!);
    return others.reduce((s, o) => s + dot(v, space.vectorize(o)), 0) / Math.max(1, others.length);
  };
  const run = (f: () => RankedPaper[], into: Timed): RankedPaper[] => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const found = f();
    into.wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    into.cpu.push((used.user + used.system) / 1000);
    return found;
  };
  gc();
  const tb: Timed = { wall: [], cpu: [], cosine: [] };
  const tc: Timed = { wall: [], cpu: [], cosine: [] };
  let same = 0;
  let inTop5 = 0;
  let peakHeap = 0;
  for (const id of ids) {
    const a = run(() => baseline.similar(id), tb);
    const b = run(() => current.similar(id), tc);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    tb.cosine.push(cosine(id, a));
    tc.cosine.push(cosine(id, b));
    if (a.length && b.length && a[0]!.id === b[0]!.id) same += 1;
    if (a.length && b.some((p) => p.id === a[0]!.id)) inTop5 += 1;
  }
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const mean = (xs: number[]): string => (xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)).toFixed(3);
  const row = (name: string, x: Timed, first: string): string[] => [
    name,
    ms(median(x.wall)),
    ms(percentile(x.wall, 90)),
    ms(percentile(x.wall, 99)),
    ms(Math.max(...x.wall)),
    ms(median(x.cpu)),
    ms(percentile(x.cpu, 99)),
    mean(x.cosine),
    first,
  ];
  console.log(
    table(
      ['similar(id, 5)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'CPU p50 ms', 'CPU p99 ms', 'mean cosine of top 5', 'first call ms (builds the vocabulary)'],
      [
        row('baseline (bm25 over an OR of 12 terms, pool 200)', tb, ms(baselineFirst)),
        row('current (bounded term and pair queries, pool 50)', tc, 'shares the ranker’s'),
        ['current / baseline', ratio(median(tc.wall), median(tb.wall)), ratio(percentile(tc.wall, 90), percentile(tb.wall, 90)), ratio(percentile(tc.wall, 99), percentile(tb.wall, 99)), '', ratio(median(tc.cpu), median(tb.cpu)), ratio(percentile(tc.cpu, 99), percentile(tb.cpu, 99)), '', ''],
      ],
    ),
  );
  console.log(
    `\n${count} random papers, alternating call by call; same best paper in ${same}/${count}, the baseline's best among the current top 5 in ${inTop5}/${count}.` +
      `\nheap: ${mb(heapBefore)} MB before, ${mb(peakHeap)} MB at most during the calls, ${mb(heapAfter)} MB after (with the 3,000-paper vocabulary), after gc.`,
  );
  db.close();
}

if (isMain(import.meta.url)) runSimilarBench(process.argv.slice(2));
