/**
 * `retention.rawEntryDays`: prunes the raw entries of papers settled for that many days, a batch
 * of papers per transaction, yielding between batches so the bot's other work (commands, digests)
 * and other processes' writes are not held up for the whole pass.
 */
import type { RetentionStore } from '../db/retention-store.js';

export interface PruneReport {
  days: number;
  /** Papers whose observations were pruned. */
  papers: number;
  observations: number;
  /** UTF-8 bytes of payload before and after; the file shrinks only after VACUUM. */
  bytesBefore: number;
  bytesAfter: number;
  bytesSaved: number;
}

export interface PruneOptions {
  days: number;
  now: Date;
  /** Papers per transaction. */
  batch?: number;
  /** Awaited between batches; by default one turn of the event loop. */
  pause?: () => Promise<void>;
}

const DAY_MS = 86_400_000;

export async function pruneRawEntries(store: RetentionStore, o: PruneOptions): Promise<PruneReport> {
  const cutoff = new Date(o.now.getTime() - o.days * DAY_MS).toISOString();
  const pause = o.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const report: PruneReport = { days: o.days, papers: 0, observations: 0, bytesBefore: 0, bytesAfter: 0, bytesSaved: 0 };
  let after = 0;
  for (;;) {
    const b = store.pruneBatch(cutoff, o.now.toISOString(), after, o.batch ?? 500);
    report.papers += b.papers;
    report.observations += b.observations;
    report.bytesBefore += b.bytesBefore;
    report.bytesAfter += b.bytesAfter;
    if (b.lastId === undefined) break;
    after = b.lastId;
    await pause();
  }
  report.bytesSaved = report.bytesBefore - report.bytesAfter;
  return report;
}
