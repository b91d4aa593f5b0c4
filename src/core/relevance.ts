/**
 * Relevance of a paper to a query, computed in the application over a small candidate set (the
 * newest matches FTS5 returns). Each query word counts per field with diminishing returns
 * (tf / (tf + 1.2), as in BM25) and field weights title 10, authors 4, summaries 3, abstract 1.
 * There is no IDF: every candidate contains every query word, so it would only reweigh words
 * against each other, and computing it is what makes bm25 walk a common word's whole index.
 */
import { queryTerms } from './search-text.js';

export interface ScoredFields {
  title: string;
  authors: string;
  summaries: string;
  abstract: string;
}

const WEIGHTS: [keyof ScoredFields, number][] = [
  ['title', 10],
  ['authors', 4],
  ['summaries', 3],
  ['abstract', 1],
];

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** A scorer for one query: folds the query once, then scores any number of papers. */
export function relevanceScorer(query: string): (fields: ScoredFields) => number {
  const terms = [...new Set(queryTerms(query))];
  return (fields) => {
    let score = 0;
    for (const [field, weight] of WEIGHTS) {
      const text = fields[field].normalize('NFKC').toLowerCase();
      for (const term of terms) {
        const tf = occurrences(text, term);
        score += (weight * tf) / (tf + 1.2);
      }
    }
    return score;
  };
}
