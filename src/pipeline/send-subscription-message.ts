/**
 * Sends one planned subscription message from the outbox, delivery by delivery, with the
 * digests' guarantees (src/pipeline/send-delivery.ts). A direct message first needs the DM
 * channel, which is stored before anything is sent so a look-up after a crash searches the
 * right conversation. An unreachable subscriber has its subscriptions paused and the message's
 * papers given back; a transient error leaves the message planned for the next cycle.
 */
import { ChannelUnavailableError, type ChatPoster } from '../core/chat-poster.js';
import type { DeliveryRow } from '../db/digest-store.js';
import type { SubscriptionMessageRow, SubscriptionOutboxStore } from '../db/subscription-outbox-store.js';
import type { SubscriptionStore } from '../db/subscription-store.js';
import type { FailureLog } from '../log.js';
import { MAX_ATTEMPTS, sendDelivery, type DeliveryDeps } from './send-delivery.js';

export interface SendSubscriptionDeps extends DeliveryDeps {
  subscriptions: SubscriptionStore;
  subscriptionOutbox: SubscriptionOutboxStore;
  /** Kept across cycles, so a subscriber that keeps failing is logged once (a warn per cycle otherwise). */
  failures?: FailureLog;
}

/** 'pending': stopped, or another process holds a delivery; the message stays planned. */
export type SubscriptionOutcome = 'sent' | 'paused' | 'failed' | 'pending';

async function conversationOf(deps: SendSubscriptionDeps, m: SubscriptionMessageRow, poster: ChatPoster): Promise<string> {
  if (m.conversation !== null) return m.conversation;
  const opened = await poster.openDirect(m.target);
  deps.subscriptionOutbox.setConversation(m.id, opened);
  return opened;
}

export async function sendSubscriptionMessage(deps: SendSubscriptionDeps, m: SubscriptionMessageRow, poster: ChatPoster): Promise<SubscriptionOutcome> {
  const since = new Date(new Date(m.created_at).getTime() - 60_000);
  const ids = new Map<number, string>();
  let current: DeliveryRow | undefined;
  try {
    const conversation = await conversationOf(deps, m, poster);
    for (const d of deps.subscriptionOutbox.deliveries(m.id)) {
      current = d;
      if (d.state === 'sent') {
        ids.set(d.seq, d.message_id ?? '');
        continue;
      }
      if (d.state === 'failed') return finish(deps, m, 'failed', d.last_error ?? 'failed');
      if (deps.stopping?.()) return 'pending';
      const threadOf = d.thread_parent === null ? undefined : ids.get(d.thread_parent);
      const id = await sendDelivery(deps, poster, conversation, d, threadOf, since);
      if (id === undefined) return 'pending';
      ids.set(d.seq, id);
    }
  } catch (err) {
    return handleError(deps, m, current, err);
  }
  deps.subscriptionOutbox.finish(m.id, 'sent', deps.now().toISOString());
  deps.failures?.succeeded(failureKey(m), context(m), 'subscription message sent again');
  return 'sent';
}

const failureKey = (m: SubscriptionMessageRow) => `${m.platform}:${m.scope}:${m.target}`;
const context = (m: SubscriptionMessageRow) => ({ platform: m.platform, scope: m.scope, target: m.target });

function finish(deps: SendSubscriptionDeps, m: SubscriptionMessageRow, state: 'failed' | 'paused', error: string): SubscriptionOutcome {
  deps.subscriptionOutbox.finish(m.id, state, deps.now().toISOString(), error);
  return state;
}

function handleError(deps: SendSubscriptionDeps, m: SubscriptionMessageRow, d: DeliveryRow | undefined, err: unknown): SubscriptionOutcome {
  if (err instanceof ChannelUnavailableError) {
    if (d) deps.outbox.markFailed(d.id, err.reason);
    deps.subscriptions.pauseTarget(m.platform, m.scope, m.target, err.reason, deps.now().toISOString());
    deps.log.warn({ ...context(m), reason: err.reason }, 'subscriber unreachable; subscriptions paused');
    return finish(deps, m, 'paused', err.reason);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (d && d.attempts + 1 >= MAX_ATTEMPTS) {
    deps.outbox.markFailed(d.id, message);
    deps.log.error({ ...context(m), delivery: d.key, err: message }, 'subscription message gave up after repeated failures');
    return finish(deps, m, 'failed', `gave up after ${MAX_ATTEMPTS} attempts: ${message}`);
  }
  // Still 'sending' with no owner: the next attempt looks for it on the platform first.
  if (d) deps.outbox.release(d.id, message);
  if (deps.failures) deps.failures.failed(failureKey(m), context(m), message, 'subscription message failed; will retry next cycle');
  else deps.log.warn({ ...context(m), err: message }, 'subscription message failed; will retry next cycle');
  return 'failed';
}
