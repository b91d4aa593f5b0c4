/**
 * A plain list: one arXiv id, arXiv/Hugging Face/alphaxiv URL or DOI per line; `#` starts a
 * comment. A line that names none of them is reported.
 */
import { findArxivRef, parseArxivRef } from '../core/arxiv-id.js';
import type { LibraryEntry, LibraryError } from './library-entry.js';

const DOI = /\b(10\.\d{4,9}\/[^\s"<>]+)/i;

export function readIdItem(item: string, line: number): LibraryEntry | undefined {
  const s = item.trim();
  const arxiv = parseArxivRef(s) ?? findArxivRef(s);
  if (arxiv) return { line, authors: [], arxivId: arxiv.id };
  const doi = s.match(DOI);
  return doi ? { line, authors: [], doi: doi[1]!.replace(/[.,;]+$/, '').toLowerCase() } : undefined;
}

export function readIdList(text: string): { entries: LibraryEntry[]; errors: LibraryError[] } {
  const entries: LibraryEntry[] = [];
  const errors: LibraryError[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const entry = readIdItem(line, i + 1);
    if (entry) entries.push(entry);
    else errors.push({ line: i + 1, message: `not an arXiv id, arXiv URL or DOI: "${line.slice(0, 80)}"` });
  });
  return { entries, errors };
}
