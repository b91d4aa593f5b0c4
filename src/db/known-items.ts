/**
 * The papers a search query names exactly (core/known-item.ts): by record key or a key the
 * record was merged from, and by normalized title. Index lookups only (papers.key,
 * paper_aliases.key, papers_title_norm), so age and corpus size do not matter.
 */
import { knownItemQuery } from '../core/known-item.js';
import type { Db } from './open-database.js';

export function createKnownItems(db: Db) {
  const byKey = db
    .prepare<[string, string], number>('SELECT id FROM papers WHERE key = ? UNION SELECT paper_id FROM paper_aliases WHERE key = ?')
    .pluck();
  const byTitle = db.prepare<[string], number>('SELECT id FROM papers WHERE title_norm = ? ORDER BY id DESC').pluck();

  return {
    /** Ids of the papers the query names, the surest first (key before title; newer before older). */
    find(query: string): number[] {
      const q = knownItemQuery(query);
      const ids = q.keys.flatMap((k) => byKey.all(k, k));
      if (q.titleNorm) ids.push(...byTitle.all(q.titleNorm));
      return [...new Set(ids)];
    },
  };
}
