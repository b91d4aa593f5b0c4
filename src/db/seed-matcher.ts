/** Finds the stored paper a library entry names: by arXiv id, else by its folded title. */
import { normalizeTitle } from '../core/normalize-title.js';
import type { Db } from './open-database.js';

export interface StoredMatch {
  id: number;
  title: string;
  arxivId: string | null;
}

export function createSeedMatcher(db: Db) {
  const byKey = db.prepare<[string], StoredMatch>('SELECT id, title, arxiv_id AS arxivId FROM papers WHERE key = ?');
  const byAlias = db.prepare<[string], StoredMatch>(
    'SELECT p.id, p.title, p.arxiv_id AS arxivId FROM paper_aliases a JOIN papers p ON p.id = a.paper_id WHERE a.key = ?',
  );
  const byTitle = db.prepare<[string], StoredMatch>('SELECT id, title, arxiv_id AS arxivId FROM papers WHERE title_norm = ? ORDER BY id LIMIT 1');
  return {
    find(entry: { arxivId?: string; title?: string }): StoredMatch | undefined {
      if (entry.arxivId) {
        const key = `arxiv:${entry.arxivId}`;
        const hit = byKey.get(key) ?? byAlias.get(key);
        if (hit) return hit;
      }
      const norm = entry.title ? normalizeTitle(entry.title) : '';
      return norm ? byTitle.get(norm) : undefined;
    },
  };
}

export type SeedMatcher = ReturnType<typeof createSeedMatcher>;
