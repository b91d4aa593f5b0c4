/**
 * Writes a paper's search entries: `paper_search` (every field) and `paper_title_search` (the
 * title alone, which ranking reads in full; docs/adr/0003). Both are rewritten together, so
 * they never disagree with each other or with the paper's row.
 */
import { toIndexText } from '../core/search-text.js';
import type { Db } from './open-database.js';

export interface SearchFields {
  title: string;
  authors: string[];
  summaries: string;
  abstract: string | undefined;
}

export function createSearchIndexWriter(db: Db) {
  const deleteAll = db.prepare('DELETE FROM paper_search WHERE rowid = ?');
  const deleteTitle = db.prepare('DELETE FROM paper_title_search WHERE rowid = ?');
  const insertAll = db.prepare('INSERT INTO paper_search (rowid, title, authors, summaries, abstract) VALUES (?, ?, ?, ?, ?)');
  const insertTitle = db.prepare('INSERT INTO paper_title_search (rowid, title) VALUES (?, ?)');

  const index = {
    remove(id: number): void {
      deleteAll.run(id);
      deleteTitle.run(id);
    },
    /** Indexes a paper that has no search entry yet. */
    insert(id: number, f: SearchFields): void {
      const title = toIndexText(f.title);
      insertAll.run(id, title, toIndexText(f.authors.join(', ')), toIndexText(f.summaries), toIndexText(f.abstract));
      insertTitle.run(id, title);
    },
    replace(id: number, f: SearchFields): void {
      index.remove(id);
      index.insert(id, f);
    },
  };
  return index;
}
