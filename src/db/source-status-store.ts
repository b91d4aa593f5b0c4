/** The last ingest of each source: when, what it counted, and its last error, for `status`. */
import type { EntryError } from '../core/types.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

export interface SourceRun {
  source: string;
  format?: string;
  at: string;
  entries: number;
  new: number;
  updated: number;
  unchanged: number;
  errors: EntryError[];
  /** Set when the source as a whole failed. */
  failure?: string;
}

export interface SourceStatus {
  source: string;
  format: string | null;
  lastRunAt: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  entries: number;
  new: number;
  updated: number;
  unchanged: number;
  errors: EntryError[];
}

interface Row {
  source: string;
  format: string | null;
  last_run_at: string;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  entries: number;
  new: number;
  updated: number;
  unchanged: number;
  errors: string;
}

function toStatus(r: Row): SourceStatus {
  return {
    source: r.source,
    format: r.format,
    lastRunAt: r.last_run_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    entries: r.entries,
    new: r.new,
    updated: r.updated,
    unchanged: r.unchanged,
    errors: parseJson<EntryError[]>(r.errors, []),
  };
}

export function createSourceStatusStore(db: Db) {
  // A failed run keeps the counts and success time of the last good run: they are still true of the store.
  const upsert = db.prepare(
    `INSERT INTO source_status (source, format, last_run_at, last_success_at, last_error, last_error_at, entries, new, updated, unchanged, errors)
     VALUES (@source, @format, @at, @successAt, @error, @errorAt, @entries, @new, @updated, @unchanged, @errors)
     ON CONFLICT (source) DO UPDATE SET
       format = coalesce(excluded.format, format),
       last_run_at = excluded.last_run_at,
       last_success_at = coalesce(excluded.last_success_at, last_success_at),
       last_error = excluded.last_error,
       last_error_at = coalesce(excluded.last_error_at, last_error_at),
       entries = CASE WHEN excluded.last_success_at IS NULL THEN entries ELSE excluded.entries END,
       new = CASE WHEN excluded.last_success_at IS NULL THEN new ELSE excluded.new END,
       updated = CASE WHEN excluded.last_success_at IS NULL THEN updated ELSE excluded.updated END,
       unchanged = CASE WHEN excluded.last_success_at IS NULL THEN unchanged ELSE excluded.unchanged END,
       errors = excluded.errors`,
  );
  const all = db.prepare<[], Row>('SELECT * FROM source_status ORDER BY source');
  const one = db.prepare<[string], Row>('SELECT * FROM source_status WHERE source = ?');

  return {
    record(run: SourceRun): void {
      const ok = run.failure === undefined;
      const firstError = run.failure ?? run.errors[0]?.message;
      upsert.run({
        source: run.source,
        format: run.format ?? null,
        at: run.at,
        successAt: ok ? run.at : null,
        error: firstError ?? null,
        errorAt: firstError ? run.at : null,
        entries: run.entries,
        new: run.new,
        updated: run.updated,
        unchanged: run.unchanged,
        errors: JSON.stringify(run.failure ? [{ message: run.failure }, ...run.errors] : run.errors),
      });
    },
    get(source: string): SourceStatus | undefined {
      const row = one.get(source);
      return row ? toStatus(row) : undefined;
    },
    list(): SourceStatus[] {
      return all.all().map(toStatus);
    },
  };
}

export type SourceStatusStore = ReturnType<typeof createSourceStatusStore>;
