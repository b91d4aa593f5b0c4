/**
 * "More like this" candidates straight from the full-text index: the newest stored papers
 * holding all of one or two of a paper's telling terms. `ORDER BY rowid DESC LIMIT n` walks the
 * doclists from their end and stops after n rows, so a query costs at most n rows however many
 * papers hold the term (bm25 over an OR of twelve terms scored every match: seconds at a million
 * papers, docs/benchmarks.md). Terms are quoted tokens (never FTS syntax).
 */
import type { Db } from './open-database.js';

export function createSimilarCandidates(db: Db) {
  const newest = db.prepare<[string, number], number>('SELECT rowid FROM paper_search WHERE paper_search MATCH ? ORDER BY rowid DESC LIMIT ?').pluck();
  return {
    /** Ids of the newest papers whose text holds every one of `terms`, newest first, at most `limit`. */
    holdingAll(terms: string[], limit: number): number[] {
      const q = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
      return q ? newest.all(q, limit) : [];
    },
  };
}

export type SimilarCandidates = ReturnType<typeof createSimilarCandidates>;
