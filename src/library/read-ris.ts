/**
 * RIS (Zotero, Mendeley, EndNote, Google Scholar) through citation-js (@citation-js/plugin-ris).
 * Records run from `TY  -` to `ER  -`; each is parsed on its own, so a malformed record is
 * reported with its line and the others are kept.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { cslToEntry, type CslItem } from './csl-to-entry.js';
import type { LibraryEntry, LibraryError } from './library-entry.js';
import { firstLine } from './read-bibtex.js';

export function readRis(text: string): { entries: LibraryEntry[]; errors: LibraryError[] } {
  const entries: LibraryEntry[] = [];
  const errors: LibraryError[] = [];
  let record: { line: number; lines: string[] } | undefined;
  const finish = (closed: boolean): void => {
    if (!record) return;
    const { line, lines } = record;
    record = undefined;
    if (!closed) return void errors.push({ line, message: 'malformed RIS record: no "ER  -" line ends it' });
    try {
      const items = new Cite(`${lines.join('\n')}\n`, { forceType: '@ris/file' }).data as CslItem[];
      if (items.length === 0) throw new Error('no record could be read');
      entries.push(cslToEntry(items[0]!, line, lines.join('\n')));
    } catch (err) {
      errors.push({ line, message: `malformed RIS record: ${firstLine(err)}` });
    }
  };
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    if (/^TY {2}- /.test(l)) {
      finish(false);
      record = { line: i + 1, lines: [l] };
    } else if (record) {
      record.lines.push(l);
      if (/^ER {2}-/.test(l)) finish(true);
    } else if (l.trim()) {
      errors.push({ line: i + 1, message: 'text outside a RIS record (a record starts with "TY  - ")' });
    }
  });
  finish(false);
  return { entries, errors };
}
