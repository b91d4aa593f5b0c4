/**
 * Record keys: `arxiv:<version-less id>` for papers with an arXiv id, `url:<canonical URL>` for
 * articles, `title:<normalized title>` for an id-less paper until its arXiv record adopts it.
 */
import { parseArxivRef } from './arxiv-id.js';
import { canonicalUrl } from './canonical-url.js';
import { normalizeTitle } from './normalize-title.js';
import type { SourceEntry } from './types.js';

export function keyForEntry(entry: SourceEntry): string | undefined {
  if (entry.arxivId) return `arxiv:${entry.arxivId}`;
  if (entry.kind === 'article' && entry.url) return `url:${entry.url}`;
  return undefined;
}

export function titleKey(title: string): string {
  return `title:${normalizeTitle(title)}`;
}

/** The record key a user or operator means: an arXiv id in any form, an article URL, or a key. */
export function keyForLookup(input: string): string | undefined {
  const s = input.trim();
  if (/^(title|url):/.test(s)) return s;
  const ref = parseArxivRef(s);
  if (ref) return `arxiv:${ref.id}`;
  const url = canonicalUrl(s);
  return url ? `url:${url}` : undefined;
}
