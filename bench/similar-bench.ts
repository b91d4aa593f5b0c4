/**
 * `/papers similar` at scale: p50/p99 of similar(id, 5) over random stored papers of the search
 * bench's database (bench/out/search-N.db, built by `bench/search-bench.ts --sizes N`), the
 * current src/pipeline/similar-papers.ts against the one before ADR 22 (bench/baseline-similar.ts),
 * alternating call by call so both see the same load. The database is opened as it is (never
 * rebuilt here); the paper count found is printed.
 *
 *   node --expose-gc --import tsx bench/similar-bench.ts [--size 1000000] [--papers 200]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/open-database.js';
import { createRankDocReader } from '../src/db/rank-doc-reader.js';
import { createSimilarCandidates } from '../src/db/similar-candidates.js';
import { createSimilarPapers } from '../src/pipeline/similar-papers.js';
import { flag, gc, int, isMain, median, ms, percentile, ratio, table } from './bench-util.js';
import { createBaselineSimilarPapers } from './baseline-similar.js';
import { createRandom } from './ranking/random.js';

export function runSimilarBench(args: string[]): void {
  const size = Number(flag(args, 'size') ?? 1_000_000);
  const count = Number(flag(args, 'papers') ?? 200);
  const file = fileURLToPath(new URL(`./out/search-${size}.db`, import.meta.url));
  if (!existsSync(file)) {
    console.log(`\n## similar: ${file} is missing; build it with bench/search-bench.ts --sizes ${size}`);
    return;
  }
  const db = openDatabase(file);
  const papers = db.prepare('SELECT count(*) FROM papers').pluck().get() as number;
  const maxId = db.prepare('SELECT max(id) FROM papers').pluck().get() as number;
  console.log(`\n## similar(id, 5): ${int(papers)} papers (${file})`);
  const deps = { docs: createRankDocReader(db), candidates: createSimilarCandidates(db), now: () => new Date() };
  const current = createSimilarPapers(deps);
  const baseline = createBaselineSimilarPapers(deps);
  const r = createRandom(11);
  const ids = Array.from({ length: count }, () => 1 + r.int(maxId));
  // The first call of each builds its background vocabulary (the newest 3,000 papers): timed apart.
  let t = performance.now();
  current.similar(ids[0]!);
  const currentFirst = performance.now() - t;
  t = performance.now();
  baseline.similar(ids[0]!);
  const baselineFirst = performance.now() - t;
  gc();
  const tc: number[] = [];
  const tb: number[] = [];
  let same = 0;
  for (const id of ids) {
    t = performance.now();
    const a = baseline.similar(id);
    tb.push(performance.now() - t);
    t = performance.now();
    const b = current.similar(id);
    tc.push(performance.now() - t);
    if (a.length && b.length && a[0]!.id === b[0]!.id) same += 1;
  }
  console.log(
    table(
      ['similar(id, 5)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'first call ms (builds the vocabulary)'],
      [
        ['baseline (before ADR 22)', ms(median(tb)), ms(percentile(tb, 90)), ms(percentile(tb, 99)), ms(Math.max(...tb)), ms(baselineFirst)],
        ['current', ms(median(tc)), ms(percentile(tc, 90)), ms(percentile(tc, 99)), ms(Math.max(...tc)), ms(currentFirst)],
        ['current / baseline', ratio(median(tc), median(tb)), ratio(percentile(tc, 90), percentile(tb, 90)), ratio(percentile(tc, 99), percentile(tb, 99)), '', ''],
      ],
    ),
  );
  console.log(`${count} random papers, alternating call by call; same best paper in ${same}/${count}`);
  db.close();
}

if (isMain(import.meta.url)) runSimilarBench(process.argv.slice(2));
