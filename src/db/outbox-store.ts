/**
 * Claiming and marking outbox deliveries. A delivery is claimed (planned → sending) by one
 * process at a time; a 'sending' row left by a process that died is reclaimed, and its outcome
 * must then be checked on the platform before it is sent again.
 */
import type { DeliveryRow } from './digest-store.js';
import type { Db } from './open-database.js';
import { parseJson } from './json.js';

export interface Claim {
  /** The previous attempt's outcome is unknown (its process died mid-send). */
  recovering: boolean;
}

export function createOutboxStore(db: Db) {
  const row = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?');
  const claim = db.prepare(
    `UPDATE deliveries SET state = 'sending', claimed_by = @owner, claimed_at = @now, attempts = attempts + 1
     WHERE id = @id AND state = @state AND claimed_by IS @claimedBy`,
  );
  const papersOf = db.prepare<[string], { paper_ids: string | null }>("SELECT paper_ids FROM deliveries WHERE message_id = ? AND state = 'sent' LIMIT 1");
  const sent = db.prepare("UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?");
  const failed = db.prepare("UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ?");
  // Stays 'sending': after a timeout or a 5xx the message may have been posted, so the next
  // attempt looks for it on the platform first.
  const release = db.prepare("UPDATE deliveries SET claimed_by = NULL, last_error = ? WHERE id = ? AND state = 'sending'");
  const releaseOwned = db.prepare("UPDATE deliveries SET claimed_by = NULL, last_error = ? WHERE claimed_by = ? AND state = 'sending'");

  return {
    /**
     * Takes a delivery for sending. `isAbandoned(owner, claimedAt)` says whether a 'sending'
     * claim belongs to a process that is gone. Returns undefined if someone else holds it.
     */
    claim(id: number, owner: string, now: string, isAbandoned: (owner: string, claimedAt: string) => boolean): Claim | undefined {
      const d = row.get(id);
      if (!d || d.state === 'sent' || d.state === 'failed') return undefined;
      // A released claim (claimed_by NULL) or a dead process's claim may be taken over.
      if (d.state === 'sending' && d.claimed_by !== null && !isAbandoned(d.claimed_by, d.claimed_at ?? '')) return undefined;
      const info = claim.run({ id, owner, now, state: d.state, claimedBy: d.claimed_by });
      return info.changes === 1 ? { recovering: d.state === 'sending' } : undefined;
    },
    /** The papers a posted message shows (by its platform message id: Discord id, Slack ts); [] when unknown. */
    papersOfMessage(messageId: string): number[] {
      const row = papersOf.get(messageId);
      return row?.paper_ids ? parseJson<number[]>(row.paper_ids, []) : [];
    },
    markSent(id: number, messageId: string, now: string): void {
      sent.run(messageId, now, id);
    },
    markFailed(id: number, error: string): void {
      failed.run(error, id);
    },
    /** Gives a delivery back after a transient error; it is tried again later, checking the platform first. */
    release(id: number, error: string): void {
      release.run(error, id);
    },
    /**
     * At shutdown, gives back every delivery this process still holds (a send still waiting for
     * its answer): the next start checks the platform for it before sending it again.
     */
    releaseOwned(owner: string, error: string): number {
      return releaseOwned.run(error, owner).changes;
    },
    get(id: number): DeliveryRow | undefined {
      return row.get(id);
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
