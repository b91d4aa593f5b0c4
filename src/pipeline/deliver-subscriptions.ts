/**
 * One subscription cycle, after every ingest: the new matches are planned into the outbox
 * (plan-subscription-messages.ts), then every unfinished subscription message (this cycle's and
 * any left by a crash, a stop or a transient error) is sent (send-subscription-message.ts), a few
 * subscribers at once. Nothing is lost and nothing is sent twice when the process dies at any
 * point: see docs/adr/0006-slash-commands-and-subscriptions.md.
 */
import type { ChatPoster, Platform } from '../core/chat-poster.js';
import { mapLimit } from './map-limit.js';
import { planSubscriptionMessages, type PlanSubscriptionDeps } from './plan-subscription-messages.js';
import { sendSubscriptionMessage, type SendSubscriptionDeps, type SubscriptionOutcome } from './send-subscription-message.js';

export interface SubscriptionDeps extends Omit<PlanSubscriptionDeps, 'rendererFor'>, SendSubscriptionDeps {
  posterFor(platform: Platform): ChatPoster;
  /** Subscribers sent to at once (each platform client still enforces its rate limits). */
  concurrency: number;
}

export type SubscriptionReport = { sent: number; paused: number; failed: number };

/** One cycle: returns how many subscribers were sent a message, paused, or failed (to be retried). */
export async function deliverSubscriptions(deps: SubscriptionDeps): Promise<SubscriptionReport> {
  const result: SubscriptionReport = { sent: 0, paused: 0, failed: 0 };
  if (!deps.stopping?.()) planSubscriptionMessages({ ...deps, rendererFor: deps.posterFor }, deps.now());
  const count = (o: SubscriptionOutcome) => {
    if (o !== 'pending') result[o]++;
  };
  await mapLimit(deps.subscriptionOutbox.unfinished(), deps.concurrency, async (m) => {
    if (deps.stopping?.()) return;
    try {
      count(await sendSubscriptionMessage(deps, m, deps.posterFor(m.platform)));
    } catch (err) {
      // A bug or a database error: this subscriber waits for the next cycle, the others go on.
      deps.log.error({ platform: m.platform, scope: m.scope, target: m.target, err }, 'subscription message could not be sent');
      result.failed++;
    }
  });
  return result;
}
