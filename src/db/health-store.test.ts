import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHealthStore } from './health-store.js';
import { openDatabase } from './open-database.js';

describe('health store', () => {
  it('finds a writable database writable and leaves nothing behind', () => {
    const db = openDatabase(':memory:');
    const changes = db.prepare('SELECT total_changes() AS n').pluck();
    const before = changes.get();
    expect(createHealthStore(db).checkWritable()).toEqual({ ok: true });
    expect(changes.get()).toBe(before);
    expect(db.inTransaction).toBe(false);
  });

  it('reports a database it cannot write to', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-health-')), 'p.db');
    openDatabase(file).close();
    const readonly = new Database(file, { readonly: true });
    const result = createHealthStore(readonly).checkWritable();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^SQLITE_READONLY/);
    expect(readonly.inTransaction).toBe(false);
  });

  it('reads the newest successful ingest and the queued deliveries per platform', () => {
    const db = openDatabase(':memory:');
    const health = createHealthStore(db);
    expect(health.lastIngestSuccess()).toBeNull();
    db.prepare("INSERT INTO source_status (source, last_run_at, last_success_at) VALUES ('a', '2024-10-30T06:00:00.000Z', '2024-10-30T06:00:00.000Z'), ('b', '2024-10-30T07:00:00.000Z', NULL)").run();
    expect(health.lastIngestSuccess()).toBe('2024-10-30T06:00:00.000Z');
    expect(health.outboxDepth()).toEqual([]);
  });

  it('counts queued subscription deliveries in the outbox depth beside digest ones', () => {
    const db = openDatabase(':memory:');
    const at = '2024-10-30T06:00:00.000Z';
    db.prepare("INSERT INTO channels (id, platform, channel, locale, time, timezone, added_at) VALUES (1, 'discord', '1', 'en', '09:00', 'UTC', ?)").run(at);
    db.prepare("INSERT INTO digests (id, channel_id, period, local_date, slot_at, window_start, window_end, state, created_at) VALUES (1, 1, '2024-10-30', '2024-10-30', ?, ?, ?, 'planned', ?)").run(at, at, at, at);
    db.prepare("INSERT INTO subscription_messages (id, platform, scope, target, state, covers, created_at) VALUES (1, 'slack', 'me', 'U1', 'planned', '[]', ?)").run(at);
    db.prepare("INSERT INTO deliveries (digest_id, subscription_message_id, seq, key, body, state) VALUES (1, NULL, 0, 'a', '{}', 'planned'), (NULL, 1, 0, 'b', '{}', 'sending'), (NULL, 1, 1, 'c', '{}', 'planned')").run();
    const depth = createHealthStore(db).outboxDepth();
    expect(depth.sort((x, y) => `${x.platform}${x.state}`.localeCompare(`${y.platform}${y.state}`))).toEqual([
      { platform: 'discord', state: 'planned', count: 1 },
      { platform: 'slack', state: 'planned', count: 1 },
      { platform: 'slack', state: 'sending', count: 1 },
    ]);
  });
});
