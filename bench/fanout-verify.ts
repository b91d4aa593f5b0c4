/**
 * What a fan-out should have produced, read back from the outbox, and what the fake platform
 * actually stored: lost, doubled and misplaced messages, the outbox's own view, and the floor
 * the platform's rate limits put under the wall time.
 */
import type { Platform } from '../src/core/chat-poster.js';
import type { Db } from '../src/db/open-database.js';

/** One planned delivery with where it must land (channel, or the channel + thread of its parent). */
export interface Planned {
  key: string;
  digestId: number;
  channel: string;
  seq: number;
  threadParent: number | null;
  state: string;
  messageId: string | null;
  digestState: string;
}

export function plannedDeliveries(db: Db): Planned[] {
  return db
    .prepare(
      `SELECT d.key, d.digest_id AS digestId, c.channel, d.seq, d.thread_parent AS threadParent, d.state,
              d.message_id AS messageId, g.state AS digestState
       FROM deliveries d JOIN digests g ON g.id = d.digest_id JOIN channels c ON c.id = g.channel_id
       ORDER BY d.digest_id, d.seq`,
    )
    .all() as Planned[];
}

/** A message as the fake stored it: its delivery key, where it landed, its platform id. */
export interface Received {
  key: string | undefined;
  where: string;
  id: string;
}

export interface Delivery {
  planned: number;
  received: number;
  /** Planned messages that arrived at least once. */
  unique: number;
  lost: number;
  /** Stored messages beyond one per planned delivery (repeats and messages with no planned key). */
  doubled: number;
  /** Arrived, but in the wrong channel or thread. */
  misplaced: number;
  /** Deliveries the outbox marked 'sent'. */
  outboxSent: number;
  /** Digests left in any state but 'sent'. */
  digestsUnsent: number;
  /** Outbox message ids that differ from the id the platform gave the message with that key. */
  idMismatch: number;
}

function compare(planned: Planned[], received: Received[], where: (p: Planned, parent: Planned | undefined) => string): Delivery {
  const bySeq = new Map(planned.map((p) => [`${p.digestId}:${p.seq}`, p]));
  const got = new Map<string, Received[]>();
  for (const r of received) if (r.key !== undefined) got.set(r.key, [...(got.get(r.key) ?? []), r]);
  let unique = 0;
  let misplaced = 0;
  let idMismatch = 0;
  for (const p of planned) {
    const copies = got.get(p.key);
    if (!copies) continue;
    unique++;
    const parent = p.threadParent === null ? undefined : bySeq.get(`${p.digestId}:${p.threadParent}`);
    if (copies.some((c) => c.where !== where(p, parent))) misplaced++;
    if (!copies.some((c) => c.id === p.messageId)) idMismatch++;
  }
  const digests = new Map(planned.map((p) => [p.digestId, p.digestState]));
  return {
    planned: planned.length,
    received: received.length,
    unique,
    lost: planned.length - unique,
    doubled: received.length - unique,
    misplaced,
    outboxSent: planned.filter((p) => p.state === 'sent').length,
    digestsUnsent: [...digests.values()].filter((s) => s !== 'sent').length,
    idMismatch,
  };
}

/**
 * Compares what the fake stored with the outbox. Discord: a thread reply belongs in the channel
 * whose id is its header's message id. Slack: in the channel, with its header's ts as thread_ts.
 */
export function verify(platform: Platform, planned: Planned[], received: Received[]): Delivery {
  if (platform === 'discord') return compare(planned, received, (p, parent) => (parent ? (parent.messageId ?? '?') : p.channel));
  return compare(planned, received, (p, parent) => `${p.channel}/${parent ? (parent.messageId ?? '?') : ''}`);
}

export interface Floor {
  /** Requests a loss-free run needs (messages, plus one thread start per Discord thread). */
  requests: number;
  globalS: number;
  perChannelS: number;
  floorS: number;
}

const windows = (count: number, limit: number, windowS: number): number => Math.max(0, Math.ceil(count / limit) - 1) * windowS;

/**
 * Discord: max(requests / 50 per s, the busiest bucket's fixed 5-per-5-s windows). A channel's
 * top-level messages share one bucket, a thread's replies another (a thread is its own channel).
 */
export function discordFloor(planned: Planned[], global = { limit: 50, windowS: 1 }, route = { limit: 5, windowS: 5 }): Floor {
  const buckets = new Map<string, number>();
  for (const p of planned) {
    const bucket = `${p.digestId}:${p.threadParent ?? 'top'}`;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const threads = [...buckets.keys()].filter((b) => !b.endsWith(':top')).length;
  const requests = planned.length + threads;
  const globalS = requests / (global.limit / global.windowS);
  const perChannelS = Math.max(0, ...[...buckets.values()].map((n) => windows(n, route.limit, route.windowS)));
  return { requests, globalS, perChannelS, floorS: Math.max(globalS, perChannelS) };
}

/** Slack: channels are independent; each channel's messages (thread replies too) are 1 s apart at 1 per s. */
export function slackFloor(planned: Planned[], perSecond = 1): Floor {
  const perChannel = new Map<string, number>();
  for (const p of planned) perChannel.set(p.channel, (perChannel.get(p.channel) ?? 0) + 1);
  const perChannelS = Math.max(0, ...[...perChannel.values()].map((n) => (n - 1) / perSecond));
  return { requests: planned.length, globalS: 0, perChannelS, floorS: perChannelS };
}
