/**
 * Ranks candidates for channel and person profiles from what the store holds: the profile's
 * votes (feedback events) and seeds become examples, the newest stored papers the background
 * and vocabulary, and core/personal-ranking does the rest. A profile with no example has no
 * ranking (undefined): callers fall back to votes order.
 */
import { embeddingSimilarity } from '../core/personal-ranking/embedding-part.js';
import type { RankDoc } from '../core/personal-ranking/features.js';
import { DEFAULT_MODEL_SETTINGS, trainProfileModel, type ProfileExample } from '../core/personal-ranking/profile-model.js';
import { seedOwner, type ProfileRef } from '../core/personal-ranking/profile-ref.js';
import { DEFAULT_BLEND, EXPLAINED, prepareRankingDay, rankDay, type RankCandidate, type RankedPaper } from '../core/personal-ranking/rank-day.js';
import { buildVectorSpace } from '../core/personal-ranking/vector-space.js';

/** The stores the ranker reads (db/feedback-store, db/interest-store, db/rank-doc-reader). */
export interface PersonalRankerDeps {
  feedback: { votes(ref: ProfileRef): { paperId: number; value: number }[] };
  interests: { list(owner: string): { ref: string; paperId: number | null; title: string; abstract: string | null; authors: string[]; value: 1 | -1 }[] };
  docs: { byIds(ids: number[]): RankCandidate[]; newest(limit: number): RankCandidate[]; idForKey(key: string): number | undefined };
  /** Newest stored papers used as background and vocabulary (default 3,000). */
  backgroundSize?: number;
  /**
   * Optional embeddings (EMBEDDINGS_* set): the cached vectors of stored papers under the
   * configured model. When given, the blend gets an embedding part (cosine to the liked papers'
   * centroid) with weight `embeddingWeight`; papers without a vector get the part's mean. A read
   * that throws ranks without the part.
   */
  embeddings?: { vectors(paperIds: number[]): Map<number, Float32Array> };
  /** Weight of the embedding part in the blend (default 0.5; config `embeddings.weight`). */
  embeddingWeight?: number;
}

/** The embedding part's weight when nothing else is configured; not tuned (no real embeddings offline). */
export const DEFAULT_EMBEDDING_WEIGHT = 0.5;

export function createPersonalRanker(deps: PersonalRankerDeps) {
  const backgroundSize = deps.backgroundSize ?? 3000;

  /** Seeds first (oldest first), then voted papers in the order of their latest vote. */
  function examples(ref: ProfileRef): ProfileExample[] {
    // A seed imported before its paper was stored counts once the paper is.
    const seeds = deps.interests.list(seedOwner(ref)).map((s) => (s.paperId === null && s.ref.startsWith('arxiv:') ? { ...s, paperId: deps.docs.idForKey(s.ref) ?? null } : s));
    const stored = new Map(deps.docs.byIds(seeds.flatMap((s) => (s.paperId === null ? [] : [s.paperId]))).map((d) => [d.id, d]));
    let textOnly = 0;
    const fromSeeds = seeds.flatMap((s): ProfileExample[] => {
      const doc = (s.paperId !== null && stored.get(s.paperId)) || (s.title ? { id: -++textOnly, title: s.title, abstract: s.abstract, authors: s.authors } : undefined);
      return doc ? [{ value: s.value, doc }] : [];
    });
    const votes = deps.feedback.votes(ref).filter((v) => v.value !== 0);
    const voted = new Map(deps.docs.byIds(votes.map((v) => v.paperId)).map((d) => [d.id, d]));
    const fromVotes = votes.flatMap((v): ProfileExample[] => {
      const doc = voted.get(v.paperId);
      return doc ? [{ doc, value: v.value > 0 ? 1 : -1 }] : [];
    });
    // A vote overrides a seed of the same paper.
    const votedIds = new Set(fromVotes.map((e) => e.doc.id));
    return [...fromSeeds.filter((e) => !votedIds.has(e.doc.id)), ...fromVotes];
  }

  /** Every vector ranking these profiles may need, or undefined without embeddings (or when the read fails). */
  function vectorsFor(profiles: ProfileExample[][], candidates: RankCandidate[]): Map<number, Float32Array> | undefined {
    if (!deps.embeddings) return undefined;
    const liked = profiles.flat().flatMap((e) => (e.value === 1 && e.doc.id > 0 ? [e.doc.id] : []));
    try {
      return deps.embeddings.vectors([...new Set([...candidates.map((c) => c.id), ...liked])]);
    } catch {
      return undefined;
    }
  }

  function embeddingPart(vectors: Map<number, Float32Array> | undefined, ex: ProfileExample[], candidates: RankCandidate[]): Float64Array | undefined {
    if (!vectors || vectors.size === 0) return undefined;
    const liked = ex.flatMap((e) => (e.value === 1 && vectors.has(e.doc.id) ? [vectors.get(e.doc.id)!] : []));
    return embeddingSimilarity(candidates.map((c) => vectors.get(c.id)), liked);
  }

  const blend = { ...DEFAULT_BLEND, embedding: deps.embeddingWeight ?? DEFAULT_EMBEDDING_WEIGHT };

  return {
    examples,
    /**
     * Ranks `candidates` for each profile; a profile without a liked example maps to undefined.
     * The vocabulary and the day's index are built once for all of them.
     */
    rankMany(refs: ProfileRef[], candidates: RankCandidate[], explain = EXPLAINED): (RankedPaper[] | undefined)[] {
      const profiles = refs.map(examples);
      if (profiles.every((ex) => !ex.some((e) => e.value === 1))) return refs.map(() => undefined);
      const background = deps.docs.newest(backgroundSize);
      const space = buildVectorSpace([...background, ...profiles.flat().map((e) => e.doc)]);
      const day = prepareRankingDay(space, candidates);
      const negatives: RankDoc[] = background;
      const vectors = vectorsFor(profiles, candidates);
      return profiles.map((ex) => {
        if (!ex.some((e) => e.value === 1)) return undefined;
        const model = trainProfileModel(space, ex, negatives, DEFAULT_MODEL_SETTINGS);
        const embedding = embeddingPart(vectors, ex, candidates);
        return embedding ? rankDay(day, model, blend, embedding, explain) : rankDay(day, model, DEFAULT_BLEND, undefined, explain);
      });
    },
    /** The words that weigh most in the profile's model, best first (what `/papers interests` shows). */
    topTerms(ref: ProfileRef, n: number): string[] {
      const ex = examples(ref);
      if (!ex.some((e) => e.value === 1)) return [];
      const background = deps.docs.newest(backgroundSize);
      const space = buildVectorSpace([...background, ...ex.map((e) => e.doc)]);
      const { weights } = trainProfileModel(space, ex, background, DEFAULT_MODEL_SETTINGS);
      return Array.from(weights.idx, (t, k) => [space.terms[t]!, weights.val[k]!] as const)
        .filter(([term, w]) => w > 0 && !term.startsWith('@') && !term.startsWith('#'))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, n)
        .map(([term]) => term);
    },
    /** `explain`: how many of the best get a reason (what will be shown). */
    rank(ref: ProfileRef, candidates: RankCandidate[], explain = EXPLAINED): RankedPaper[] | undefined {
      return this.rankMany([ref], candidates, explain)[0];
    },
  };
}

export type PersonalRanker = ReturnType<typeof createPersonalRanker>;
