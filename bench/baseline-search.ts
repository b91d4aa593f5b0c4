/**
 * The search ranking before issue 11 (commit 3c0b5cf's src/db/paper-search.ts), kept verbatim
 * as the benchmark's baseline: the newest RANK_WINDOW FTS5 matches in rowid order, ranked by the
 * application's field-weighted score. No known-item lookup and no title index.
 */
import type { SearchHit } from '../src/core/paper-view.js';
import { relevanceScorer } from '../src/core/relevance.js';
import { hasCjk, makeSnippet, toFtsQuery } from '../src/core/search-text.js';
import type { SummarySection } from '../src/core/types.js';
import { parseJson } from '../src/db/json.js';
import type { Db } from '../src/db/open-database.js';

/**
 * Ranking is done among the newest RANK_WINDOW matches: FTS5's bm25 walks every match of a
 * common word (tens of milliseconds at a million papers, whatever the LIMIT), while the newest
 * matches come from the index in rowid order almost for free. See docs/adr/0003.
 */
export const RANK_WINDOW = 100;

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Rank among this many newest matches (default RANK_WINDOW). */
  rankWindow?: number;
}

export function createBaselineSearch(db: Db) {
  const newest = db
    .prepare<[string, number], number>('SELECT rowid FROM paper_search WHERE paper_search MATCH ? ORDER BY rowid DESC LIMIT ?')
    .pluck();
  const paper = db.prepare<[number], { key: string; arxiv_id: string | null; title: string; abstract: string | null; authors: string }>(
    'SELECT key, arxiv_id, title, abstract, authors FROM papers WHERE id = ?',
  );
  const summaries = db.prepare<[number], { title: string | null; sections: string }>(
    'SELECT title, sections FROM summaries WHERE paper_id = ?',
  );

  function summaryTexts(id: number): string[] {
    return summaries.all(id).flatMap((s) => [s.title ?? '', ...parseJson<SummarySection[]>(s.sections, []).map((x) => x.text)]);
  }

  return {
    search(query: string, options: SearchOptions = {}): SearchHit[] {
      const fts = toFtsQuery(query);
      if (!fts) return [];
      const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
      const offset = Math.max(0, options.offset ?? 0);
      const window = Math.max(options.rankWindow ?? RANK_WINDOW, offset + limit);
      const score = relevanceScorer(query);
      const scored = newest.all(fts, window).flatMap((id) => {
        const p = paper.get(id);
        if (!p) return [];
        const texts = summaryTexts(id);
        const fields = { title: p.title, authors: parseJson<string[]>(p.authors, []).join(', '), summaries: texts.join('\n'), abstract: p.abstract ?? '' };
        return [{ id, p, texts, score: score(fields) }];
      });
      // Best score first; among equals, the newer paper.
      scored.sort((a, b) => b.score - a.score || b.id - a.id);
      return scored.slice(offset, offset + limit).map(({ p, texts, score: s }) => ({
        key: p.key,
        arxivId: p.arxiv_id,
        title: p.title,
        score: Number(s.toFixed(4)),
        snippet: makeSnippet(hasCjk(query) ? [...texts, p.abstract] : [p.abstract, ...texts], query),
      }));
    },
  };
}
