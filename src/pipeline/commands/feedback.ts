/**
 * 👍 / 👎 on a paper, from a button, a reaction or `/papers like|dislike`, and what a profile
 * holds (`/papers interests`). A click counts for the channel it was made in and for the person
 * who made it, within that Discord server or Slack workspace (docs/adr/0014-personal-ranking.md).
 * The answer is ephemeral and localized, with an undo.
 */
import { UserError, type Answer, type CommandContext, type SubscriptionScope } from '../../core/commands.js';
import { keyForLookup } from '../../core/paper-key.js';
import { paperActionId } from '../../core/paper-actions.js';
import { seedOwner, type ProfileRef } from '../../core/personal-ranking/profile-ref.js';
import type { Translator } from '../../i18n/translator.js';
import type { CommandDeps } from './command-deps.js';

export type FeedbackOrigin = 'button' | 'reaction' | 'command';

/** The channel profile a click in this context feeds; none in a DM. */
export function channelProfile(ctx: CommandContext): ProfileRef | undefined {
  return ctx.isDirect ? undefined : { kind: 'channel', platform: ctx.platform, channel: ctx.channelId };
}

export function personProfile(ctx: CommandContext): ProfileRef {
  return { kind: 'person', platform: ctx.platform, workspace: ctx.guildId ?? '', user: ctx.userId };
}

function relevance(deps: CommandDeps): NonNullable<CommandDeps['relevance']> {
  if (!deps.relevance) throw new Error('relevance stores are not wired');
  return deps.relevance;
}

/**
 * The server or workspace a vote counts in. A Discord direct message belongs to no server, but a
 * paper a personal subscription sent there came from one: the vote (and its undo) counts for the
 * person's profile in the one server whose subscriptions sent it, so a "liked" subscription learns
 * from the clicks on its own messages (docs/adr/0018). The message clicked says which, when it is
 * a subscription message; otherwise (a command, a `show` answer) every message that sent the paper.
 * Two servers, or none: outside any server.
 */
function voteWorkspace(ctx: CommandContext, deps: CommandDeps, paperId: number): string {
  if (ctx.guildId) return ctx.guildId;
  if (!ctx.isDirect) return '';
  const byMessage = ctx.messageId ? deps.subscriptions.directGuildsOfMessage(ctx.platform, ctx.userId, ctx.messageId, paperId) : [];
  const guilds = byMessage.length ? byMessage : deps.subscriptions.directGuildsOf(ctx.platform, ctx.userId, paperId);
  return guilds.length === 1 ? guilds[0]! : '';
}

/** The channel a vote counts for: none in a direct message, which is nobody's channel profile. */
export const voteChannel = (ctx: CommandContext): string => (ctx.isDirect ? '' : ctx.channelId);

/** Records a vote on a stored paper (by id) and answers with a confirmation and an undo. */
export function vote(ctx: CommandContext, deps: CommandDeps, loc: Translator, paperId: number, value: -1 | 0 | 1, origin: FeedbackOrigin, dedupeKey?: string): Answer {
  const paper = deps.reader.getById(paperId);
  if (!paper) throw new UserError('error.paper_gone');
  relevance(deps).feedback.record({
    platform: ctx.platform,
    workspace: voteWorkspace(ctx, deps, paperId),
    channel: voteChannel(ctx),
    actor: ctx.userId,
    paperId,
    value,
    origin,
    ...(dedupeKey ? { dedupeKey } : {}),
    at: deps.now().toISOString(),
  });
  const title = paper.title.length > 120 ? `${paper.title.slice(0, 119)}…` : paper.title;
  if (value === 0) return { ephemeral: true, text: loc.t('feedback.undone', { title }) };
  return {
    ephemeral: true,
    text: loc.t(value > 0 ? 'feedback.liked' : 'feedback.disliked', { title }),
    buttons: [{ label: loc.t('button.undo'), payload: paperActionId({ verb: 'undo', paperId }), style: 'danger' }],
  };
}

/** `/papers like ID`, `/papers dislike ID`. */
export function likeCommand(ctx: CommandContext, deps: CommandDeps, loc: Translator, id: string, value: 1 | -1): Answer {
  const key = keyForLookup(id.trim());
  if (!key) throw new UserError('error.invalid_paper_id', { input: id.trim().slice(0, 100) });
  const paper = deps.reader.getByKey(key);
  if (!paper) throw new UserError('error.paper_not_found', { id: key });
  return vote(ctx, deps, loc, paper.id, value, 'command');
}

/** `/papers interests [channel] [clear | remove ID]`: what the profile holds, and removing from it. */
export function interests(ctx: CommandContext, deps: CommandDeps, loc: Translator, scope: SubscriptionScope, remove?: string, clear?: boolean): Answer {
  const r = relevance(deps);
  const channel = channelProfile(ctx);
  if (scope === 'channel' && !channel) throw new UserError('error.channel_in_dm');
  if (scope === 'channel' && (remove || clear) && !ctx.canManageChannel) throw new UserError('error.no_permission');
  const ref = scope === 'channel' ? channel! : personProfile(ctx);
  const owner = seedOwner(ref);
  if (clear) {
    const seeds = r.interests.clear(owner);
    const votes = scope === 'channel' ? r.feedback.clearChannel(ctx.platform, ctx.channelId) : r.feedback.forgetPerson(ctx.platform, ctx.userId);
    return { ephemeral: true, text: loc.t('interests.cleared', { count: seeds + votes }) };
  }
  if (remove) {
    const key = keyForLookup(remove.trim());
    const paper = key ? deps.reader.getByKey(key) : undefined;
    const seeds = r.interests.remove(owner, key ?? remove.trim(), paper?.id ?? null);
    const votes = paper ? (scope === 'channel' ? r.feedback.clearChannelPaper(ctx.platform, ctx.channelId, paper.id) : r.feedback.forgetPersonPaper(ctx.platform, ctx.userId, paper.id)) : 0;
    if (seeds + votes === 0) throw new UserError('error.interest_not_found', { id: remove.trim().slice(0, 100) });
    return { ephemeral: true, text: loc.t('interests.removed', { id: key ?? remove.trim() }) };
  }
  const examples = r.ranker.examples(ref);
  const liked = examples.filter((e) => e.value === 1).map((e) => e.doc.title);
  const disliked = examples.filter((e) => e.value === -1).map((e) => e.doc.title);
  if (examples.length === 0) return { ephemeral: true, text: loc.t(scope === 'channel' ? 'interests.empty_channel' : 'interests.empty_me') };
  const list = (titles: string[]) => titles.slice(-10).reverse().map((t) => `• ${t.length > 90 ? `${t.slice(0, 89)}…` : t}`);
  return {
    ephemeral: true,
    title: loc.t(scope === 'channel' ? 'interests.title_channel' : 'interests.title_me'),
    lines: [
      loc.t('interests.liked', { count: liked.length }),
      ...list(liked),
      ...(disliked.length ? [loc.t('interests.disliked', { count: disliked.length }), ...list(disliked)] : []),
      loc.t('interests.top_terms', { terms: r.ranker.topTerms(ref, 8).join(', ') || '—' }),
      loc.t('interests.how_to_remove'),
    ],
  };
}
