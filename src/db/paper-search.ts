/**
 * Full-text search over titles, authors, every summary and abstracts (docs/adr/0003):
 *   1. papers the query names exactly (arXiv id, URL, title folded as for dedupe) come first;
 *   2. then the rest by field-weighted relevance (core/relevance.ts), newer first among equals,
 *      over a bounded candidate set: the best title matches (all of them up to TITLE_WINDOW,
 *      read from the small title-only index) and, unless the query named a paper, the newest
 *      matches in any field.
 * FTS5 is only ever read in rowid order, which stops early whatever the number of matches. The
 * user's text is turned into quoted tokens by the core, so no input can be read as FTS syntax or SQL.
 */
import type { SearchHit } from '../core/paper-view.js';
import { relevanceScorer, titleScorer } from '../core/relevance.js';
import { hasCjk, makeSnippet, toFtsQuery } from '../core/search-text.js';
import type { SummarySection } from '../core/types.js';
import { parseJson } from './json.js';
import { createKnownItems } from './known-items.js';
import type { Db } from './open-database.js';

/** Newest matches in any field that are scored in full (more when a later page needs them). */
export const RANK_WINDOW = 100;
/** Title matches read and scored by title, newest first; all of them when there are fewer. */
export const TITLE_WINDOW = 500;
/**
 * How many of the best-titled matches are scored in full (more when a later page needs them):
 * a title match outscores a match elsewhere, so the title score has mostly decided already.
 */
export const TITLE_TOP = 30;

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Newest matches in any field to score (default RANK_WINDOW). */
  rankWindow?: number;
  /** Title matches to read (default TITLE_WINDOW). */
  titleWindow?: number;
}

interface PaperRow {
  key: string;
  arxiv_id: string | null;
  title: string;
  abstract: string | null;
  authors: string;
}

export function createPaperSearch(db: Db) {
  const newest = db
    .prepare<[string, number], number>('SELECT rowid FROM paper_search WHERE paper_search MATCH ? ORDER BY rowid DESC LIMIT ?')
    .pluck();
  const newestTitles = db.prepare<[string, number], { id: number; title: string }>(
    `SELECT p.id, p.title_norm AS title FROM paper_title_search t JOIN papers p ON p.id = t.rowid
     WHERE paper_title_search MATCH ? ORDER BY t.rowid DESC LIMIT ?`,
  );
  const paper = db.prepare<[number], PaperRow>('SELECT key, arxiv_id, title, abstract, authors FROM papers WHERE id = ?');
  const summaries = db.prepare<[number], { title: string | null; sections: string }>(
    'SELECT title, sections FROM summaries WHERE paper_id = ?',
  );
  const knownItems = createKnownItems(db);

  function summaryTexts(id: number): string[] {
    return summaries.all(id).flatMap((s) => [s.title ?? '', ...parseJson<SummarySection[]>(s.sections, []).map((x) => x.text)]);
  }

  /**
   * The `top` best title matches by title score (newer first among equals), from the newest
   * `window`. Scored on the stored normalized title, which is already NFKC and lower case.
   */
  function bestTitled(fts: string, query: string, window: number, top: number): number[] {
    const score = titleScorer(query);
    return newestTitles
      .all(fts, window)
      .map(({ id, title }) => ({ id, s: score(title) }))
      .sort((a, b) => b.s - a.s || b.id - a.id)
      .slice(0, top)
      .map((x) => x.id);
  }

  return {
    search(query: string, options: SearchOptions = {}): SearchHit[] {
      const fts = toFtsQuery(query);
      const known = knownItems.find(query);
      if (!fts && known.length === 0) return [];
      const limit = Math.max(1, Math.min(options.limit ?? 10, 100));
      const offset = Math.max(0, options.offset ?? 0);
      const need = offset + limit;
      const titled = fts ? bestTitled(fts, query, Math.max(options.titleWindow ?? TITLE_WINDOW, need), Math.max(TITLE_TOP, need)) : [];
      // A query that names a paper is a whole title or an id: the rest of its answer comes from
      // title matches. Its AND over every field would walk the long doclists of all its words
      // (26-99 ms for one title at 1M papers, docs/benchmarks.md run F).
      const recent = fts && known.length === 0 ? newest.all(fts, Math.max(options.rankWindow ?? RANK_WINDOW, need)) : [];
      const knownRank = new Map(known.map((id, i) => [id, i]));
      const score = relevanceScorer(query);
      const scored = [...new Set([...known, ...titled, ...recent])].flatMap((id) => {
        const p = paper.get(id);
        if (!p) return [];
        const texts = summaryTexts(id);
        const fields = { title: p.title, authors: parseJson<string[]>(p.authors, []).join(', '), summaries: texts.join('\n'), abstract: p.abstract ?? '' };
        return [{ id, p, texts, known: knownRank.get(id) ?? Infinity, score: score(fields) }];
      });
      // Named papers first, in the order found; then best score; among equals, the newer paper.
      scored.sort((a, b) => a.known - b.known || b.score - a.score || b.id - a.id);
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

export type PaperSearch = ReturnType<typeof createPaperSearch>;
