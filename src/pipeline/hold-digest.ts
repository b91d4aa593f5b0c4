/**
 * A digest whose sources could not be read is not posted as "nothing new": it waits, the ingest
 * is retried every RETRY_MINUTES within the catch-up window, and it is posted as soon as a source
 * reads. At the end of the window it is held: recorded with the reason, logged once at warn, and
 * shown by `status` and /healthz until the channel's next digest.
 */
import type { Channel } from '../core/channel.js';
import type { DigestHoldStore } from '../db/digest-hold-store.js';
import type { Logger } from '../log.js';
import type { SourceCheck } from './source-reads.js';

/** Minutes between two ingest retries for a waiting digest (the ingest schedule also runs meanwhile). */
export const RETRY_MINUTES = 15;

export interface HoldDeps {
  holds: DigestHoldStore;
  log: Logger;
}

type Slot = { date: string; at: Date };

/** For a slot without a digest inside the catch-up window: is a retry due now? */
export function retryDue(deps: HoldDeps, channel: Channel, slot: Slot, now: Date): boolean {
  const hold = deps.holds.get(channel.id, slot.date);
  if (!hold) return true;
  if (hold.state === 'held') return false;
  return now.getTime() - Date.parse(hold.lastAttemptAt) >= RETRY_MINUTES * 60_000;
}

/** Records an attempt that read nothing; the first one is logged. */
export function waitForSources(deps: HoldDeps, channel: Channel, slot: Slot, check: SourceCheck, now: Date): void {
  const hold = deps.holds.retrying(channel.id, slot.date, check.unread, check.reason, now.toISOString());
  if (hold.attempts === 1) {
    deps.log.info(
      { channel: channel.channel, platform: channel.platform, date: slot.date, sources: check.unread, reason: check.reason, retryMinutes: RETRY_MINUTES },
      'digest waiting: no source of the channel could be read; retrying the ingest',
    );
  }
}

/**
 * At the end of the catch-up window: a waiting digest becomes held. 'held' when it was held just
 * now, 'already' when it was held before, undefined when the slot had no hold (so it is missed).
 */
export function endOfWindow(deps: HoldDeps, channel: Channel, slot: Slot): 'held' | 'already' | undefined {
  const hold = deps.holds.get(channel.id, slot.date);
  if (!hold) return undefined;
  if (hold.state === 'held' || !deps.holds.hold(channel.id, slot.date)) return 'already';
  deps.log.warn(
    { channel: channel.channel, platform: channel.platform, date: slot.date, sources: hold.sources, reason: hold.reason, attempts: hold.attempts },
    'digest held: no source of the channel could be read within the catch-up window; nothing posted',
  );
  return 'held';
}
