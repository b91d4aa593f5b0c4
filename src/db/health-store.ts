/** What /healthz and /metrics read from the database: a write probe, ingest freshness, outbox depth. */
import type { Db } from './open-database.js';

export interface OutboxDepth {
  platform: string;
  state: 'planned' | 'sending';
  count: number;
}

export function createHealthStore(db: Db) {
  const lastSuccess = db.prepare<[], { at: string | null }>('SELECT max(last_success_at) AS at FROM source_status');
  // Digest and subscription deliveries alike. Uses the partial index deliveries_unsent, so the
  // scrape stays cheap however long the history.
  const depth = db.prepare<[], OutboxDepth>(
    `SELECT coalesce(c.platform, m.platform) AS platform, d.state AS state, count(*) AS count
       FROM deliveries d
       LEFT JOIN digests g ON g.id = d.digest_id LEFT JOIN channels c ON c.id = g.channel_id
       LEFT JOIN subscription_messages m ON m.id = d.subscription_message_id
      WHERE d.state IN ('planned', 'sending')
      GROUP BY 1, d.state`,
  );
  const probe = db.prepare('UPDATE source_status SET source = source WHERE 0');

  return {
    /**
     * Takes the write lock and runs a write statement, then rolls back: fails on a read-only file,
     * a database another process keeps locked past the busy timeout, or a broken connection.
     */
    checkWritable(): { ok: true } | { ok: false; error: string } {
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          probe.run();
        } finally {
          db.exec('ROLLBACK');
        }
        return { ok: true };
      } catch (err) {
        const e = err as { code?: string; message?: string };
        return { ok: false, error: `${e.code ?? 'error'}: ${e.message ?? String(err)}` };
      }
    },
    /** The newest successful ingest of any source (ISO time), or null if none ever succeeded. */
    lastIngestSuccess(): string | null {
      return lastSuccess.get()?.at ?? null;
    },
    outboxDepth(): OutboxDepth[] {
      return depth.all();
    },
  };
}

export type HealthStore = ReturnType<typeof createHealthStore>;
