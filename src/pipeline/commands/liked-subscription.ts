/**
 * `subscribe liked [cap]`: papers like the ones the asker (scope me, their profile in this Discord
 * server or Slack workspace) or this channel (scope channel) liked, at most `cap` a local day
 * (docs/adr/0018-liked-subscriptions.md). Subscribing again changes the cap. A profile without a
 * liked paper gets the subscription and a word that nothing arrives until it likes some.
 */
import { UserError, type Answer, type CommandContext, type SubscriptionScope } from '../../core/commands.js';
import { LIKED_DEFAULT_CAP, LIKED_MAX_CAP } from '../../core/select-liked.js';
import type { Subscription } from '../../db/subscription-store.js';
import type { Translator } from '../../i18n/translator.js';
import { likedProfile } from '../liked-matches.js';
import { addSubscription } from './add-subscription.js';
import type { CommandDeps } from './command-deps.js';

/** The topic column of a liked subscription: one per workspace, so two servers never share one. */
export const likedKey = (ctx: CommandContext): string => `liked:${ctx.guildId ?? ''}`;

/** How a subscription is named in lists and answers. */
export function subscriptionLabel(sub: Subscription, loc: Translator): string {
  return sub.kind === 'liked' ? loc.t('subscription.liked_item', { scope: sub.scope, cap: sub.dailyCap ?? LIKED_DEFAULT_CAP }) : sub.topic;
}

/** The liked subscription `what` names (`liked`), preferring this workspace's; undefined if `what` names a topic. */
export function findLiked(ctx: CommandContext, subs: Subscription[], what: string): Subscription | undefined {
  if (!/^(?:--)?liked$/iu.test(what)) return undefined;
  const liked = subs.filter((s) => s.kind === 'liked');
  return liked.find((s) => s.topic === likedKey(ctx)) ?? liked[0];
}

function parseCap(cap: number | undefined, deps: CommandDeps): number {
  if (cap === undefined) return deps.limits.likedDailyCap ?? LIKED_DEFAULT_CAP;
  if (!Number.isInteger(cap) || cap < 1 || cap > LIKED_MAX_CAP) throw new UserError('error.invalid_cap', { max: LIKED_MAX_CAP });
  return cap;
}

export function subscribeLiked(ctx: CommandContext, deps: CommandDeps, loc: Translator, scope: SubscriptionScope, to: string, cap?: number, topic?: string): Answer {
  if (topic?.trim()) throw new UserError('error.liked_with_topic');
  const daily = parseCap(cap, deps);
  const existing = deps.subscriptions.list(ctx.platform, scope, to).find((s) => s.kind === 'liked' && s.topic === likedKey(ctx));
  if (existing) {
    deps.subscriptions.setDailyCap(existing.id, daily);
    return { ephemeral: true, text: loc.t('subscription.liked_cap_changed', { scope, cap: daily }) };
  }
  addSubscription(ctx, deps, loc, scope, to, { topic: likedKey(ctx), topicJson: '{}', kind: 'liked', dailyCap: daily });
  const added = loc.t('subscription.liked_added', { scope, cap: daily });
  const ref = likedProfile({ platform: ctx.platform, scope, target: to, guild: ctx.guildId ?? null });
  const hasLikes = deps.relevance?.ranker.examples(ref).some((e) => e.value === 1) ?? false;
  return { ephemeral: true, text: hasLikes ? added : `${added}\n${loc.t('subscription.liked_needs_likes', { scope })}` };
}
