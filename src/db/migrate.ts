/**
 * Plain SQL migrations, one file per step (`NNNN-name.sql`), applied in order inside one
 * transaction each, with SQLite's `user_version` as the schema version. A database written by
 * a newer Paperboy is refused rather than silently misread.
 */
import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toIndexText } from '../core/search-text.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}-.+\.sql$/.test(f))
    .sort()
    .map((f, i) => {
      const version = Number(f.slice(0, 4));
      if (version !== i + 1) throw new Error(`migration ${f} is out of sequence (expected ${String(i + 1).padStart(4, '0')})`);
      return { version, name: f, sql: readFileSync(dir + f, 'utf8') };
    });
}

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** Brings the database to the latest schema; returns the versions applied. */
export function migrate(db: Database.Database, migrations = loadMigrations()): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(
      `database schema version ${current} is newer than this Paperboy knows (${latest}); upgrade Paperboy or use another database`,
    );
  }
  // Migrations that fill a search table prepare its text with the same tokenizer as the writer.
  db.function('search_index_text', { deterministic: true }, (text: unknown) => toIndexText(typeof text === 'string' ? text : null));
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
