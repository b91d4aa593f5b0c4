/** Adds a subscription of either kind for `to` (a user's DMs or a channel), within the per-target limit. */
import { UserError, type CommandContext, type SubscriptionScope } from '../../core/commands.js';
import type { Translator } from '../../i18n/translator.js';
import type { CommandDeps } from './command-deps.js';

export interface NewSubscription {
  topic: string;
  topicJson: string;
  kind?: 'liked';
  dailyCap?: number;
}

/** The new subscription's id; a UserError when the target has its most, or this one already. */
export function addSubscription(ctx: CommandContext, deps: CommandDeps, loc: Translator, scope: SubscriptionScope, to: string, what: NewSubscription): number {
  const max = deps.limits.subscriptionsPerTarget;
  if (deps.subscriptions.count(ctx.platform, scope, to) >= max) throw new UserError('error.too_many_subscriptions', { max });
  const id = deps.subscriptions.add({
    platform: ctx.platform,
    scope,
    target: to,
    ...(ctx.guildId ? { guild: ctx.guildId } : {}),
    locale: loc.locale,
    createdBy: ctx.userId,
    now: deps.now().toISOString(),
    ...what,
  });
  if (id === undefined) throw new UserError('error.already_subscribed');
  return id;
}
