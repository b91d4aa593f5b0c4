/**
 * BASELINE for bench/similar-bench.ts: src/pipeline/similar-papers.ts as it was before ADR 22
 * (commit 82e54d3), kept verbatim so the bench can time both in one run, with the candidate
 * query it used (src/db/similar-candidates.ts before this bench's first 1M run: bm25 over an OR
 * of the terms).
 *
 * `/papers similar ID` and the "more like this" button: the stored papers most like one paper,
 * over the whole store. The full-text index finds the papers sharing its most telling terms
 * (weighed by the background vocabulary's idf), and the personal ranker orders them as it
 * would for a profile that liked only this paper, with the same reasons.
 */
import { trainProfileModel } from '../src/core/personal-ranking/profile-model.js';
import { prepareRankingDay, rankDay, type RankCandidate, type RankedPaper } from '../src/core/personal-ranking/rank-day.js';
import { buildVectorSpace, type VectorSpace } from '../src/core/personal-ranking/vector-space.js';
import type { Db } from '../src/db/open-database.js';

export function createBaselineSimilarCandidates(db: Db) {
  const match = db.prepare<[string, number], number>('SELECT rowid FROM paper_search WHERE paper_search MATCH ? ORDER BY rank LIMIT ?').pluck();
  return {
    sharingAny(terms: string[], limit: number): number[] {
      const q = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
      return q ? match.all(q, limit) : [];
    },
  };
}

export interface SimilarDeps {
  docs: { byIds(ids: number[]): RankCandidate[]; newest(limit: number): RankCandidate[] };
  candidates: { sharingAny(terms: string[], limit: number): number[] };
  now(): Date;
  backgroundSize?: number;
  /** How long one background vocabulary is reused (default 10 minutes). */
  vocabularyTtlMs?: number;
}

const QUERY_TERMS = 12;
const POOL = 200;

export function createBaselineSimilarPapers(deps: SimilarDeps) {
  let cached: { space: VectorSpace; at: number } | undefined;
  const vocabulary = (): VectorSpace => {
    const now = deps.now().getTime();
    if (!cached || now - cached.at > (deps.vocabularyTtlMs ?? 600_000)) cached = { space: buildVectorSpace(deps.docs.newest(deps.backgroundSize ?? 3000)), at: now };
    return cached.space;
  };
  return {
    /** The `limit` papers most like `paperId`, best first; [] when the paper is not stored. */
    similar(paperId: number, limit = 5): RankedPaper[] {
      const [paper] = deps.docs.byIds([paperId]);
      if (!paper) return [];
      const space = vocabulary();
      const v = space.vectorize(paper);
      const terms = Array.from(v.idx, (t, k) => [space.terms[t]!, v.val[k]!] as const)
        .filter(([term]) => !term.startsWith('@') && !term.startsWith('#'))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, QUERY_TERMS)
        .map(([term]) => term);
      const ids = deps.candidates.sharingAny(terms, POOL + 1).filter((id) => id !== paperId).slice(0, POOL);
      if (ids.length === 0) return [];
      const model = trainProfileModel(space, [{ doc: paper, value: 1 }], []);
      return rankDay(prepareRankingDay(space, deps.docs.byIds(ids)), model, undefined, undefined, limit).slice(0, limit);
    },
  };
}


