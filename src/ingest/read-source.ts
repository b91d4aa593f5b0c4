/**
 * Reads one source as an ingest does, without storing anything: its documents (a URL, a file, or
 * every digest file of a folder), each parsed. A file of a folder that cannot be read or parsed is
 * an error with its place, not a failure of the folder; a lone document that fails fails the source
 * (SourceError). `paperboy ingest`, the bot and `paperboy doctor` all read sources through here.
 */
import type { EntryError, SourceEntry, SourceFormat } from '../core/types.js';
import { SourceError } from './errors.js';
import { loadPath, loadUrl, type LoadOptions } from './load-source.js';
import { parseDocument } from './parse-document.js';

export interface SourceLocation {
  url?: string;
  path?: string;
  format?: SourceFormat;
}

export interface SourceRead {
  format: SourceFormat | undefined;
  entries: SourceEntry[];
  /** Every problem with its place: files of a folder skipped whole, and entries that could not be read. */
  errors: EntryError[];
  /** Of `errors`, the files of a folder skipped whole (unreadable or unparsable). */
  skippedFiles: EntryError[];
  /** Documents the source has (files of a folder, else 1). */
  documents: number;
  /** The source's own title, from the first document that names itself. */
  title?: string;
}

/** The message of a failure to read a source: a SourceError says what is wrong; anything else is unexpected. */
export function describeSourceError(err: unknown): string {
  return err instanceof SourceError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
}

export async function readSource(spec: SourceLocation, load: LoadOptions): Promise<SourceRead> {
  if (!spec.url && !spec.path) throw new SourceError('has neither url nor path');
  const loaded = spec.url ? { docs: [await loadUrl(spec.url, load)], errors: [] } : await loadPath(spec.path!, load.maxBytes);
  const read: SourceRead = { format: spec.format, entries: [], errors: [...loaded.errors], skippedFiles: [...loaded.errors], documents: loaded.docs.length + loaded.errors.length };
  for (const doc of loaded.docs) {
    try {
      const parsed = await parseDocument(doc, spec.format);
      read.format ??= parsed.format;
      if (parsed.title) read.title ??= parsed.title;
      read.entries.push(...parsed.entries);
      read.errors.push(...parsed.errors.map((e) => (doc.relPath ? { ...e, place: `${doc.relPath}${e.place ? `, ${e.place}` : ''}` } : e)));
    } catch (err) {
      if (!doc.relPath || loaded.docs.length === 1) throw err;
      const skipped = { message: describeSourceError(err), place: doc.relPath };
      read.errors.push(skipped);
      read.skippedFiles.push(skipped);
    }
  }
  return read;
}
