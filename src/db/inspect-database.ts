/**
 * Looks at a Paperboy database for `paperboy doctor` without changing it: opened read-only, never
 * created, never migrated. Reports facts; the doctor decides what is wrong.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RecordedConnection } from '../core/connection-state.js';
import { readConnections } from './connection-store.js';
import { loadMigrations } from './migrate.js';

export interface SourceHealth {
  lastRunAt: string;
  lastSuccessAt: string | null;
}

export type DatabaseReport =
  | { state: 'missing' }
  /** Not a SQLite database, or it cannot be read at all. */
  | { state: 'unreadable'; error: string }
  | {
      state: 'open';
      /** `user_version` of the file and the newest migration this Paperboy has. */
      version: number;
      latest: number;
      /** `PRAGMA quick_check` messages; `['ok']` when healthy. */
      quickCheck: string[];
      /** Paths that are not writable (the file, its folder), each with the error code. */
      notWritable: { path: string; code: string }[];
      /** Last runs by source name; empty when the table does not exist yet. */
      sources: Map<string, SourceHealth>;
      /** Chat connection states as the bot recorded them; empty when the table does not exist yet. */
      connections: RecordedConnection[];
    };

export function inspectDatabase(file: string): DatabaseReport {
  if (!existsSync(file)) return { state: 'missing' };
  let db: Database.Database;
  try {
    // The file itself is never written. SQLite may leave its (empty) -wal and -shm companions next
    // to a WAL database it read, as any reader does; the next writer uses them as usual.
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return { state: 'unreadable', error: describe(err) };
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = loadMigrations().at(-1)?.version ?? 0;
    let quickCheck: string[];
    try {
      quickCheck = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    } catch (err) {
      quickCheck = [describe(err)];
    }
    return { state: 'open', version, latest, quickCheck, notWritable: notWritable(file), sources: sourceHealth(db), connections: recordedConnections(db) };
  } catch (err) {
    return { state: 'unreadable', error: describe(err) };
  } finally {
    db.close();
  }
}

function sourceHealth(db: Database.Database): Map<string, SourceHealth> {
  try {
    const rows = db.prepare<[], { source: string; last_run_at: string; last_success_at: string | null }>(
      'SELECT source, last_run_at, last_success_at FROM source_status',
    ).all();
    return new Map(rows.map((r) => [r.source, { lastRunAt: r.last_run_at, lastSuccessAt: r.last_success_at }]));
  } catch {
    // No source_status table yet (an older or foreign schema): nothing to report.
    return new Map();
  }
}

function recordedConnections(db: Database.Database): RecordedConnection[] {
  try {
    return readConnections(db);
  } catch {
    return [];
  }
}

function notWritable(file: string): { path: string; code: string }[] {
  const out: { path: string; code: string }[] = [];
  // The folder matters too: SQLite writes its -wal and -shm files next to the database.
  for (const path of [file, dirname(resolve(file))]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (err) {
      out.push({ path, code: (err as { code?: string }).code ?? 'EACCES' });
    }
  }
  return out;
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ? `${e.message} (${e.code})` : (e.message ?? String(err));
}
