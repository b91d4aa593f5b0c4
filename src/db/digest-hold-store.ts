/**
 * Digests waiting for their sources (`retrying`) or given up on at the end of the catch-up
 * window (`held`). A hold is active until the channel has a digest on or after its date; active
 * holds are what `status` and /healthz report.
 */
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

export type HoldState = 'retrying' | 'held';

export interface DigestHold {
  channelId: number;
  platform: string;
  channel: string;
  localDate: string;
  state: HoldState;
  sources: string[];
  reason: string;
  firstAt: string;
  lastAttemptAt: string;
  attempts: number;
}

interface Row {
  channel_id: number;
  platform: string;
  channel: string;
  local_date: string;
  state: HoldState;
  sources: string;
  reason: string;
  first_at: string;
  last_attempt_at: string;
  attempts: number;
}

const toHold = (r: Row): DigestHold => ({
  channelId: r.channel_id,
  platform: r.platform,
  channel: r.channel,
  localDate: r.local_date,
  state: r.state,
  sources: parseJson<string[]>(r.sources, []),
  reason: r.reason,
  firstAt: r.first_at,
  lastAttemptAt: r.last_attempt_at,
  attempts: r.attempts,
});

const SELECT = `SELECT h.*, c.platform, c.channel FROM digest_holds h JOIN channels c ON c.id = h.channel_id`;
const ACTIVE = `NOT EXISTS (SELECT 1 FROM digests d WHERE d.channel_id = h.channel_id AND d.kind = 'daily' AND d.period >= h.local_date)`;

export function createDigestHoldStore(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO digest_holds (channel_id, local_date, state, sources, reason, first_at, last_attempt_at)
     VALUES (@channelId, @date, 'retrying', @sources, @reason, @now, @now)
     ON CONFLICT (channel_id, local_date) DO UPDATE SET
       sources = excluded.sources, reason = excluded.reason, last_attempt_at = excluded.last_attempt_at, attempts = attempts + 1`,
  );
  const get = db.prepare<[number, string], Row>(`${SELECT} WHERE h.channel_id = ? AND h.local_date = ?`);
  const hold = db.prepare("UPDATE digest_holds SET state = 'held' WHERE channel_id = ? AND local_date = ? AND state = 'retrying'");
  const active = db.prepare<[], Row>(`${SELECT} WHERE ${ACTIVE} ORDER BY h.local_date, c.platform, c.channel`);
  const activeFor = db.prepare<[number], Row>(`${SELECT} WHERE h.channel_id = ? AND ${ACTIVE} ORDER BY h.local_date DESC LIMIT 1`);

  return {
    /** Records one attempt that could read none of the channel's sources. */
    retrying(channelId: number, date: string, sources: string[], reason: string, now: string): DigestHold {
      upsert.run({ channelId, date, sources: JSON.stringify(sources), reason, now });
      return toHold(get.get(channelId, date)!);
    },
    get(channelId: number, date: string): DigestHold | undefined {
      const row = get.get(channelId, date);
      return row ? toHold(row) : undefined;
    },
    /** Ends the retries: the digest of that date is held (not posted). True if it was retrying. */
    hold(channelId: number, date: string): boolean {
      return hold.run(channelId, date).changes > 0;
    },
    /** Holds not yet followed by a digest, oldest first. */
    active(): DigestHold[] {
      return active.all().map(toHold);
    },
    /** The channel's newest hold not yet followed by a digest. */
    activeFor(channelId: number): DigestHold | undefined {
      const row = activeFor.get(channelId);
      return row ? toHold(row) : undefined;
    },
  };
}

export type DigestHoldStore = ReturnType<typeof createDigestHoldStore>;
