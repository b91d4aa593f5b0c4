/**
 * A CSL-JSON item (what citation-js makes of BibTeX and RIS, and what Zotero exports as
 * CSL-JSON) → a library entry: title, abstract, author names, DOI, and an arXiv id found in the
 * DOI, the URL, the archive fields or the note (`arXiv:2401.00001`).
 */
import { findArxivRef, parseArxivRef } from '../core/arxiv-id.js';
import type { LibraryEntry } from './library-entry.js';

interface CslName {
  given?: string;
  family?: string;
  literal?: string;
}

export interface CslItem {
  title?: unknown;
  abstract?: unknown;
  author?: unknown;
  DOI?: unknown;
  URL?: unknown;
  number?: unknown;
  note?: unknown;
  'container-title'?: unknown;
  archive_location?: unknown;
  [field: string]: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim() : undefined);

function names(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((n: CslName) => {
    const name = text(n?.literal) ?? [text(n?.given), text(n?.family)].filter(Boolean).join(' ');
    return name ? [name] : [];
  });
}

/** `raw`: the entry's own text, searched last for an arXiv id (BibTeX's eprint field has no CSL home). */
export function cslToEntry(item: CslItem, line: number, raw = ''): LibraryEntry {
  const doi = text(item.DOI);
  const arxiv =
    (doi && parseArxivRef(doi)) ||
    [item.URL, item.number, item.archive_location, item.note, item['container-title']].map(text).reduce<ReturnType<typeof findArxivRef>>((found, t) => found ?? (t ? findArxivRef(t) : undefined), undefined) ||
    findEprint(raw);
  const entry: LibraryEntry = { line, authors: names(item.author) };
  const title = text(item.title);
  const abstract = text(item.abstract);
  if (title) entry.title = title;
  if (abstract) entry.abstract = abstract;
  if (doi) entry.doi = doi.toLowerCase();
  if (arxiv) entry.arxivId = arxiv.id;
  return entry;
}

function findEprint(raw: string) {
  const m = raw.match(/\beprint\s*=\s*[{"]\s*([^}"]+?)\s*[}"]/i);
  return (m && parseArxivRef(m[1]!)) || (raw ? findArxivRef(raw) : undefined);
}
