/** `subscribe`, `unsubscribe`, `subscriptions`: a user's own topics (by DM) or a channel's, and "liked" ones (liked-subscription.ts). */
import { UserError, type Answer, type CommandContext, type CommandInput, type SubscriptionScope } from '../../core/commands.js';
import { parseTopic, topicKey } from '../../core/topic.js';
import type { Translator } from '../../i18n/translator.js';
import { addSubscription } from './add-subscription.js';
import type { CommandDeps } from './command-deps.js';
import { findLiked, subscribeLiked, subscriptionLabel } from './liked-subscription.js';

const ARXIV_CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

function target(ctx: CommandContext, scope: SubscriptionScope): string {
  if (scope === 'channel' && !ctx.canManageChannel) throw new UserError('error.no_permission');
  return scope === 'me' ? ctx.userId : ctx.channelId;
}

export function subscribe(ctx: CommandContext, deps: CommandDeps, loc: Translator, input: Extract<CommandInput, { command: 'subscribe' }>): Answer {
  const { scope } = input;
  const to = target(ctx, scope);
  if (input.kind === 'liked') return subscribeLiked(ctx, deps, loc, scope, to, input.cap, input.topic);
  const text = input.topic;
  if (!text.trim()) throw new UserError('error.missing_argument', { command: 'subscribe' });
  const topic = parseTopic(text, { maxLength: 200, knownCategory: (c) => ARXIV_CATEGORY.test(c) });
  addSubscription(ctx, deps, loc, scope, to, { topic: topicKey(topic), topicJson: JSON.stringify(topic) });
  return { ephemeral: true, text: loc.t('subscription.added', { topic: topic.text, scope }) };
}

export function unsubscribe(ctx: CommandContext, deps: CommandDeps, loc: Translator, what: string, scope: SubscriptionScope): Answer {
  const to = target(ctx, scope);
  const subs = deps.subscriptions.list(ctx.platform, scope, to);
  const wanted = what.trim();
  const byNumber = /^\d+$/.test(wanted) ? subs[Number(wanted) - 1] : undefined;
  let found = byNumber ?? findLiked(ctx, subs, wanted);
  if (!found) {
    try {
      const key = topicKey(parseTopic(wanted));
      found = subs.find((s) => s.kind === 'topic' && s.topic === key);
    } catch {
      found = undefined;
    }
  }
  if (!found) throw new UserError('error.subscription_not_found', { target: wanted.slice(0, 100) });
  deps.subscriptions.remove(found.id);
  return { ephemeral: true, text: loc.t('subscription.removed', { topic: subscriptionLabel(found, loc) }) };
}

export function listSubscriptions(ctx: CommandContext, deps: CommandDeps, loc: Translator, scope?: SubscriptionScope): Answer {
  const scopes: SubscriptionScope[] = scope ? [scope] : ['me', 'channel'];
  const lines: string[] = [];
  for (const s of scopes) {
    const subs = deps.subscriptions.list(ctx.platform, s, s === 'me' ? ctx.userId : ctx.channelId);
    subs.forEach((sub, i) => lines.push(`${s === 'me' ? '' : '#'}${i + 1}. ${subscriptionLabel(sub, loc)}${sub.pausedReason ? ` (${loc.t('subscription.paused', { reason: sub.pausedReason })})` : ''}`));
  }
  if (lines.length === 0) return { ephemeral: true, text: loc.t('subscription.none') };
  return { ephemeral: true, title: loc.t('subscription.list_title'), lines };
}
