/**
 * Sends one outbox delivery, a digest's or a subscription message's: claimed first, marked sent
 * after. A delivery whose previous attempt has an unknown outcome (its process died, or it was
 * released after a transient error or at shutdown) is looked up on the platform before it is
 * sent again; Discord's nonce with enforce_nonce covers the rest.
 */
import type { ChatPoster } from '../core/chat-poster.js';
import type { OutgoingMessage } from '../core/digest-model.js';
import type { DeliveryRow } from '../db/digest-store.js';
import type { OutboxStore } from '../db/outbox-store.js';
import type { Logger } from '../log.js';

export interface DeliveryDeps {
  outbox: OutboxStore;
  log: Logger;
  /** This process, as recorded on the deliveries it claims (host:pid). */
  owner: string;
  /** Whether a claim by `owner` at `claimedAt` belongs to a process that is gone. */
  isAbandoned(owner: string, claimedAt: string): boolean;
  now(): Date;
  /** True once shutdown began: finish the message in flight, send no more. */
  stopping?(): boolean;
}

/** Transient failures of one message before it is given up (the REST clients retry within each). */
export const MAX_ATTEMPTS = 10;

export function toMessage(d: DeliveryRow): OutgoingMessage {
  return { body: JSON.parse(d.body) as Record<string, unknown> };
}

/**
 * Claims, (if needed) looks up, sends and marks one delivery into `conversation`; returns its
 * platform id, or undefined when another process holds it.
 */
export async function sendDelivery(deps: DeliveryDeps, poster: ChatPoster, conversation: string, d: DeliveryRow, threadOf: string | undefined, since: Date): Promise<string | undefined> {
  const claim = deps.outbox.claim(d.id, deps.owner, deps.now().toISOString(), deps.isAbandoned);
  if (!claim) return undefined;
  if (claim.recovering) {
    const found = await poster.findSent(conversation, d.key, since, toMessage(d), threadOf);
    if (found) {
      deps.log.info({ channel: conversation, delivery: d.key }, 'delivery found already posted after a restart');
      deps.outbox.markSent(d.id, found, deps.now().toISOString());
      return found;
    }
  }
  const { messageId } = await poster.send(conversation, toMessage(d), { key: d.key, ...(threadOf ? { threadOf } : {}) });
  deps.outbox.markSent(d.id, messageId, deps.now().toISOString());
  return messageId;
}
