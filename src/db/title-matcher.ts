/**
 * Joins id-less entries (a Japanese blog post names no arXiv id) to arXiv records by title:
 * equal normalized titles join unless both author lists are known and share nobody; close
 * titles (bigram similarity ≥ 0.9) join only when an author's family name confirms it.
 */
import { authorSurname, normalizeTitle, titleSimilarity } from '../core/normalize-title.js';
import { searchTokens } from '../core/search-text.js';
import type { SourceEntry } from '../core/types.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

const CLOSE = 0.9;

interface Candidate {
  id: number;
  title_norm: string;
  authors: string;
}

function sharesAuthor(a: string[], b: string[]): boolean {
  const names = new Set(a.map(authorSurname).filter(Boolean));
  return b.some((n) => names.has(authorSurname(n)));
}

function confirms(titleNorm: string, authors: string[], c: Candidate): boolean {
  const theirs = parseJson<string[]>(c.authors, []);
  if (c.title_norm === titleNorm) return authors.length === 0 || theirs.length === 0 || sharesAuthor(authors, theirs);
  return titleSimilarity(titleNorm, c.title_norm) >= CLOSE && sharesAuthor(authors, theirs);
}

/** An FTS query that finds records sharing words with a title (OR of its rarest-looking tokens). */
function titleWordsQuery(titleNorm: string): string | undefined {
  const tokens = [...new Set(searchTokens(titleNorm).flat().map((t) => t.text))]
    .sort((a, b) => b.length - a.length)
    .slice(0, 8);
  return tokens.length ? `title : (${tokens.map((t) => `"${t}"`).join(' OR ')})` : undefined;
}

export function createTitleMatcher(db: Db) {
  const exact = db.prepare<[string, string, string], Candidate>(
    'SELECT id, title_norm, authors FROM papers WHERE title_norm = ? AND key >= ? AND key < ?',
  );
  const similar = db.prepare<[string, number], { rowid: number }>(
    'SELECT rowid FROM paper_search WHERE paper_search MATCH ? ORDER BY rank LIMIT ?',
  );
  const byId = db.prepare<[number], Candidate & { key: string }>('SELECT id, key, title_norm, authors FROM papers WHERE id = ?');
  const anyWaiting = db.prepare("SELECT 1 FROM papers WHERE key >= 'title:' AND key < 'title;' LIMIT 1").pluck();

  function find(titleNorm: string, authors: string[], prefix: 'arxiv:' | 'title:', exclude?: number): number[] {
    const upper = prefix.slice(0, -1) + ';';
    const found = exact.all(titleNorm, prefix, upper).filter((c) => c.id !== exclude && confirms(titleNorm, authors, c));
    if (found.length > 0 || authors.length === 0) return found.map((c) => c.id);
    const q = titleWordsQuery(titleNorm);
    if (!q) return [];
    return similar
      .all(q, 20)
      .map((r) => byId.get(r.rowid))
      .filter((c): c is Candidate & { key: string } => !!c && c.key.startsWith(prefix) && c.id !== exclude)
      .filter((c) => confirms(titleNorm, authors, c))
      .map((c) => c.id);
  }

  return {
    /** The arXiv record an id-less entry belongs to, if one matches. */
    findRecordFor(entry: SourceEntry): number | undefined {
      return find(normalizeTitle(entry.title), entry.authors ?? [], 'arxiv:')[0];
    },
    /** Whether any id-less record is waiting for its arXiv record. */
    waitingExist(): boolean {
      return anyWaiting.get() !== undefined;
    },
    /** Id-less records that an arXiv record with this title and these authors should adopt. */
    findWaitingFor(titleNorm: string, authors: string[], exclude: number): number[] {
      return find(titleNorm, authors, 'title:', exclude);
    },
  };
}
