/**
 * What personal ranking costs: one day of 1,000 candidate papers ranked for 1,000 profiles
 * (each 3–60 liked papers of one generated topic, a few dislikes), against a background of
 * 3,000 papers. Reported: the vocabulary, the day's index, training every model (the cold
 * case: after a restart or when every profile changed), ranking every profile with its model
 * (the warm case), and the heap they hold. Baseline in the same run: votes order for the
 * same profiles (a sort).
 *
 *   node --expose-gc --import tsx bench/ranking-cost-bench.ts [--profiles 1000] [--candidates 1000]
 */
import { comparePapers } from '../src/core/select-papers.js';
import { trainProfileModel, type ProfileExample, type ProfileModel } from '../src/core/personal-ranking/profile-model.js';
import { prepareRankingDay, rankDay } from '../src/core/personal-ranking/rank-day.js';
import { buildVectorSpace } from '../src/core/personal-ranking/vector-space.js';
import { flag, gc, isMain } from './bench-util.js';
import { generateCorpus } from './ranking/generate-corpus.js';
import { docOf } from './ranking/evaluate.js';
import { createRandom } from './ranking/random.js';

const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

export function runRankingCostBench(args: string[]): void {
  const profiles = Number(flag(args, 'profiles') ?? 1000);
  const candidatesPerDay = Number(flag(args, 'candidates') ?? 1000);
  console.log(`\n## Ranking cost: ${profiles} profiles × ${candidatesPerDay} candidates`);
  const corpus = generateCorpus({ seed: 7, days: 12, papersPerDay: [candidatesPerDay, candidatesPerDay], areas: 6, topicsPerArea: 8, lists: 0 });
  const last = corpus.days - 1;
  const today = corpus.papers.filter((p) => p.day === last).map((p) => docOf(p, 'en'));
  const past = corpus.papers.filter((p) => p.day < last);
  const background = past.slice(-3000).map((p) => docOf(p, 'en'));
  const r = createRandom(3);
  const byTopic = new Map<number, typeof past>();
  for (const p of past) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
  const topics = [...byTopic.keys()];
  const examples: ProfileExample[][] = Array.from({ length: profiles }, () => {
    const pool = byTopic.get(r.pick(topics))!;
    const liked = Array.from({ length: 3 + r.int(58) }, () => ({ doc: docOf(r.pick(pool), 'en'), value: 1 as const }));
    const disliked = Array.from({ length: r.int(4) }, () => ({ doc: docOf(r.pick(past), 'en'), value: -1 as const }));
    return [...liked, ...disliked];
  });
  const before = heapMb();
  let t = performance.now();
  const space = buildVectorSpace([...background, ...examples.flat().map((e) => e.doc)]);
  const spaceMs = performance.now() - t;
  t = performance.now();
  const day = prepareRankingDay(space, today);
  const indexMs = performance.now() - t;
  t = performance.now();
  const models: ProfileModel[] = examples.map((ex) => trainProfileModel(space, ex, background));
  const trainMs = performance.now() - t;
  const classifiers = models.filter((m) => m.kind === 'classifier').length;
  t = performance.now();
  let checksum = 0;
  // A digest shows 10 papers by default (channels[].maxPapers): those are explained.
  for (const m of models) checksum += rankDay(day, m, undefined, undefined, 10)[0]!.id;
  const rankMs = performance.now() - t;
  const held = heapMb() - before;
  t = performance.now();
  const votes = today.map((d) => ({ id: d.id, title: d.title, abstract: null, categories: [], votes: d.votes, date: d.date, firstSeenAt: '' }));
  for (let i = 0; i < profiles; i++) checksum += [...votes].sort(comparePapers('votes'))[0]!.id;
  const votesMs = performance.now() - t;
  console.log(`vocabulary: ${space.terms.length} terms from ${background.length} background papers and ${examples.flat().length} examples, ${spaceMs.toFixed(0)} ms`);
  console.log(`day index: ${today.length} candidates, ${indexMs.toFixed(0)} ms`);
  console.log(`training: ${models.length} models (${classifiers} classifiers, ${models.length - classifiers} centroids), ${trainMs.toFixed(0)} ms (${(trainMs / models.length).toFixed(2)} ms each)`);
  console.log(`ranking with trained models (warm): ${rankMs.toFixed(0)} ms for ${profiles} profiles (${(rankMs / profiles).toFixed(2)} ms each)`);
  console.log(`cold (vocabulary + index + training + ranking): ${(spaceMs + indexMs + trainMs + rankMs).toFixed(0)} ms`);
  console.log(`votes order for the same profiles (baseline): ${votesMs.toFixed(0)} ms; warm ranking is ${(rankMs / votesMs).toFixed(1)}× it`);
  console.log(`heap held by the vocabulary, index and models: ${held.toFixed(0)} MB (checksum ${checksum})`);
}

if (isMain(import.meta.url)) runRankingCostBench(process.argv.slice(2));
