/**
 * `/papers similar ID` and the "more like this" button: the stored papers most like one paper,
 * over the whole store, much as Lucene's MoreLikeThis finds them. The paper's most telling terms
 * (tf-idf in the ranker's vocabulary) are asked of the full-text index, each query bounded:
 * - every term: the newest papers holding it (a rare term brings all of them, a common one only
 *   its newest);
 * - every pair of its rarer terms (held by at most PAIR_SHARE of the vocabulary's papers) whose
 *   own query was cut short: the papers holding both, from the whole store however old (rare
 *   terms make short doclists).
 * The papers holding the most of the terms' weight make the pool, and the personal ranker orders
 * the pool as it would for a profile that liked only this paper, with the same reasons. Cost per
 * call is bounded by the query limits and POOL, whatever the store's size (ADR 22).
 */
import { trainProfileModel } from '../core/personal-ranking/profile-model.js';
import { prepareRankingDay, rankDay, type RankCandidate, type RankedPaper } from '../core/personal-ranking/rank-day.js';
import { buildVectorSpace, type VectorSpace } from '../core/personal-ranking/vector-space.js';

export interface SimilarDeps {
  docs: { byIds(ids: number[]): RankCandidate[]; newest(limit: number): RankCandidate[] };
  candidates: { holdingAll(terms: string[], limit: number): number[] };
  now(): Date;
  /**
   * The personal ranker's vocabulary (kept until new papers are stored), so `similar` builds
   * none of its own. Without it, one is built from the newest `backgroundSize` papers and kept
   * for `vocabularyTtlMs`.
   */
  vocabulary?: () => VectorSpace;
  backgroundSize?: number;
  /** How long an own background vocabulary is reused (default 10 minutes). */
  vocabularyTtlMs?: number;
  /** Papers read and ranked (default POOL). */
  pool?: number;
  /** Newest papers fetched per term or pair (default PER_QUERY). */
  perQuery?: number;
}

/** The paper's terms asked of the index, one query each. */
export const QUERY_TERMS = 12;
/** Newest papers fetched per term or pair. */
export const PER_QUERY = 500;
/** The rarest of the query terms whose pairs are asked (15 pairs). */
export const PAIR_TERMS = 6;
/** A pair's terms are each held by at most this share of the vocabulary's papers (≈ 10,000 of a million). */
export const PAIR_SHARE = 0.01;
/** Papers read and ranked. */
export const POOL = 50;

interface QueryTerm {
  term: string;
  weight: number;
  idf: number;
}

export function createSimilarPapers(deps: SimilarDeps) {
  let cached: { space: VectorSpace; at: number } | undefined;
  const vocabulary = (): VectorSpace => {
    if (deps.vocabulary) return deps.vocabulary();
    const now = deps.now().getTime();
    if (!cached || now - cached.at > (deps.vocabularyTtlMs ?? 600_000)) cached = { space: buildVectorSpace(deps.docs.newest(deps.backgroundSize ?? 3000)), at: now };
    return cached.space;
  };

  function queryTerms(space: VectorSpace, paper: RankCandidate): QueryTerm[] {
    const v = space.vectorize(paper);
    return Array.from(v.idx, (t, k) => ({ term: space.terms[t]!, weight: v.val[k]!, idf: space.idf[t]! }))
      .filter(({ term }) => !term.startsWith('@') && !term.startsWith('#'))
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, QUERY_TERMS);
  }

  /** The pool's ids: the papers known to hold the most of the terms' weight, ties to the newest. */
  function pool(paperId: number, terms: QueryTerm[]): number[] {
    // Which query terms each paper is known to hold, as bits (QUERY_TERMS ≤ 31).
    const held = new Map<number, number>();
    const perQuery = deps.perQuery ?? PER_QUERY;
    const add = (ids: number[], bits: number): void => {
      for (const id of ids) if (id !== paperId) held.set(id, (held.get(id) ?? 0) | bits);
    };
    const cut = terms.map((t, i) => {
      const ids = deps.candidates.holdingAll([t.term], perQuery);
      add(ids, 1 << i);
      return ids.length >= perQuery;
    });
    // Pairs only of terms whose own query was cut short (else every holder is known already), and
    // rare ones: idf = ln((n+1)/(df+1)) + 1, so the share of papers holding a term is e^(1 - idf).
    const rare = terms
      .map((t, i) => ({ ...t, bit: 1 << i }))
      .filter((t, i) => cut[i] && Math.exp(1 - t.idf) <= PAIR_SHARE)
      .sort((a, b) => b.idf - a.idf || b.weight - a.weight)
      .slice(0, PAIR_TERMS);
    for (let a = 0; a < rare.length; a++) {
      for (let b = a + 1; b < rare.length; b++) add(deps.candidates.holdingAll([rare[a]!.term, rare[b]!.term], perQuery), rare[a]!.bit | rare[b]!.bit);
    }
    const score = (bits: number): number => terms.reduce((s, t, i) => (bits & (1 << i) ? s + t.weight : s), 0);
    return Array.from(held, ([id, bits]) => [id, score(bits)] as const)
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, deps.pool ?? POOL)
      .map(([id]) => id);
  }

  return {
    /** The `limit` papers most like `paperId`, best first; [] when the paper is not stored. */
    similar(paperId: number, limit = 5): RankedPaper[] {
      const [paper] = deps.docs.byIds([paperId]);
      if (!paper) return [];
      const space = vocabulary();
      const ids = pool(paperId, queryTerms(space, paper));
      if (ids.length === 0) return [];
      const model = trainProfileModel(space, [{ doc: paper, value: 1 }], []);
      return rankDay(prepareRankingDay(space, deps.docs.byIds(ids)), model, undefined, undefined, limit).slice(0, limit);
    },
  };
}

export type SimilarPapers = ReturnType<typeof createSimilarPapers>;
