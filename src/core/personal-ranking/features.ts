/**
 * The features of personal ranking: what a paper says, as weighted terms. The project's own
 * search tokenizer turns title, abstract and every summary (any language) into words and CJK
 * bigrams; authors and categories become terms of their own (`@name`, `#cs.cl`). Title words
 * count more than the rest. Nothing here knows about searches: search scoring is
 * `core/relevance.ts`, this is what a profile is matched against.
 */
import { searchTokens } from '../search-text.js';

/** A paper (or an imported library entry that is not stored) as the ranker reads it. */
export interface RankDoc {
  /** Store id, or a negative number for a text-only example (an imported entry not stored). */
  id: number;
  title: string;
  abstract?: string | null;
  /** Every summary text the store holds for the paper, in every language. */
  summaries?: string[];
  authors?: string[];
  categories?: string[];
}

export const FIELD_WEIGHTS = { title: 2, abstract: 1, summary: 1, author: 1.5, category: 0.5 } as const;

/** Words too common in any paper to say what it is about. */
const STOPWORDS = new Set(
  `a an and are as at be by for from has have in into is it its of on or our that the their this to we
  with which while via using use used can these those than then also both more most such not no new
  show shows paper propose proposed approach method methods based results result model models`.split(/\s+/),
);

function keepWord(word: string): boolean {
  return word.length > 1 && !STOPWORDS.has(word) && !/^\d+$/.test(word);
}

function addText(into: Map<string, number>, text: string | null | undefined, weight: number): void {
  if (!text) return;
  for (const group of searchTokens(text)) {
    for (const token of group) {
      if (!token.cjk && !keepWord(token.text)) continue;
      into.set(token.text, (into.get(token.text) ?? 0) + weight);
    }
  }
}

/** `@` + the folded name: one term per author, whatever the spacing or case. */
export function authorTerm(name: string): string {
  return `@${name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

export function categoryTerm(category: string): string {
  return `#${category.trim().toLowerCase()}`;
}

/** The weighted term counts of one paper. */
export function docTerms(doc: RankDoc): Map<string, number> {
  const terms = new Map<string, number>();
  addText(terms, doc.title, FIELD_WEIGHTS.title);
  addText(terms, doc.abstract, FIELD_WEIGHTS.abstract);
  for (const s of doc.summaries ?? []) addText(terms, s, FIELD_WEIGHTS.summary);
  for (const a of doc.authors ?? []) if (a.trim()) terms.set(authorTerm(a), FIELD_WEIGHTS.author);
  for (const c of doc.categories ?? []) if (c.trim()) terms.set(categoryTerm(c), FIELD_WEIGHTS.category);
  return terms;
}
