/**
 * Retention of raw source entries (docs/adr/0007-retention.md): the observations of a settled
 * paper (its row and all its observations unchanged for N days) keep only what the record does
 * not already hold. The observation row, its hash and its timestamps stay, so re-ingest is still
 * idempotent and provenance unchanged; `paper-writer` resolves the references when it merges.
 */
import { prunePayload, type StoredPayload } from '../core/prune-entry.js';
import type { SourceFormat } from '../core/types.js';
import type { Db } from './open-database.js';
import { createRecordReader } from './paper-record.js';

export interface PruneBatch {
  /** The last paper id looked at: the next batch starts after it; undefined when none was left. */
  lastId: number | undefined;
  papers: number;
  observations: number;
  /** UTF-8 bytes of the payloads before and after. */
  bytesBefore: number;
  bytesAfter: number;
}

/** Settled papers with observations not pruned yet, driven by the partial index of those: settled history is not scanned again. */
export const SETTLED_SQL = `SELECT DISTINCT o.paper_id AS id FROM observations o
  WHERE o.pruned_at IS NULL AND o.paper_id > @after
    AND (SELECT p.updated_at FROM papers p WHERE p.id = o.paper_id) < @cutoff
    AND NOT EXISTS (SELECT 1 FROM observations x WHERE x.paper_id = o.paper_id AND x.changed_at >= @cutoff)
  ORDER BY o.paper_id LIMIT @limit`;

export function createRetentionStore(db: Db) {
  const records = createRecordReader(db);
  const settled = db.prepare<[{ after: number; cutoff: string; limit: number }], { id: number }>(SETTLED_SQL);
  const unpruned = db.prepare<[number], { id: number; source: string; format: string; payload: string }>(
    'SELECT id, source, format, payload FROM observations WHERE paper_id = ? AND pruned_at IS NULL ORDER BY id',
  );
  const markPruned = db.prepare('UPDATE observations SET payload = ?, pruned_at = ? WHERE id = ?');
  const totals = db.prepare<[], { observations: number; pruned: number; bytes: number | null; prunedBytes: number | null }>(
    `SELECT count(*) AS observations, count(pruned_at) AS pruned, sum(length(CAST(payload AS BLOB))) AS bytes,
       sum(length(CAST(payload AS BLOB))) FILTER (WHERE pruned_at IS NOT NULL) AS prunedBytes FROM observations`,
  );

  function prunePaper(id: number, now: string, batch: PruneBatch): void {
    const record = records.read(id);
    if (!record) return;
    batch.papers++;
    for (const o of unpruned.all(id)) {
      const origin = { source: o.source, format: o.format as SourceFormat };
      const payload = JSON.stringify(prunePayload(JSON.parse(o.payload) as StoredPayload, origin, record));
      markPruned.run(payload, now, o.id);
      batch.observations++;
      batch.bytesBefore += Buffer.byteLength(o.payload);
      batch.bytesAfter += Buffer.byteLength(payload);
    }
  }

  return {
    /**
     * Prunes the observations of up to `limit` settled papers with ids above `after`, in one
     * transaction. Settled: the paper's row and every observation last changed before `cutoff`.
     */
    pruneBatch(cutoff: string, now: string, after = 0, limit = 500): PruneBatch {
      const batch: PruneBatch = { lastId: undefined, papers: 0, observations: 0, bytesBefore: 0, bytesAfter: 0 };
      db.transaction(() => {
        for (const { id } of settled.all({ after, cutoff, limit })) {
          prunePaper(id, now, batch);
          batch.lastId = id;
        }
      })();
      return batch;
    },

    /**
     * Rewrites the file without its free space (SQLite's VACUUM); returns the file's bytes before
     * and after. It takes the write lock for its whole run: the bot should be stopped.
     */
    vacuum(): { before: number; after: number } {
      const size = () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
      const before = size();
      db.exec('VACUUM');
      return { before, after: size() };
    },

    /** Payload bytes (UTF-8) of all observations and of the pruned ones. */
    payloadTotals(): { observations: number; pruned: number; bytes: number; prunedBytes: number } {
      const t = totals.get()!;
      return { observations: t.observations, pruned: t.pruned, bytes: t.bytes ?? 0, prunedBytes: t.prunedBytes ?? 0 };
    },
  };
}

export type RetentionStore = ReturnType<typeof createRetentionStore>;
