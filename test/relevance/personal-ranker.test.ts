import { describe, expect, it } from 'vitest';
import type { ProfileRef } from '../../src/core/personal-ranking/profile-ref.js';
import { seedOwner } from '../../src/core/personal-ranking/profile-ref.js';
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

function setup() {
  const db = openDatabase(':memory:');
  const ingest = createIngestStore(db);
  const entries = Array.from({ length: 40 }, (_, i) => {
    const [title, abstract] = TOPICS[i % TOPICS.length]!;
    const id = `2501.${String(10000 + i)}`;
    return { entryKey: `arxiv:${id}`, kind: 'paper' as const, arxivId: id, title: `${title} ${i}`, abstract: `${abstract}, variant ${i}.`, authors: [`Author ${i % 4}`], categories: ['cs.LG'], votes: 40 - i, announcedOn: '2025-01-06' };
  });
  ingest.applyEntries('feed', 'arxiv-rss', entries, '2025-01-06T00:00:00Z');
  const ids = (db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[]);
  const feedback = createFeedbackStore(db);
  const interests = createInterestStore(db);
  const docs = createRankDocReader(db);
  const ranker = createPersonalRanker({ feedback, interests, docs });
  return { db, ids, feedback, interests, docs, ranker };
}

const click = (paperId: number, value: -1 | 0 | 1, over: Partial<FeedbackEvent> = {}): FeedbackEvent => ({
  platform: 'discord', workspace: 'G1', channel: 'C1', actor: 'U1', paperId, value, origin: 'button', at: '2025-01-06T10:00:00Z', ...over,
});

const channel: ProfileRef = { kind: 'channel', platform: 'discord', channel: 'C1' };

describe('feedback and personal ranking over the store', () => {
  it('records a click once per platform id, and the last vote of a person wins', () => {
    const { feedback, ids } = setup();
    expect(feedback.record(click(ids[0]!, 1, { dedupeKey: 'i-1' }))).toBe(true);
    expect(feedback.record(click(ids[0]!, 1, { dedupeKey: 'i-1' }))).toBe(false);
    feedback.record(click(ids[0]!, -1, { dedupeKey: 'i-2' }));
    expect(feedback.votes(channel)).toEqual([expect.objectContaining({ paperId: ids[0], value: -1, up: 0, down: 1 })]);
    feedback.record(click(ids[0]!, 0, { dedupeKey: 'i-3' }));
    expect(feedback.votes(channel)).toEqual([]);
  });

  it('keeps channels and servers apart: a click counts for its channel and for the person in that server only', () => {
    const { feedback, ids } = setup();
    feedback.record(click(ids[0]!, 1));
    feedback.record(click(ids[1]!, 1, { workspace: 'G2', channel: 'C9' }));
    expect(feedback.votes(channel).map((v) => v.paperId)).toEqual([ids[0]]);
    expect(feedback.votes({ kind: 'person', platform: 'discord', workspace: 'G1', user: 'U1' }).map((v) => v.paperId)).toEqual([ids[0]]);
    expect(feedback.votes({ kind: 'person', platform: 'discord', workspace: 'G2', user: 'U1' }).map((v) => v.paperId)).toEqual([ids[1]]);
    expect(feedback.votes({ kind: 'person', platform: 'slack', workspace: 'G1', user: 'U1' })).toEqual([]);
  });

  it('adds up the latest votes of everyone in a channel', () => {
    const { feedback, ids } = setup();
    feedback.record(click(ids[0]!, 1, { actor: 'U1' }));
    feedback.record(click(ids[0]!, 1, { actor: 'U2' }));
    feedback.record(click(ids[0]!, -1, { actor: 'U3' }));
    expect(feedback.votes(channel)).toEqual([expect.objectContaining({ value: 1, up: 2, down: 1 })]);
  });

  it('has no ranking without a liked example, then ranks what the channel liked first, and changes as feedback arrives', () => {
    const { feedback, ids, docs, ranker } = setup();
    const candidates = docs.byIds(ids.slice(20));
    expect(ranker.rank(channel, candidates)).toBeUndefined();
    feedback.record(click(ids[1]!, 1)); // protein
    const protein = ranker.rank(channel, candidates)!;
    expect(protein.slice(0, 5).every((r) => /protein/.test(candidates.find((c) => c.id === r.id)!.title))).toBe(true);
    expect(protein[0]!.reason.terms).toContain('protein');
    feedback.record(click(ids[1]!, 0));
    feedback.record(click(ids[2]!, 1)); // speech
    const speech = ranker.rank(channel, candidates)!;
    expect(/speech/.test(candidates.find((c) => c.id === speech[0]!.id)!.title)).toBe(true);
  });

  it('uses seeds, including library entries that are not stored, as liked examples', () => {
    const { interests, ids, docs, ranker } = setup();
    interests.add(seedOwner(channel), [
      { ref: 'doi:10.1/robots', paperId: null, title: 'Dexterous robot grasping', abstract: 'Grasping and manipulation by robot hands.', authors: [], value: 1, origin: 'import', addedAt: '2025-01-01T00:00:00Z' },
    ]);
    const ranked = ranker.rank(channel, docs.byIds(ids.slice(20)))!;
    expect(docs.byIds([ranked[0]!.id])[0]!.title).toMatch(/robot grasping/);
    expect(ranked[0]!.reason.like?.title).toBe('Dexterous robot grasping');
  });
});
