/**
 * Relevance of a paper to a query, computed in the application over a bounded candidate set
 * (known items, the best title matches, the newest matches; docs/adr/0003). Each query word
 * counts per field with diminishing returns (tf / (tf + 1.2), as in BM25) and field weights
 * title 10, authors 4, summaries 3, abstract 1. There is no IDF: every candidate contains every
 * query word, so it would only reweigh words against each other, and computing it is what makes
 * bm25 walk a common word's whole index.
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

function fieldScore(text: string, terms: string[], weight: number): number {
  const folded = text.normalize('NFKC').toLowerCase();
  let score = 0;
  for (const term of terms) {
    const tf = occurrences(folded, term);
    score += (weight * tf) / (tf + 1.2);
  }
  return score;
}

/** A scorer for one query: folds the query once, then scores any number of papers. */
export function relevanceScorer(query: string): (fields: ScoredFields) => number {
  const terms = [...new Set(queryTerms(query))];
  return (fields) => WEIGHTS.reduce((sum, [field, weight]) => sum + fieldScore(fields[field], terms, weight), 0);
}

/** The title's part of relevanceScorer alone: it picks which title matches get scored in full. */
export function titleScorer(query: string): (title: string) => number {
  const terms = [...new Set(queryTerms(query))];
  return (title) => fieldScore(title, terms, WEIGHTS[0]![1]);
}
