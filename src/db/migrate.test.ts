import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, SchemaTooNewError } from './migrate.js';
import { openDatabase } from './open-database.js';

describe('migrations', () => {
  it('bring a new database to the latest user_version and are idempotent', () => {
    const db = new Database(':memory:');
    const latest = loadMigrations().at(-1)!.version;
    expect(migrate(db)).toEqual(loadMigrations().map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(migrate(db)).toEqual([]);
  });

  it('refuse a database written by a newer Paperboy', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(() => migrate(db)).toThrow(/schema version 999 is newer/);
  });

  it('roll back a failing migration entirely', () => {
    const db = new Database(':memory:');
    const broken = [{ version: 1, name: '0001-broken.sql', sql: 'CREATE TABLE t (x INTEGER) STRICT; INSERT INTO nope VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrow(/no such table: nope/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
  });

  it('fill the title search index from existing papers, CJK titles as bigrams (0011)', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations().filter((m) => m.version < 11));
    const insert = db.prepare(
      "INSERT INTO papers (id, key, kind, title, title_norm, first_seen_at, updated_at) VALUES (?, ?, 'paper', ?, '', 'x', 'x')",
    );
    insert.run(7, 'title:a', '강화학습 기반 로봇 제어');
    insert.run(9, 'title:b', 'Ｄｅｎｓｅ Retrieval at Scale');
    migrate(db);
    const find = (q: string) => db.prepare('SELECT rowid FROM paper_title_search WHERE paper_title_search MATCH ?').pluck().all(q);
    expect(find('"학습"')).toEqual([7]);
    expect(find('"dense" "retrieval"')).toEqual([9]);
  });

  it('open file databases in WAL mode with foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
  });

  it('use indexes for the lookups ingest does per entry', () => {
    const db = openDatabase(':memory:');
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM observations WHERE source = 'a' AND entry_key = 'b'")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_observations/);
    expect(plan("SELECT id FROM papers WHERE key = 'arxiv:1'")).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_papers/);
    expect(plan("SELECT id FROM papers WHERE title_norm = 'x' AND key >= 'arxiv:' AND key < 'arxiv;'")).toMatch(/USING INDEX/);
    expect(plan('SELECT payload FROM observations WHERE paper_id = 1')).toMatch(/USING (COVERING )?INDEX observations_paper/);
    expect(plan("SELECT id FROM papers WHERE announced_on = '2024-10-30'")).toMatch(/USING (COVERING )?INDEX papers_announced_on/);
  });
});
