/** CSL-JSON (Zotero's "CSL JSON" export): an array of items; an item without a title is reported. */
import { cslToEntry, type CslItem } from './csl-to-entry.js';
import type { LibraryEntry, LibraryError } from './library-entry.js';

/** The line each top-level item starts on, found by walking the text once. */
function itemLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 1 && c === '{') lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') depth--;
  }
  return lines;
}

export function readCslJson(text: string): { entries: LibraryEntry[]; errors: LibraryError[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = String(err instanceof Error ? err.message : err).match(/position (\d+)/);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    return { entries: [], errors: [{ line, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const items = Array.isArray(data) ? data : [data];
  const lines = itemLines(text);
  const entries: LibraryEntry[] = [];
  const errors: LibraryError[] = [];
  items.forEach((item, i) => {
    const line = lines[i] ?? 1;
    if (!item || typeof item !== 'object') return void errors.push({ line, message: `item ${i + 1} is not an object` });
    const entry = cslToEntry(item as CslItem, line);
    if (!entry.title && !entry.arxivId) errors.push({ line, message: `item ${i + 1} has no title and no arXiv id` });
    else entries.push(entry);
  });
  return { entries, errors };
}
