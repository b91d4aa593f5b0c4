/**
 * A reading list as files to hand over: the whole list in one file when it fits the platform's
 * upload limit, else cut into parts that each fit (at most `maxFiles`), else refused. Parts are
 * cut between entries and each is a complete file of its format, so each imports on its own.
 */
import { EXPORT_FILE, writeLibrary, type ExportFormat, type ExportPaper } from '../library/write-library.js';

export interface ExportFile {
  name: string;
  mime: string;
  content: string;
  papers: number;
}

export type ExportResult = { kind: 'files'; files: ExportFile[]; bytes: number } | { kind: 'too-large'; bytes: number; parts: number };

const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');

/** Contiguous groups of about equal size. */
function chunks<T>(list: readonly T[], count: number): T[][] {
  const size = Math.ceil(list.length / count);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * `papers` in `format`, as few files as the limits allow. `baseName` is the file name without
 * extension; parts get `-1of3`. One paper that alone exceeds `maxBytes` (which no real paper
 * does) makes the export too large.
 */
export function exportFiles(papers: readonly ExportPaper[], format: ExportFormat, limits: { maxBytes: number; maxFiles: number }, baseName: string): ExportResult {
  const whole = writeLibrary(papers, format);
  const total = bytesOf(whole);
  const { extension, mime } = EXPORT_FILE[format];
  if (total <= limits.maxBytes) return { kind: 'files', bytes: total, files: [{ name: `${baseName}.${extension}`, mime, content: whole, papers: papers.length }] };
  // Start from an even cut, then halve any part that still does not fit.
  let groups = chunks(papers, Math.ceil(total / limits.maxBytes));
  const texts = new Map<readonly ExportPaper[], string>();
  for (;;) {
    const oversize = groups.find((g) => bytesOf(texts.get(g) ?? texts.set(g, writeLibrary(g, format)).get(g)!) > limits.maxBytes);
    if (!oversize) break;
    if (oversize.length === 1 || groups.length > limits.maxFiles) return { kind: 'too-large', bytes: total, parts: groups.length };
    const i = groups.indexOf(oversize);
    groups = [...groups.slice(0, i), ...chunks(oversize, 2), ...groups.slice(i + 1)];
  }
  if (groups.length > limits.maxFiles) return { kind: 'too-large', bytes: total, parts: groups.length };
  const files = groups.map((g, i) => ({ name: `${baseName}-${i + 1}of${groups.length}.${extension}`, mime, content: texts.get(g)!, papers: g.length }));
  return { kind: 'files', bytes: total, files };
}
