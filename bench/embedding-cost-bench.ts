/**
 * What the optional embedding part costs ranking (docs/adr/0015-embeddings.md): one day of
 * 1,000 candidates ranked for N profiles with trained models, without the part (baseline: the
 * ranking as shipped) and with it (cosine of 768-dimension vectors to the liked centroid, then the
 * blend), alternating in one run; plus reading the day's vectors from SQLite (paper_embeddings).
 * Vectors are random unit vectors: this measures cost only. Quality with real embeddings cannot be
 * measured offline here and is not claimed.
 *
 *   node --expose-gc --import tsx bench/embedding-cost-bench.ts [--profiles 50] [--candidates 1000] [--dims 768]
 */
import { embeddingSimilarity } from '../src/core/personal-ranking/embedding-part.js';
import { trainProfileModel, type ProfileExample } from '../src/core/personal-ranking/profile-model.js';
import { DEFAULT_BLEND, prepareRankingDay, rankDay } from '../src/core/personal-ranking/rank-day.js';
import { buildVectorSpace } from '../src/core/personal-ranking/vector-space.js';
import { createEmbeddingStore } from '../src/db/embedding-store.js';
import { createIngestStore } from '../src/db/ingest-store.js';
import { openDatabase } from '../src/db/open-database.js';
import { flag, isMain, median } from './bench-util.js';
import { docOf } from './ranking/evaluate.js';
import { generateCorpus } from './ranking/generate-corpus.js';
import { createRandom, type Random } from './ranking/random.js';

function unitVector(r: Random, dims: number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => r.normal());
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** Median ms to read `ids`' vectors from a database holding them, over a few reads. */
function storeReadMs(ids: number[], dims: number, r: Random): number {
  const db = openDatabase(':memory:');
  const entries = ids.map((i) => ({ entryKey: `arxiv:2501.${10000 + i}`, kind: 'paper' as const, arxivId: `2501.${10000 + i}`, title: `Paper ${i}`, authors: [], categories: [] }));
  createIngestStore(db).applyEntries('bench', 'arxiv-rss', entries, '2025-01-06T00:00:00Z');
  const stored = db.prepare('SELECT id FROM papers').pluck().all() as number[];
  const store = createEmbeddingStore(db);
  store.save('bench', stored.map((paperId) => ({ paperId, vector: unitVector(r, dims), textHash: 'h' })), '2025-01-06T00:00:00Z');
  const samples = Array.from({ length: 7 }, () => {
    const t = performance.now();
    store.vectors('bench', stored);
    return performance.now() - t;
  });
  db.close();
  return median(samples);
}

export function runEmbeddingCostBench(args: string[]): void {
  const profiles = Number(flag(args, 'profiles') ?? 50);
  const n = Number(flag(args, 'candidates') ?? 1000);
  const dims = Number(flag(args, 'dims') ?? 768);
  console.log(`\n## Embedding part cost: ${profiles} profiles × ${n} candidates, ${dims} dimensions`);
  const corpus = generateCorpus({ seed: 7, days: 6, papersPerDay: [n, n], areas: 6, topicsPerArea: 8, lists: 0 });
  const last = corpus.days - 1;
  const today = corpus.papers.filter((p) => p.day === last).map((p) => docOf(p, 'en'));
  const past = corpus.papers.filter((p) => p.day < last);
  const background = past.slice(-3000).map((p) => docOf(p, 'en'));
  const r = createRandom(5);
  const examples: ProfileExample[][] = Array.from({ length: profiles }, () => Array.from({ length: 3 + r.int(30) }, () => ({ doc: docOf(r.pick(past), 'en'), value: 1 as const })));
  const space = buildVectorSpace([...background, ...examples.flat().map((e) => e.doc)]);
  const day = prepareRankingDay(space, today);
  const models = examples.map((ex) => trainProfileModel(space, ex, background));
  const vectors = new Map<number, Float32Array>();
  for (const d of [...today, ...examples.flat().map((e) => e.doc)]) if (!vectors.has(d.id)) vectors.set(d.id, unitVector(r, dims));
  const blend = { ...DEFAULT_BLEND, embedding: 0.5 };
  const without = (): number => models.reduce((s, m) => s + rankDay(day, m)[0]!.id, 0);
  const withPart = (): number =>
    models.reduce((s, m, k) => {
      const sims = embeddingSimilarity(today.map((c) => vectors.get(c.id)), examples[k]!.map((e) => vectors.get(e.doc.id)!));
      return s + rankDay(day, m, blend, sims)[0]!.id;
    }, 0);
  without();
  withPart();
  const base: number[] = [];
  const next: number[] = [];
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    without();
    base.push(performance.now() - t);
    t = performance.now();
    withPart();
    next.push(performance.now() - t);
  }
  const partOnly: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (const ex of examples) embeddingSimilarity(today.map((c) => vectors.get(c.id)), ex.map((e) => vectors.get(e.doc.id)!));
    partOnly.push(performance.now() - t);
  }
  const perThousand = (ms: number): number => (ms / profiles) * (1000 / n);
  const [b, w] = [median(base), median(next)];
  console.log(`ranking without the embedding part (baseline): ${perThousand(b).toFixed(3)} ms per profile per 1,000 candidates (median of 3 rounds, ${b.toFixed(0)} ms for all)`);
  console.log(`ranking with the embedding part:               ${perThousand(w).toFixed(3)} ms per profile per 1,000 candidates (${w.toFixed(0)} ms for all); ${(w / b).toFixed(2)}× the baseline`);
  console.log(`the embedding part alone (centroid and ${n} cosines):  ${perThousand(median(partOnly)).toFixed(3)} ms per profile per 1,000 candidates`);
  const read = storeReadMs(today.map((_, i) => i), dims, r);
  console.log(`reading ${n} cached vectors from SQLite (once per ranking run, shared by all profiles): ${read.toFixed(2)} ms (median of 7)`);
  console.log('quality with real embeddings: not measured (no embedding model offline)');
}

if (isMain(import.meta.url)) runEmbeddingCostBench(process.argv.slice(2));
