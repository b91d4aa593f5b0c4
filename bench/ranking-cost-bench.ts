/**
 * What personal ranking costs: one day of 1,000 candidate papers ranked for 1,000 profiles
 * (each 3–60 liked papers of one generated topic, a few dislikes), against a background of
 * 3,000 papers. In one run, side by side:
 *  - baseline, the path before the model cache (ADR 22): one vocabulary over the background and
 *    every profile's examples, every model trained, every profile ranked: what each digest cycle
 *    paid (rankDay here is today's, so the baseline gains its speed-up too);
 *  - the personal ranker (src/pipeline/personal-ranker.ts) over in-memory stores: cold (empty
 *    model cache: a restart), warm (every model cached: the next digest cycle), after new papers
 *    were stored (vocabulary rebuilt, cached models rebound, not retrained) and one call per
 *    channel as the digest planner makes them;
 *  - votes order for the same profiles (a sort).
 * Times are wall and CPU (process.cpuUsage, less sensitive to a shared machine's load); heap
 * after a full GC.
 *
 *   node --expose-gc --import tsx bench/ranking-cost-bench.ts [--profiles 1000] [--candidates 1000]
 */
import type { ProfileRef } from '../src/core/personal-ranking/profile-ref.js';
import { comparePapers } from '../src/core/select-papers.js';
import { trainProfileModel, type ProfileExample } from '../src/core/personal-ranking/profile-model.js';
import { prepareRankingDay, rankDay, type RankCandidate } from '../src/core/personal-ranking/rank-day.js';
import { buildVectorSpace } from '../src/core/personal-ranking/vector-space.js';
import { createPersonalRanker } from '../src/pipeline/personal-ranker.js';
import { flag, gc, isMain, ratio, table } from './bench-util.js';
import { generateCorpus } from './ranking/generate-corpus.js';
import { docOf } from './ranking/evaluate.js';
import { createRandom } from './ranking/random.js';

const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}

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
    // One vote per paper, as the store tallies them.
    const seen = new Set<number>();
    return [...liked, ...disliked].filter((e) => !seen.has(e.doc.id) && seen.add(e.doc.id));
  });

  // Baseline: the path before the cache, every cycle.
  const h0 = heapMb();
  const baseline = timed(() => {
    const space = buildVectorSpace([...background, ...examples.flat().map((e) => e.doc)]);
    const day = prepareRankingDay(space, today);
    const models = examples.map((ex) => trainProfileModel(space, ex, background));
    let checksum = 0;
    for (const m of models) checksum += rankDay(day, m, undefined, undefined, 10)[0]!.id;
    return { checksum, held: heapMb() - h0, classifiers: models.filter((m) => m.kind === 'classifier').length };
  });

  // The personal ranker over in-memory stores.
  let stored = [...past.map((p) => docOf(p, 'en')), ...today];
  const byId = new Map(stored.map((d) => [d.id, d]));
  const refs: ProfileRef[] = examples.map((_, i) => ({ kind: 'channel', platform: 'discord', channel: `C${i}` }));
  const votesOf = new Map(refs.map((ref, i) => [(ref as { channel: string }).channel, examples[i]!.map((e) => ({ paperId: e.doc.id, value: e.value }))]));
  const ranker = createPersonalRanker({
    feedback: { votes: (ref) => votesOf.get((ref as { channel: string }).channel) ?? [] },
    interests: { list: () => [] },
    docs: {
      byIds: (ids) => ids.flatMap((id) => byId.get(id) ?? []),
      newest: (limit) => stored.slice(-limit).reverse(),
      idForKey: () => undefined,
      newestId: () => stored.at(-1)!.id,
    },
    modelCacheSize: Math.max(2000, profiles),
  });
  const h1 = heapMb();
  const first = (xs: ReturnType<typeof ranker.rankMany>): number => xs.reduce((s, x) => s + (x?.[0]?.id ?? 0), 0);
  const cold = timed(() => first(ranker.rankMany(refs, today, 10)));
  const warm = timed(() => first(ranker.rankMany(refs, today, 10)));
  const heldWarm = heapMb() - h1;
  // A new paper is stored: the vocabulary is rebuilt and every cached model rebound.
  const extra: RankCandidate = { ...today[0]!, id: stored.at(-1)!.id + 1 };
  stored = [...stored, extra];
  byId.set(extra.id, extra);
  const rebound = timed(() => first(ranker.rankMany(refs, today, 10)));
  const perChannel = timed(() => refs.reduce((s, ref) => s + (ranker.rank(ref, today, 10)?.[0]?.id ?? 0), 0));
  const stats = ranker.stats();

  const votes = today.map((d) => ({ id: d.id, title: d.title, abstract: null, categories: [], votes: d.votes, date: d.date, firstSeenAt: '' }));
  const votesOrder = timed(() => {
    let s = 0;
    for (let i = 0; i < profiles; i++) s += [...votes].sort(comparePapers('votes'))[0]!.id;
    return s;
  });

  const row = (name: string, t: { wall: number; cpu: number }, note: string) => [name, t.wall.toFixed(0), t.cpu.toFixed(0), (t.wall / profiles).toFixed(2), ratio(t.wall, baseline.wall), note];
  console.log(`profiles: ${profiles} (${baseline.value.classifiers} with a classifier), candidates ${today.length}, background ${background.length}`);
  console.log(
    table(
      ['path', 'wall ms', 'CPU ms', 'wall ms / profile', 'wall / baseline', 'note'],
      [
        row('baseline: vocabulary + train all + rank (no cache)', baseline, `heap held ${baseline.value.held.toFixed(0)} MB`),
        row('ranker cold (empty cache: after a restart)', cold, `${stats.trained} models trained in all`),
        row('ranker warm (models cached)', warm, `heap held with ${stats.size} cached models: ${heldWarm.toFixed(0)} MB`),
        row('ranker after new papers (vocabulary rebuilt, models rebound)', rebound, 'no training'),
        row('ranker warm, one call per channel (as plan-digest)', perChannel, `${stats.cached} cache hits in all`),
        row('votes order (a sort per profile)', votesOrder, ''),
      ],
    ),
  );
  console.log(`checksums of the best paper ids: cold ${cold.value}, warm ${warm.value} (${cold.value === warm.value ? 'the same' : 'DIFFERENT'}), after new papers ${rebound.value}, baseline ${baseline.value.checksum}`);
}

if (isMain(import.meta.url)) runRankingCostBench(process.argv.slice(2));
