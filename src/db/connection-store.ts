/** The chat connections' state, written by the running bot and read by `status` and `doctor`. */
import type { ConnectionState, ConnectionStatus, RecordedConnection } from '../core/connection-state.js';
import type { Db } from './open-database.js';

interface Row {
  platform: string;
  state: ConnectionState;
  since: string;
  error: string | null;
  checked_at: string;
}

const toRecorded = (r: Row): RecordedConnection => ({
  platform: r.platform,
  state: r.state,
  since: r.since,
  ...(r.error !== null ? { error: r.error } : {}),
  checkedAt: r.checked_at,
});

export function createConnectionStore(db: Db) {
  const upsert = db.prepare<[string, string, string, string | null, string]>(
    `INSERT INTO chat_connections (platform, state, since, error, checked_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform) DO UPDATE SET state = excluded.state, since = excluded.since, error = excluded.error, checked_at = excluded.checked_at`,
  );
  const touch = db.prepare<[string]>('UPDATE chat_connections SET checked_at = ?');
  const all = db.prepare<[], Row>('SELECT platform, state, since, error, checked_at FROM chat_connections ORDER BY platform');
  return {
    record(platform: string, status: ConnectionStatus, at: string): void {
      upsert.run(platform, status.state, status.since, status.error ?? null, at);
    },
    /** The bot is still watching: every row is current as of `at`. */
    touch(at: string): void {
      touch.run(at);
    },
    list(): RecordedConnection[] {
      return all.all().map(toRecorded);
    },
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

/** The rows as they are, for a read-only connection (doctor); none when the table does not exist yet. */
export function readConnections(db: Db): RecordedConnection[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chat_connections'").get();
  return exists ? createConnectionStore(db).list() : [];
}
