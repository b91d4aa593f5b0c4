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
/**
 * Ranking is done among the newest RANK_WINDOW matches: bm25 over every match of a common word
 * in a million papers costs about a second, while the newest matches come from the index in
 * rowid order almost for free. See docs/adr/0003-search-cjk-bigrams.md and docs/benchmarks.md.
 */
export const RANK_WINDOW = 2000;

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Rank among this many newest matches (default RANK_WINDOW). */
  rankWindow?: number;
}

export function createPaperSearch(db: Db) {
  const match = db.prepare<{ q: string; window: number; limit: number; offset: number }, { rowid: number; rank: number }>(
    `SELECT rowid, bm25(paper_search, ${WEIGHTS}) AS rank FROM paper_search
     WHERE paper_search MATCH @q
       AND rowid >= coalesce((SELECT min(rowid) FROM (
             SELECT rowid FROM paper_search WHERE paper_search MATCH @q ORDER BY rowid DESC LIMIT @window)), 0)
     ORDER BY rank LIMIT @limit OFFSET @offset`,
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
      const rows = match.all({ q: fts, window: options.rankWindow ?? RANK_WINDOW, limit, offset: Math.max(0, options.offset ?? 0) });
      return rows.flatMap((r) => {
        const p = paper.get(r.rowid);
        if (!p) return [];
        return [{ key: p.key, arxivId: p.arxiv_id, title: p.title, score: Number((-r.rank).toFixed(4)), snippet: snippetFor(r.rowid, p.abstract, query) }];
      });
    },
  };
}

export type PaperSearch = ReturnType<typeof createPaperSearch>;
