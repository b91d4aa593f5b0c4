/** What the last successful ingest saw of each source (format, URL, own title), for its label on cards. */
import type { SourceFacts } from '../core/source-label.js';
import type { Db } from './open-database.js';

export interface SourceFactsRecord {
  source: string;
  format: string;
  /** The source's URL; a file or folder has none (its path is never kept here). */
  url?: string;
  title?: string;
  at: string;
}

interface Row {
  format: string;
  url: string | null;
  title: string | null;
}

export function createSourceFactsStore(db: Db) {
  // A run that found no title (a folder whose newest file has none) keeps the one seen before.
  const upsert = db.prepare(
    `INSERT INTO source_facts (source, format, url, title, updated_at) VALUES (@source, @format, @url, @title, @at)
     ON CONFLICT (source) DO UPDATE SET format = excluded.format, url = excluded.url,
       title = coalesce(excluded.title, title), updated_at = excluded.updated_at`,
  );
  const one = db.prepare<[string], Row>('SELECT format, url, title FROM source_facts WHERE source = ?');

  return {
    record(r: SourceFactsRecord): void {
      upsert.run({ source: r.source, format: r.format, url: r.url ?? null, title: r.title?.trim() || null, at: r.at });
    },
    get(source: string): SourceFacts | undefined {
      const row = one.get(source);
      if (!row) return undefined;
      return { format: row.format, ...(row.url ? { url: row.url } : {}), ...(row.title ? { title: row.title } : {}) };
    },
  };
}

export type SourceFactsStore = ReturnType<typeof createSourceFactsStore>;
