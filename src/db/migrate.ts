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
  // A migration that rebuilds a table (SQLite's way to change a constraint) drops the old one:
  // with foreign keys on, that drop would cascade into the tables referencing it. SQLite's
  // procedure: foreign keys off (outside the transaction), rebuild, foreign_key_check, restore.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  // Only rows a migration breaks fail it (whatever was already there is not its doing); only a
  // migration that drops a table can, so only those pay for the check (a scan of every reference).
  const drops = (m: Migration): boolean => /\bDROP\s+TABLE\b/i.test(m.sql);
  const brokenBefore = current > 0 && migrations.some((m) => m.version > current && drops(m)) ? (db.pragma('foreign_key_check') as unknown[]).length : 0;
  try {
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.transaction(() => {
        db.exec(m.sql);
        const broken = drops(m) ? (db.pragma('foreign_key_check') as unknown[]) : [];
        if (broken.length > brokenBefore) throw new Error(`migration ${m.name} leaves ${broken.length} rows with a broken foreign key: ${JSON.stringify(broken.slice(0, 3))}`);
        db.pragma(`user_version = ${m.version}`);
      })();
      applied.push(m.version);
    }
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return applied;
}
