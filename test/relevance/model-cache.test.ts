import { describe, expect, it } from 'vitest';
import { rebindModel } from '../../src/core/personal-ranking/model-cache.js';
import { trainProfileModel } from '../../src/core/personal-ranking/profile-model.js';
import type { ProfileRef } from '../../src/core/personal-ranking/profile-ref.js';
import { buildVectorSpace } from '../../src/core/personal-ranking/vector-space.js';
import { createFeedbackStore, type FeedbackEvent } from '../../src/db/feedback-store.js';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { createInterestStore } from '../../src/db/interest-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createRankDocReader } from '../../src/db/rank-doc-reader.js';
import { createPersonalRanker } from '../../src/pipeline/personal-ranker.js';

const TOPICS = [
  ['video diffusion generation', 'temporal video diffusion model for generation of long clips'],
  ['protein structure prediction', 'protein folding and structure prediction from sequences'],
  ['speech recognition transducer', 'streaming speech recognition with transducer decoders'],
  ['robot grasping manipulation', 'robot manipulation and grasping from point clouds'],
] as const;

function entries(from: number, count: number) {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const [title, abstract] = TOPICS[i % TOPICS.length]!;
    const id = `2501.${String(10000 + i)}`;
    return { entryKey: `arxiv:${id}`, kind: 'paper' as const, arxivId: id, title: `${title} ${i}`, abstract: `${abstract}, variant ${i}.`, authors: [`Author ${i % 4}`], categories: ['cs.LG'], votes: 60 - i, announcedOn: '2025-01-06' };
  });
}

function setup(options: { modelCacheSize?: number } = {}) {
  const db = openDatabase(':memory:');
  const ingest = createIngestStore(db);
  ingest.applyEntries('feed', 'arxiv-rss', entries(0, 40), '2025-01-06T00:00:00Z');
  const ids = db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
  const stores = { feedback: createFeedbackStore(db), interests: createInterestStore(db), docs: createRankDocReader(db) };
  const ranker = createPersonalRanker({ ...stores, ...options });
  return { db, ids, ingest, ...stores, ranker, fresh: () => createPersonalRanker(stores) };
}

let clicks = 0;
const click = (paperId: number, value: -1 | 0 | 1, channel = 'C1'): FeedbackEvent => ({
  platform: 'discord', workspace: 'G1', channel, actor: 'U1', paperId, value, origin: 'button', dedupeKey: `k${++clicks}`, at: '2025-01-06T10:00:00Z',
});
const ref = (channel = 'C1'): ProfileRef => ({ kind: 'channel', platform: 'discord', channel });

describe('trained models are cached by profile version', () => {
  it('ranks from the cached model exactly as a freshly trained one does', () => {
    const { ids, feedback, docs, ranker, fresh } = setup();
    // 9 liked papers: past minLikedForClassifier, so the classifier is cached too.
    for (const k of [1, 5, 9, 13, 17, 21, 25, 29, 33]) feedback.record(click(ids[k]!, 1));
    feedback.record(click(ids[2]!, -1));
    const candidates = docs.byIds(ids);
    const first = ranker.rank(ref(), candidates)!;
    expect(ranker.stats()).toMatchObject({ trained: 1, cached: 0 });
    const again = ranker.rank(ref(), candidates)!;
    expect(ranker.stats()).toMatchObject({ trained: 1, cached: 1 });
    expect(again).toEqual(first);
    expect(fresh().rank(ref(), candidates)).toEqual(first);
  });

  it('prepares a day once for every channel ranked on the same candidates, and again when their votes change', () => {
    const { ids, feedback, docs, ranker, fresh } = setup();
    feedback.record(click(ids[1]!, 1, 'C1'));
    feedback.record(click(ids[2]!, 1, 'C2'));
    const candidates = docs.byIds(ids.slice(20));
    const c1 = ranker.rank(ref('C1'), candidates)!;
    const c2 = ranker.rank(ref('C2'), docs.byIds(ids.slice(20)))!;
    expect(ranker.stats().days).toBe(1);
    expect(c1).toEqual(fresh().rank(ref('C1'), candidates));
    expect(c2).toEqual(fresh().rank(ref('C2'), candidates));
    // A re-ingest that moves one paper's votes far up is a new day, and the ranking sees it.
    const voted = candidates.map((c, i) => (i === candidates.length - 1 ? { ...c, votes: 100_000 } : c));
    const after = ranker.rank(ref('C1'), voted)!;
    expect(ranker.stats().days).toBe(2);
    expect(after).toEqual(fresh().rank(ref('C1'), voted));
    expect(after.findIndex((r) => r.id === voted.at(-1)!.id)).toBeLessThan(c1.findIndex((r) => r.id === voted.at(-1)!.id));
  });

  it('trains again when a click changes the profile, and the ranking follows the click', () => {
    const { ids, feedback, docs, ranker } = setup();
    feedback.record(click(ids[1]!, 1)); // protein
    const candidates = docs.byIds(ids.slice(20));
    const before = ranker.rank(ref(), candidates)!;
    expect(before[0]!.id % 4).toBe(ids[1]! % 4);
    feedback.record(click(ids[1]!, 0)); // undo
    feedback.record(click(ids[2]!, 1)); // speech
    const after = ranker.rank(ref(), candidates)!;
    expect(ranker.stats()).toMatchObject({ trained: 2, cached: 0 });
    expect(after[0]!.id % 4).toBe(ids[2]! % 4);
    expect(after.map((r) => r.id)).not.toEqual(before.map((r) => r.id));
  });

  it('keeps at most modelCacheSize models, least recently used out', () => {
    const { ids, feedback, docs, ranker } = setup({ modelCacheSize: 1 });
    feedback.record(click(ids[1]!, 1, 'C1'));
    feedback.record(click(ids[2]!, 1, 'C2'));
    const candidates = docs.byIds(ids.slice(20));
    ranker.rank(ref('C1'), candidates);
    ranker.rank(ref('C2'), candidates);
    ranker.rank(ref('C1'), candidates);
    expect(ranker.stats()).toMatchObject({ trained: 3, cached: 0, size: 1 });
  });

  it('moves a cached model to the vocabulary rebuilt after new papers are stored, without training it again', () => {
    const { ids, feedback, docs, ingest, ranker } = setup();
    feedback.record(click(ids[1]!, 1));
    ranker.rank(ref(), docs.byIds(ids.slice(20)));
    ingest.applyEntries('feed', 'arxiv-rss', entries(40, 8), '2025-01-07T00:00:00Z');
    const all = docs.byIds([...ids, ...Array.from({ length: 8 }, (_, k) => ids.at(-1)! + 1 + k)]);
    const ranked = ranker.rank(ref(), all)!;
    expect(ranker.stats()).toMatchObject({ trained: 1, cached: 1 });
    expect(ranked[0]!.id % 4).toBe(ids[1]! % 4);
  });
});

describe('rebindModel', () => {
  it('keeps every weight on its term in another vocabulary', () => {
    const docs = entries(0, 12).map((e, i) => ({ id: i + 1, title: e.title, abstract: e.abstract, authors: e.authors }));
    const a = buildVectorSpace(docs);
    const b = buildVectorSpace([...docs].reverse());
    const model = trainProfileModel(a, [{ doc: docs[1]!, value: 1 }, { doc: docs[2]!, value: -1 }], docs);
    const moved = rebindModel(model, a, b);
    const byTerm = (m: typeof model, space: typeof a) => new Map(Array.from(m.weights.idx, (t, k) => [space.terms[t], m.weights.val[k]]));
    expect(byTerm(moved, b)).toEqual(byTerm(model, a));
    expect(moved.neighbours[0]!.vector.idx.length).toBe(model.neighbours[0]!.vector.idx.length);
  });
});
