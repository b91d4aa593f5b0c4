/**
 * Reads a reference library export: BibTeX, RIS, CSL-JSON or a plain list of ids, told apart by
 * content (the file name's extension is only a hint). See the readers for each format.
 */
import type { LibraryFormat, LibraryReadResult } from './library-entry.js';
import { readBibtex } from './read-bibtex.js';
import { readCslJson } from './read-csl-json.js';
import { readIdList } from './read-id-list.js';
import { readRis } from './read-ris.js';

export function detectLibraryFormat(text: string, fileName = ''): LibraryFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'csl-json';
  if (/^TY {2}- /m.test(head.slice(0, 2000))) return 'ris';
  if (/^\s*@[A-Za-z]+\s*[{(]/m.test(head)) return 'bibtex';
  if (/\.(bib|bibtex)$/i.test(fileName)) return 'bibtex';
  if (/\.ris$/i.test(fileName)) return 'ris';
  return 'id-list';
}

export function readLibrary(text: string, fileName = ''): LibraryReadResult {
  const clean = text.replace(/^\uFEFF/, '');
  const format = detectLibraryFormat(clean, fileName);
  const read = { bibtex: readBibtex, ris: readRis, 'csl-json': readCslJson, 'id-list': readIdList }[format];
  return { format, ...read(clean) };
}
