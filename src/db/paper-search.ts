/**
 * Full-text search over titles, authors, every summary and abstracts, ranked by bm25 with
 * the title weighing most. The user's text is turned into quoted tokens by the core, so no
 * input can be read as FTS syntax or SQL.
 */
import type { SearchHit } from '../core/paper-view.js';
import { hasCjk, makeSnippet, toFtsQuery } from '../core/search-text.js';
import type { SummarySection } from '../core/types.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

// bm25 column weights, in the table's column order: title, authors, summaries, abstract.
const WEIGHTS = '10.0, 4.0, 3.0, 1.0';

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

export function createPaperSearch(db: Db) {
  const match = db.prepare<[string, number, number], { rowid: number; rank: number }>(
    `SELECT rowid, bm25(paper_search, ${WEIGHTS}) AS rank FROM paper_search
     WHERE paper_search MATCH ? ORDER BY rank LIMIT ? OFFSET ?`,
  );
  const paper = db.prepare<[number], { key: string; arxiv_id: string | null; title: string; abstract: string | null }>(
    'SELECT key, arxiv_id, title, abstract FROM papers WHERE id = ?',
  );
  const summaries = db.prepare<[number], { title: string | null; sections: string }>(
    'SELECT title, sections FROM summaries WHERE paper_id = ?',
  );

  function snippetFor(id: number, abstract: string | null, query: string): string {
    const summaryTexts = summaries
      .all(id)
      .flatMap((s) => [s.title, ...parseJson<SummarySection[]>(s.sections, []).map((x) => x.text)]);
    const texts = hasCjk(query) ? [...summaryTexts, abstract] : [abstract, ...summaryTexts];
    return makeSnippet(texts, query);
  }

  return {
    search(query: string, options: SearchOptions = {}): SearchHit[] {
      const fts = toFtsQuery(query);
      if (!fts) return [];
      const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
      const rows = match.all(fts, limit, Math.max(0, options.offset ?? 0));
      return rows.flatMap((r) => {
        const p = paper.get(r.rowid);
        if (!p) return [];
        return [{ key: p.key, arxivId: p.arxiv_id, title: p.title, score: Number((-r.rank).toFixed(4)), snippet: snippetFor(r.rowid, p.abstract, query) }];
      });
    },
  };
}

export type PaperSearch = ReturnType<typeof createPaperSearch>;
