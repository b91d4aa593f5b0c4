/**
 * Sends a planned digest from the outbox, in order. Each delivery is claimed before it is
 * sent and marked after; a delivery whose previous attempt died mid-request is first looked
 * up on the platform, so a crash never loses a message and never posts it twice. A permanent
 * platform error marks the channel failing (shown by `status`) and stops only that channel.
 */
import type { Channel } from '../core/channel.js';
import { ChannelUnavailableError, type ChatPoster } from '../core/chat-poster.js';
import type { ChannelStore } from '../db/channel-store.js';
import type { DeliveryRow, DigestStore } from '../db/digest-store.js';
import { MAX_ATTEMPTS, sendDelivery, type DeliveryDeps } from './send-delivery.js';

export interface SendDeps extends DeliveryDeps {
  digests: DigestStore;
  channels: ChannelStore;
}

export type SendOutcome = 'sent' | 'failed' | 'pending';

/** Sends what is left of a digest; 'pending' means try again later (transient error or another sender). */
export async function sendDigest(deps: SendDeps, digestId: number, channel: Channel, poster: ChatPoster): Promise<SendOutcome> {
  const digest = deps.digests.byId(digestId);
  if (!digest) throw new Error(`digest ${digestId} does not exist`);
  if (digest.state !== 'planned') return digest.state === 'failed' ? 'failed' : 'sent';
  const since = new Date(new Date(digest.created_at).getTime() - 60_000);
  const ids = new Map<number, string>();
  for (const d of deps.digests.deliveries(digestId)) {
    if (d.state === 'sent') {
      ids.set(d.seq, d.message_id ?? '');
      continue;
    }
    if (d.state === 'failed') return finishFailed(deps, digestId, d.last_error ?? 'failed');
    if (deps.stopping?.()) return 'pending';
    const threadOf = d.thread_parent === null ? undefined : ids.get(d.thread_parent);
    try {
      const id = await sendDelivery(deps, poster, channel.channel, d, threadOf, since);
      if (id === undefined) return 'pending';
      ids.set(d.seq, id);
    } catch (err) {
      return handleError(deps, digestId, channel, d, err);
    }
  }
  deps.digests.finish(digestId, 'sent', deps.now().toISOString());
  if (channel.failingReason) deps.channels.markHealthy(channel.id);
  deps.log.info({ channel: channel.channel, platform: channel.platform, date: digest.local_date, messages: ids.size }, 'digest sent');
  return 'sent';
}

function finishFailed(deps: SendDeps, digestId: number, error: string): SendOutcome {
  deps.digests.finish(digestId, 'failed', deps.now().toISOString(), error);
  return 'failed';
}

function handleError(deps: SendDeps, digestId: number, channel: Channel, d: DeliveryRow, err: unknown): SendOutcome {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ChannelUnavailableError) {
    deps.outbox.markFailed(d.id, err.reason);
    deps.channels.markFailing(channel.id, err.reason, deps.now().toISOString());
    deps.log.warn({ channel: channel.channel, platform: channel.platform, reason: err.reason }, 'channel unavailable; digest not sent');
    return finishFailed(deps, digestId, err.reason);
  }
  if (d.attempts + 1 >= MAX_ATTEMPTS) {
    deps.outbox.markFailed(d.id, message);
    deps.log.error({ channel: channel.channel, platform: channel.platform, delivery: d.key, err: message }, 'delivery gave up after repeated failures');
    return finishFailed(deps, digestId, `gave up after ${MAX_ATTEMPTS} attempts: ${message}`);
  }
  deps.outbox.release(d.id, message);
  // Logged once, at the first failure; the retries that follow are debug lines (the outcome is logged either way).
  const context = { channel: channel.channel, platform: channel.platform, delivery: d.key, attempt: d.attempts + 1, err: message };
  if (d.attempts === 0) deps.log.warn(context, 'delivery failed; will retry');
  else deps.log.debug(context, 'delivery failed again; will retry');
  return 'pending';
}
