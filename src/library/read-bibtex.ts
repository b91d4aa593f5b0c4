/**
 * BibTeX / BibLaTeX through citation-js (@citation-js/plugin-bibtex: LaTeX accents, braces,
 * names, months). The file is cut at each `@type{` that starts a line and every entry is parsed
 * on its own, so a malformed entry is reported with its line and the others are kept.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { cslToEntry, type CslItem } from './csl-to-entry.js';
import type { LibraryEntry, LibraryError } from './library-entry.js';

const ENTRY_START = /^\s*@([A-Za-z]+)\s*[{(]/;
const NOT_ENTRIES = new Set(['comment', 'preamble', 'string']);

export function splitBibtex(text: string): { line: number; raw: string; type: string }[] {
  const lines = text.split(/\r\n|\r|\n/);
  const chunks: { line: number; raw: string; type: string }[] = [];
  lines.forEach((l, i) => {
    const m = l.match(ENTRY_START);
    if (m) chunks.push({ line: i + 1, raw: l, type: m[1]!.toLowerCase() });
    else if (chunks.length) chunks[chunks.length - 1]!.raw += `\n${l}`;
  });
  return chunks;
}

export function readBibtex(text: string): { entries: LibraryEntry[]; errors: LibraryError[] } {
  const entries: LibraryEntry[] = [];
  const errors: LibraryError[] = [];
  for (const chunk of splitBibtex(text)) {
    if (NOT_ENTRIES.has(chunk.type)) continue;
    try {
      const items = new Cite(chunk.raw, { forceType: '@biblatex/text' }).data as CslItem[];
      if (items.length === 0) throw new Error('no entry could be read');
      entries.push(cslToEntry(items[0]!, chunk.line, chunk.raw));
    } catch (err) {
      errors.push({ line: chunk.line, message: `malformed BibTeX entry: ${firstLine(err)}` });
    }
  }
  return { entries, errors };
}

export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}
