/**
 * "More like this" candidates straight from the full-text index, as Lucene's MoreLikeThis does:
 * the papers that share any of a paper's most telling terms, best bm25 first. The terms are
 * quoted tokens (never FTS syntax); rare terms keep the walk short at a million papers.
 */
import type { Db } from './open-database.js';

export function createSimilarCandidates(db: Db) {
  const match = db.prepare<[string, number], number>('SELECT rowid FROM paper_search WHERE paper_search MATCH ? ORDER BY rank LIMIT ?').pluck();
  return {
    sharingAny(terms: string[], limit: number): number[] {
      const q = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
      return q ? match.all(q, limit) : [];
    },
  };
}

export type SimilarCandidates = ReturnType<typeof createSimilarCandidates>;
