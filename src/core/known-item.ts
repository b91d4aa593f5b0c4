/**
 * What a search query could name exactly: a record key (an arXiv id in any form — bare,
 * `arXiv:…`, an arxiv.org or Hugging Face URL, the DOI — or an article's URL), or a title,
 * normalized as for dedupe (NFKC, case, LaTeX, punctuation and white space folded). A paper
 * named this way comes first in search whatever its age (docs/adr/0003).
 */
import { normalizeTitle } from './normalize-title.js';
import { keyForLookup } from './paper-key.js';

export interface KnownItemQuery {
  /** Record keys the query names (`arxiv:…`, `url:…`); a title's `title:` key included. */
  keys: string[];
  /** The normalized title to look up; absent when nothing but punctuation is left. */
  titleNorm?: string;
}

export function knownItemQuery(query: string): KnownItemQuery {
  const keys: string[] = [];
  const key = keyForLookup(query);
  if (key) keys.push(key);
  const titleNorm = normalizeTitle(query);
  if (!titleNorm) return { keys };
  keys.push(`title:${titleNorm}`);
  return { keys, titleNorm };
}
