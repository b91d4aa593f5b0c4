/**
 * What `paperboy backfill` has fetched: one row per (source, URL), written in the same
 * transaction as the entries that URL brought, so after a crash a URL is either recorded with
 * its papers stored or not recorded at all (and fetched again).
 */
import type { SourceEntry, SourceFormat } from '../core/types.js';
import { createIngestStore, type ApplyCounts } from './ingest-store.js';
import type { Db } from './open-database.js';

export interface BackfillFetch {
  source: string;
  url: string;
  day: string;
  /** arXiv API: how many results the day's search has in all. */
  total?: number;
}

export interface RecordedFetch {
  day: string;
  entries: number;
  total: number | null;
}

export function createBackfillStore(db: Db) {
  const ingest = createIngestStore(db);
  const list = db.prepare<[string], { url: string } & RecordedFetch>('SELECT url, day, entries, total FROM backfill_fetches WHERE source = ?');
  const insert = db.prepare(
    `INSERT INTO backfill_fetches (source, url, day, entries, total, fetched_at)
     VALUES (@source, @url, @day, @entries, @total, @now)
     ON CONFLICT (source, url) DO NOTHING`,
  );

  return {
    /** The URLs already fetched for a source. */
    fetched(source: string): Map<string, RecordedFetch> {
      return new Map(list.all(source).map(({ url, ...rest }) => [url, rest]));
    },
    /** Applies a fetched URL's entries (attributed to its source) and records the fetch, atomically. */
    apply(fetch: BackfillFetch, format: SourceFormat | undefined, entries: SourceEntry[], now: string, seenAt: string = now): ApplyCounts {
      return db.transaction(() => {
        const counts = format && entries.length > 0 ? ingest.applyEntries(fetch.source, format, entries, seenAt) : { new: 0, updated: 0, unchanged: 0 };
        insert.run({ source: fetch.source, url: fetch.url, day: fetch.day, entries: entries.length, total: fetch.total ?? null, now });
        return counts;
      })();
    },
  };
}

export type BackfillStore = ReturnType<typeof createBackfillStore>;
