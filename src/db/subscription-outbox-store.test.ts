import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import { createSubscriptionOutboxStore } from './subscription-outbox-store.js';
import { createSubscriptionStore } from './subscription-store.js';

const T0 = '2024-10-30T00:00:00.000Z';
const T1 = '2024-10-30T01:00:00.000Z';

function setup() {
  const db = openDatabase(':memory:');
  const subs = createSubscriptionStore(db);
  const outbox = createSubscriptionOutboxStore(db);
  const sub = subs.add({ platform: 'slack', scope: 'me', target: 'U1', topic: 'robot', topicJson: '{}', locale: 'en', createdBy: 'U1', now: T0 })!;
  db.prepare("INSERT INTO papers (id, key, kind, title, title_norm, first_seen_at, updated_at) VALUES (1, 'arxiv:1', 'paper', 'A', 'a', ?, ?), (2, 'arxiv:2', 'paper', 'B', 'b', ?, ?)").run(T1, T1, T1, T1);
  const plan = () =>
    outbox.plan({ platform: 'slack', scope: 'me', target: 'U1', covers: [{ subscription: sub, papers: [1, 2], cursorBefore: T0 }],
      deliveries: [{ key: 'pbk0', body: { text: 'hi' } }, { key: 'pbk1', body: { text: 'more' } }], cursorAt: T1, now: T1 });
  return { db, subs, outbox, sub, plan };
}

describe('subscription outbox store', () => {
  it('plans the message, its deliveries and the papers it covers together, moving the cursor', () => {
    const t = setup();
    const id = t.plan();
    expect(t.outbox.get(id)).toMatchObject({ state: 'planned', conversation: null, target: 'U1' });
    expect(t.outbox.deliveries(id).map((d) => [d.seq, d.key, d.state, d.digest_id, d.subscription_message_id])).toEqual([
      [0, 'pbk0', 'planned', null, id],
      [1, 'pbk1', 'planned', null, id],
    ]);
    expect(t.subs.alreadySent(t.sub, [1, 2])).toEqual(new Set([1, 2]));
    expect(t.subs.active()[0]!.cursorAt).toBe(T1);
    t.outbox.setConversation(id, 'D1');
    t.outbox.setConversation(id, 'D2'); // the first conversation stays: it is where the message went
    expect(t.outbox.get(id)?.conversation).toBe('D1');
    t.outbox.finish(id, 'sent', T1);
    expect(t.outbox.unfinished()).toEqual([]);
    expect(t.subs.alreadySent(t.sub, [1, 2]).size).toBe(2);
  });

  it('gives the papers back and rewinds the cursor when the message is not delivered', () => {
    const t = setup();
    const id = t.plan();
    t.outbox.finish(id, 'paused', T1, 'user_not_found');
    expect(t.outbox.get(id)).toMatchObject({ state: 'paused', error: 'user_not_found' });
    expect(t.subs.alreadySent(t.sub, [1, 2]).size).toBe(0);
    expect(t.subs.active()[0]!.cursorAt).toBe(T0);
  });

  it('planning is all or nothing: a duplicate key leaves no message, no papers and the cursor where it was', () => {
    const t = setup();
    t.plan();
    t.db.prepare('DELETE FROM subscription_papers').run();
    t.db.prepare('UPDATE subscriptions SET cursor_at = ?').run(T0);
    expect(() => t.plan()).toThrow(/UNIQUE constraint failed: deliveries.key/);
    expect(t.outbox.unfinished()).toHaveLength(1);
    expect(t.subs.alreadySent(t.sub, [1, 2]).size).toBe(0);
    expect(t.subs.active()[0]!.cursorAt).toBe(T0);
  });

  it('a delivery belongs to a digest or to a subscription message, never both or neither', () => {
    const t = setup();
    const id = t.plan();
    const insert = (digest: number | null, message: number | null, key: string) =>
      t.db.prepare("INSERT INTO deliveries (digest_id, subscription_message_id, seq, key, body, state) VALUES (?, ?, 9, ?, '{}', 'planned')").run(digest, message, key);
    expect(() => insert(null, null, 'k1')).toThrow(/CHECK constraint failed/);
    t.db.prepare("INSERT INTO channels (id, platform, channel, locale, time, timezone, added_at) VALUES (1, 'slack', 'C1', 'en', '09:00', 'UTC', ?)").run(T0);
    t.db.prepare("INSERT INTO digests (id, channel_id, period, local_date, slot_at, window_start, window_end, state, created_at) VALUES (1, 1, '2024-10-30', '2024-10-30', ?, ?, ?, 'planned', ?)").run(T0, T0, T0, T0);
    expect(() => insert(1, id, 'k2')).toThrow(/CHECK constraint failed/);
  });

  it('migration 0007 keeps the digest deliveries of an existing database, and finds planned messages by index', () => {
    const db = new Database(':memory:');
    const migrations = loadMigrations();
    migrate(db, migrations.filter((m) => m.version < 7));
    db.prepare("INSERT INTO channels (id, platform, channel, locale, time, timezone, added_at) VALUES (1, 'discord', '1', 'en', '09:00', 'UTC', ?)").run(T0);
    db.prepare("INSERT INTO digests (id, channel_id, local_date, slot_at, window_start, window_end, state, created_at) VALUES (1, 1, '2024-10-30', ?, ?, ?, 'planned', ?)").run(T0, T0, T0, T0);
    db.prepare("INSERT INTO deliveries (digest_id, seq, key, body, state, claimed_by, attempts) VALUES (1, 0, 'pbold0', '{}', 'sending', 'h:1', 1)").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT digest_id, subscription_message_id, key, state, claimed_by, attempts FROM deliveries').all()).toEqual([
      { digest_id: 1, subscription_message_id: null, key: 'pbold0', state: 'sending', claimed_by: 'h:1', attempts: 1 },
    ]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM subscription_messages WHERE state = 'planned' ORDER BY id")).toMatch(/INDEX subscription_messages_planned/);
    expect(plan('SELECT * FROM deliveries WHERE subscription_message_id = 1 ORDER BY seq')).toMatch(/INDEX sqlite_autoindex_deliveries/);
  });
});
