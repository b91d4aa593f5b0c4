import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createConnectionStore, readConnections } from './connection-store.js';
import { openDatabase } from './open-database.js';

describe('connection store', () => {
  it('keeps one row per platform: a change replaces it, touch only moves checked_at', () => {
    const db = openDatabase(':memory:');
    const store = createConnectionStore(db);
    store.record('slack', { state: 'reconnecting', since: '2024-10-30T06:00:00.000Z', error: 'ECONNRESET' }, '2024-10-30T06:00:01.000Z');
    store.record('slack', { state: 'connected', since: '2024-10-30T06:00:05.000Z' }, '2024-10-30T06:00:05.000Z');
    store.touch('2024-10-30T06:01:05.000Z');
    expect(store.list()).toEqual([{ platform: 'slack', state: 'connected', since: '2024-10-30T06:00:05.000Z', checkedAt: '2024-10-30T06:01:05.000Z' }]);
  });

  it('refuses a state the code does not know', () => {
    const db = openDatabase(':memory:');
    expect(() => createConnectionStore(db).record('slack', { state: 'flapping' as never, since: 'x' }, 'y')).toThrow(/CHECK constraint/);
  });

  it('reads nothing from a database without the table (an older schema, opened read-only by doctor)', () => {
    expect(readConnections(new Database(':memory:'))).toEqual([]);
  });
});
