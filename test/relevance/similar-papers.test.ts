import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../src/core/types.js';
import { createFeedbackStore } from '../../src/db/feedback-store.js';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { createInterestStore } from '../../src/db/interest-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createRankDocReader } from '../../src/db/rank-doc-reader.js';
import { createSimilarCandidates } from '../../src/db/similar-candidates.js';
import { createPersonalRanker } from '../../src/pipeline/personal-ranker.js';
import { createSimilarPapers } from '../../src/pipeline/similar-papers.js';

const FILLER_TOPICS = ['video diffusion', 'protein folding', 'speech transducer', 'robot grasping', 'graph networks', 'code generation', 'image segmentation', 'time series'];

function entry(n: number, title: string, abstract: string): SourceEntry {
  const id = `2501.${String(10000 + n)}`;
  return { entryKey: `arxiv:${id}`, kind: 'paper', arxivId: id, title, abstract, authors: [`Author ${n % 7}`], categories: ['cs.LG'], announcedOn: '2025-01-06' };
}

/**
 * The oldest paper (id 1) is about hippocampal replay, as is the newest (the one asked about);
 * in between, `fillers` papers on other topics, of which `halves` mention only "hippocampal" and
 * `halves` only "replay", all newer than the related paper.
 */
function store(fillers: number, halves: number, related = entry(0, 'Hippocampal replay of place cell sequences', 'Hippocampal replay consolidates place cell sequences for spatial navigation in rodents.')) {
  const db = openDatabase(':memory:');
  const entries: SourceEntry[] = [related];
  for (let i = 1; i <= fillers; i++) {
    const topic = FILLER_TOPICS[i % FILLER_TOPICS.length]!;
    const extra = i <= halves ? ' hippocampal' : i <= 2 * halves ? ' replay' : '';
    entries.push(entry(i, `${topic} study ${i}`, `We study ${topic} with learning and networks, variant ${i}${extra}.`));
  }
  entries.push(entry(fillers + 1, 'Replay in hippocampal place cells during navigation', 'Place cell replay in the hippocampal circuit supports spatial navigation and memory.'));
  createIngestStore(db).applyEntries('feed', 'arxiv-rss', entries, '2025-01-06T00:00:00Z');
  const ids = db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
  return { db, related: ids[0]!, asked: ids[ids.length - 1]! };
}

describe('similar papers over the whole store', () => {
  it('puts the obviously related paper first, though it is the oldest stored', () => {
    const { db, related, asked } = store(300, 3);
    const similar = createSimilarPapers({ docs: createRankDocReader(db), candidates: createSimilarCandidates(db), now: () => new Date() });
    const found = similar.similar(asked, 5);
    expect(found[0]?.id).toBe(related);
    expect(found.map((p) => p.id)).not.toContain(asked);
    expect(found).toHaveLength(5);
  });

  it('finds an old paper sharing two rare terms even when newer papers holding one of them fill every single-term query', () => {
    // 1,502 papers: "hippocampal" and "replay" are each held by 12 of them (under 1%), more
    // than the 5 newest each single-term query returns here; the related paper shares no other
    // term with the one asked about, so only the pair query reaches it.
    const { db, related, asked } = store(1500, 10, entry(0, 'Hippocampal replay', 'Hippocampal replay in rodents.'));
    const deps = { docs: createRankDocReader(db), candidates: createSimilarCandidates(db), now: () => new Date(), perQuery: 5 };
    expect(createSimilarPapers(deps).similar(asked, 5)[0]?.id).toBe(related);
  });

  it("uses the personal ranker's vocabulary when given one, reading no background of its own", () => {
    const { db, related, asked } = store(60, 3);
    const reader = createRankDocReader(db);
    const ranker = createPersonalRanker({ feedback: createFeedbackStore(db), interests: createInterestStore(db), docs: reader });
    let backgroundReads = 0;
    const docs = { byIds: reader.byIds, newest: (n: number) => (backgroundReads++, reader.newest(n)) };
    const similar = createSimilarPapers({ docs, candidates: createSimilarCandidates(db), now: () => new Date(), vocabulary: () => ranker.vocabulary() });
    expect(similar.similar(asked, 3)[0]?.id).toBe(related);
    expect(backgroundReads).toBe(0);
  });

  it('answers nothing for a paper that is not stored', () => {
    const { db } = store(20, 0);
    const similar = createSimilarPapers({ docs: createRankDocReader(db), candidates: createSimilarCandidates(db), now: () => new Date() });
    expect(similar.similar(9999)).toEqual([]);
  });

  it('asks the index for the newest papers holding every term, bounded, with terms as plain tokens', () => {
    const { db, related, asked } = store(40, 5);
    const candidates = createSimilarCandidates(db);
    const both = candidates.holdingAll(['hippocampal', 'replay'], 10);
    expect(both).toEqual([asked, related]);
    const one = candidates.holdingAll(['hippocampal'], 3);
    expect(one).toHaveLength(3);
    expect(one[0]).toBe(asked);
    expect([...one].sort((a, b) => b - a)).toEqual(one);
    expect(candidates.holdingAll(['replay" OR "video', 'NEAR('], 10)).toEqual([]);
    expect(candidates.holdingAll([], 10)).toEqual([]);
  });
});
