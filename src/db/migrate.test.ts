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

describe('migration 0016 (weekly digests)', () => {
  const WEEKLY = 16;
  it('rebuilds digests with a kind and a period, keeping every digest, its outbox and its sent papers', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, loadMigrations().filter((m) => m.version < WEEKLY));
    const at = '2024-10-30T00:00:00Z';
    db.prepare("INSERT INTO channels (id, platform, channel, locale, time, timezone, added_at) VALUES (1, 'discord', '123456789012345678', 'en', '09:00', 'UTC', ?)").run(at);
    db.prepare("INSERT INTO papers (id, key, kind, title, title_norm, first_seen_at, updated_at) VALUES (5, 'arxiv:2410.00001', 'paper', 'A', 'a', ?, ?)").run(at, at);
    db.prepare("INSERT INTO digests (id, channel_id, local_date, slot_at, window_start, window_end, state, paper_count, created_at) VALUES (7, 1, '2024-10-30', ?, ?, ?, 'sent', 1, ?)").run(at, at, at, at);
    db.prepare("INSERT INTO deliveries (digest_id, seq, key, body, state, message_id) VALUES (7, 0, 'pbkey0', '{}', 'sent', 'm1')").run();
    db.prepare('INSERT INTO channel_papers (channel_id, paper_id, digest_id) VALUES (1, 5, 7)').run();
    expect(migrate(db, loadMigrations().filter((m) => m.version === WEEKLY))).toEqual([WEEKLY]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, kind, period, local_date, state FROM digests').all()).toEqual([{ id: 7, kind: 'daily', period: '2024-10-30', local_date: '2024-10-30', state: 'sent' }]);
    expect(db.prepare('SELECT digest_id, message_id FROM deliveries').all()).toEqual([{ digest_id: 7, message_id: 'm1' }]);
    expect(db.prepare('SELECT digest_id FROM channel_papers').pluck().all()).toEqual([7]);
    // A weekly digest on the same date is another row; a second one of the same week is refused.
    const insert = db.prepare("INSERT INTO digests (channel_id, kind, period, local_date, slot_at, window_start, window_end, state, created_at) VALUES (1, ?, ?, '2024-10-30', ?, ?, ?, 'planned', ?)");
    insert.run('weekly', '2024-W44', at, at, at, at);
    expect(() => insert.run('weekly', '2024-W44', at, at, at, at)).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run('daily', '2024-10-30', at, at, at, at)).toThrow(/UNIQUE constraint failed/);
    // Foreign keys work on the rebuilt table: deleting the channel takes its digests and their outbox.
    db.prepare('DELETE FROM channels WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM deliveries').pluck().get()).toBe(0);
  });
});
