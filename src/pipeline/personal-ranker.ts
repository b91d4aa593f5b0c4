/**
 * Ranks candidates for channel and person profiles from what the store holds: the profile's
 * votes (feedback events) and seeds become examples, the newest stored papers the background
 * and vocabulary, and core/personal-ranking does the rest. A profile with no example has no
 * ranking (undefined): callers fall back to votes order.
 *
 * What is worth keeping between rankings is kept (docs/adr/0022-ranking-cost.md): the background
 * and its vocabulary (rebuilt after `backgroundTtlMs`), each candidate's vector (by paper id and
 * text, for as long as the vocabulary), and each profile's trained model, in a bounded LRU keyed
 * by the profile's version (its votes and seeds): a click or a seed trains it again.
 */
import { embeddingSimilarity } from '../core/personal-ranking/embedding-part.js';
import { createModelCache, rebindModel } from '../core/personal-ranking/model-cache.js';
import { DEFAULT_MODEL_SETTINGS, trainProfileModel, type ProfileExample, type ProfileModel } from '../core/personal-ranking/profile-model.js';
import { profileKey, seedOwner, type ProfileRef } from '../core/personal-ranking/profile-ref.js';
import { DEFAULT_BLEND, EXPLAINED, prepareRankingDay, rankDay, type RankCandidate, type RankedPaper, type RankingDay } from '../core/personal-ranking/rank-day.js';
import { buildVectorSpace, type SparseVector, type VectorSpace } from '../core/personal-ranking/vector-space.js';

/** The stores the ranker reads (db/feedback-store, db/interest-store, db/rank-doc-reader). */
export interface PersonalRankerDeps {
  feedback: { votes(ref: ProfileRef): { paperId: number; value: number }[] };
  interests: { list(owner: string): { ref: string; paperId: number | null; title: string; abstract: string | null; authors: string[]; value: 1 | -1 }[] };
  docs: { byIds(ids: number[]): RankCandidate[]; newest(limit: number): RankCandidate[]; idForKey(key: string): number | undefined; newestId?(): number };
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
  now?: () => Date;
  /** How long one background and its vocabulary are reused when `docs.newestId` is not given (default 1 h); with it, until a newer paper is stored. */
  backgroundTtlMs?: number;
  /** Trained models kept (default 2,000; least recently used out). */
  modelCacheSize?: number;
  /** A cached model older than this is trained again, on the current background (default 7 days). */
  modelMaxAgeMs?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Candidate vectors kept per vocabulary before the map is emptied (a day's candidates are a few thousand). */
const MAX_VECTORS = 50_000;
/** Prepared days kept: a digest cycle ranks channel after channel on a few candidate sets (channels' filters differ). */
const MAX_DAYS = 8;

/** What a profile's model is trained from, as a comparable string: it changes with every vote, undo and seed. */
function profileVersion(votes: { paperId: number; value: number }[], seeds: { ref: string; paperId: number | null; value: number; title: string }[]): string {
  return JSON.stringify([votes.map((v) => [v.paperId, v.value]), seeds.map((s) => [s.ref, s.paperId, s.value, s.title])]);
}

/** Which text a candidate's vector was made from: a summary added later makes a new vector. */
function textStamp(doc: RankCandidate): string {
  let n = doc.title.length + (doc.abstract?.length ?? 0);
  for (const s of doc.summaries ?? []) n += s.length + 1;
  return `${doc.id}:${n}:${doc.summaries?.length ?? 0}`;
}

/** The embedding part's weight when nothing else is configured; not tuned (no real embeddings offline). */
export const DEFAULT_EMBEDDING_WEIGHT = 0.5;

export function createPersonalRanker(deps: PersonalRankerDeps) {
  const backgroundSize = deps.backgroundSize ?? 3000;
  const now = (): number => (deps.now ?? (() => new Date()))().getTime();
  const models = createModelCache(deps.modelCacheSize ?? 2000);
  const stats = { trained: 0, cached: 0, days: 0 };
  let base: { space: VectorSpace; background: RankCandidate[]; at: number; newestId: number | undefined; vectors: Map<string, SparseVector> } | undefined;

  /**
   * The background and its vocabulary, built from the newest stored papers; rebuilt when a newer
   * paper is stored (an ingest, hours apart: a digest cycle ranks every channel on one), and
   * cached models then move to the new vocabulary (rebindModel, no training).
   */
  function background(): NonNullable<typeof base> {
    const stale = (b: NonNullable<typeof base>): boolean => (b.newestId === undefined ? now() - b.at > (deps.backgroundTtlMs ?? HOUR_MS) : deps.docs.newestId?.() !== b.newestId);
    if (!base || stale(base)) {
      const docs = deps.docs.newest(backgroundSize);
      base = { space: buildVectorSpace(docs), background: docs, at: now(), newestId: deps.docs.newestId?.(), vectors: new Map() };
    }
    return base;
  }

  /**
   * The day's index and per-day parts for these candidates on the current vocabulary, kept for
   * the next channel ranked on the same candidates (same papers, texts, votes and dates).
   */
  const days: { space: VectorSpace; key: string; day: RankingDay }[] = [];
  function dayFor(b: NonNullable<typeof base>, candidates: RankCandidate[]): RankingDay {
    const key = candidates.map((c) => `${textStamp(c)}:${c.authors?.length ?? 0}:${c.votes ?? ''}:${c.date ?? ''}`).join('|');
    const at = days.findIndex((d) => d.space === b.space && d.key === key);
    if (at >= 0) {
      const [hit] = days.splice(at, 1);
      days.unshift(hit!);
      return hit!.day;
    }
    const day = prepareRankingDay(b.space, candidates, (c) => vectorOf(b, c));
    stats.days += 1;
    days.unshift({ space: b.space, key, day });
    if (days.length > MAX_DAYS) days.pop();
    return day;
  }

  function vectorOf(b: NonNullable<typeof base>, doc: RankCandidate): SparseVector {
    const key = textStamp(doc);
    let v = b.vectors.get(key);
    if (!v) {
      if (b.vectors.size >= MAX_VECTORS) b.vectors.clear();
      b.vectors.set(key, (v = b.space.vectorize(doc)));
    }
    return v;
  }

  /** The profile's inputs (votes, seeds with their stored paper resolved) and their version. */
  function inputs(ref: ProfileRef) {
    // A seed imported before its paper was stored counts once the paper is.
    const seeds = deps.interests.list(seedOwner(ref)).map((s) => (s.paperId === null && s.ref.startsWith('arxiv:') ? { ...s, paperId: deps.docs.idForKey(s.ref) ?? null } : s));
    const votes = deps.feedback.votes(ref).filter((v) => v.value !== 0);
    return { seeds, votes, version: profileVersion(votes, seeds) };
  }

  /** Seeds first (oldest first), then voted papers in the order of their latest vote. */
  function examples(ref: ProfileRef, given = inputs(ref)): ProfileExample[] {
    const { seeds, votes } = given;
    const stored = new Map(deps.docs.byIds(seeds.flatMap((s) => (s.paperId === null ? [] : [s.paperId]))).map((d) => [d.id, d]));
    let textOnly = 0;
    const fromSeeds = seeds.flatMap((s): ProfileExample[] => {
      const doc = (s.paperId !== null && stored.get(s.paperId)) || (s.title ? { id: -++textOnly, title: s.title, abstract: s.abstract, authors: s.authors } : undefined);
      return doc ? [{ value: s.value, doc }] : [];
    });
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
  function vectorsFor(likedIds: number[][], candidates: RankCandidate[]): Map<number, Float32Array> | undefined {
    if (!deps.embeddings) return undefined;
    const liked = likedIds.flat();
    try {
      return deps.embeddings.vectors([...new Set([...candidates.map((c) => c.id), ...liked])]);
    } catch {
      return undefined;
    }
  }

  function embeddingPart(vectors: Map<number, Float32Array> | undefined, likedIds: number[], candidates: RankCandidate[]): Float64Array | undefined {
    if (!vectors || vectors.size === 0) return undefined;
    const liked = likedIds.flatMap((id) => (vectors.has(id) ? [vectors.get(id)!] : []));
    return embeddingSimilarity(candidates.map((c) => vectors.get(c.id)), liked);
  }

  const blend = { ...DEFAULT_BLEND, embedding: deps.embeddingWeight ?? DEFAULT_EMBEDDING_WEIGHT };

  /**
   * The profile's model over the current vocabulary: from the cache when its version is
   * unchanged (moved to a rebuilt vocabulary if need be), else trained and cached. Undefined
   * without a liked example. `examples` is set when they were read (a training).
   */
  function modelFor(ref: ProfileRef): { model: ProfileModel; liked: number[] } | undefined {
    const b = background();
    const key = profileKey(ref);
    const given = inputs(ref);
    const hit = models.get(key, given.version);
    if (hit && now() - hit.trainedAt <= (deps.modelMaxAgeMs ?? 7 * DAY_MS)) {
      stats.cached += 1;
      if (hit.space !== b.space) models.set(key, { ...hit, model: rebindModel(hit.model, hit.space, b.space), space: b.space });
      return models.get(key, given.version)!;
    }
    const ex = examples(ref, given);
    if (!ex.some((e) => e.value === 1)) return undefined;
    const model = trainProfileModel(b.space, ex, b.background, DEFAULT_MODEL_SETTINGS);
    stats.trained += 1;
    const liked = ex.flatMap((e) => (e.value === 1 && e.doc.id > 0 ? [e.doc.id] : []));
    models.set(key, { version: given.version, model, liked, space: b.space, trainedAt: now() });
    return { model, liked };
  }

  return {
    examples,
    /**
     * Ranks `candidates` for each profile; a profile without a liked example maps to undefined.
     * The vocabulary and the day's index are built once for all of them.
     */
    rankMany(refs: ProfileRef[], candidates: RankCandidate[], explain = EXPLAINED): (RankedPaper[] | undefined)[] {
      const b = background();
      const day = dayFor(b, candidates);
      const got = refs.map(modelFor);
      const vectors = vectorsFor(got.map((g) => g?.liked ?? []), candidates);
      return got.map((g) => {
        if (!g) return undefined;
        const embedding = embeddingPart(vectors, g.liked, candidates);
        return embedding ? rankDay(day, g.model, blend, embedding, explain) : rankDay(day, g.model, DEFAULT_BLEND, undefined, explain);
      });
    },
    /** The vocabulary rankings use now (kept until a newer paper is stored): `similar` shares it. */
    vocabulary(): VectorSpace {
      return background().space;
    },
    /** Models trained, models taken from the cache and days prepared so far (for benchmarks and tests). */
    stats(): { trained: number; cached: number; days: number; size: number } {
      return { ...stats, size: models.size };
    },
    /** The words that weigh most in the profile's model, best first (what `/papers interests` shows). */
    topTerms(ref: ProfileRef, n: number): string[] {
      const got = modelFor(ref);
      if (!got) return [];
      const { space } = background();
      const { weights } = got.model;
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
