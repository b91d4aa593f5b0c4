import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate.js';
import { createSubscriptionStore } from './subscription-store.js';

describe('migration 0014 (liked subscriptions)', () => {
  it('keeps existing subscriptions as topic subscriptions without a cap', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations().filter((m) => m.version < 14));
    db.prepare(
      `INSERT INTO subscriptions (platform, scope, target, topic, topic_json, locale, created_by, created_at, cursor_at)
       VALUES ('discord', 'me', 'u1', 'robot', '{"phrases":["robot"]}', 'en', 'u1', '2024-10-30T00:00:00Z', '2024-10-30T00:00:00Z')`,
    ).run();
    migrate(db);
    expect(createSubscriptionStore(db).active()).toMatchObject([{ topic: 'robot', kind: 'topic', dailyCap: null }]);
  });

  it('refuses an unknown kind and a cap outside 1–25', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = (kind: string, cap: number | null) =>
      db.prepare(
        `INSERT INTO subscriptions (platform, scope, target, topic, topic_json, locale, created_by, created_at, cursor_at, kind, daily_cap)
         VALUES ('slack', 'channel', 'C1', ?, '{}', 'en', 'U1', 'now', 'now', ?, ?)`,
      ).run(`${kind}:${cap}`, kind, cap);
    expect(() => insert('liked', 5)).not.toThrow();
    expect(() => insert('liked', 25)).not.toThrow();
    expect(() => insert('weekly', 5)).toThrow(/CHECK constraint failed/);
    expect(() => insert('liked', 0)).toThrow(/CHECK constraint failed/);
    expect(() => insert('liked', 26)).toThrow(/CHECK constraint failed/);
  });

  it('counts a subscription’s papers of the day with an index', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM subscription_papers WHERE subscription_id = 1 AND matched_at >= '2024-10-30'").all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING COVERING INDEX subscription_papers_by_time \(subscription_id=\? AND matched_at>\?\)/);
  });
});
