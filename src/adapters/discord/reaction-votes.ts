/**
 * 👍 / 👎 reactions on a message the bot posted that shows one paper (a thread-layout paper, a
 * one-paper digest or subscription message) are votes on that paper: adding one records the
 * vote, removing it undoes the vote if it is still the person's current one. Read from the
 * gateway's MESSAGE_REACTION_ADD / MESSAGE_REACTION_REMOVE dispatches as they arrive rather than
 * from discord.js's reaction events, which fire only for messages, channels and guilds in its
 * cache (or with partials): the payload and the outbox are all that is needed, so a reaction on
 * a month-old digest after a restart still counts. Nothing is posted back: a reaction has no
 * ephemeral answer, and a visible one in the channel would be spam (docs/adr/0016-discord-feedback-controls.md).
 */
import { GatewayDispatchEvents, type Client, type GatewayMessageReactionAddDispatchData } from 'discord.js';
import type { CommandContext } from '../../core/commands.js';
import { paperActionId, reactionVote } from '../../core/paper-actions.js';
import type { Logger } from '../../log.js';
import type { CommandDeps } from '../../pipeline/commands/command-deps.js';
import { voteChannel } from '../../pipeline/commands/feedback.js';
import { handlePaperAction } from '../../pipeline/commands/handle-command.js';

/** The papers a posted message shows, by its Discord message id (outbox.papersOfMessage). */
export type PapersOfMessage = (messageId: string) => number[];

type ReactionData = GatewayMessageReactionAddDispatchData;

/** The vote action a reaction asks for, or undefined when it is none (see the module comment). */
export function reactionAction(kind: 'add' | 'remove', data: ReactionData, ctx: CommandContext, papersOf: PapersOfMessage, deps: CommandDeps): string | undefined {
  // A custom emoji has an id; only the unicode 👍 / 👎 count.
  const value = data.emoji.id ? undefined : reactionVote(data.emoji.name ?? '');
  if (value === undefined) return undefined;
  const papers = papersOf(data.message_id);
  if (papers.length !== 1) return undefined;
  const paperId = papers[0]!;
  if (kind === 'add') return paperActionId({ verb: value > 0 ? 'up' : 'down', paperId });
  // Removing 👍 after switching to 👎 leaves the 👎 standing.
  const current = deps.relevance?.feedback.current(ctx.platform, voteChannel(ctx), ctx.userId, paperId);
  return current === value ? paperActionId({ verb: 'undo', paperId }) : undefined;
}

/** Who reacted where. A reaction in a thread counts for the thread's channel when discord.js knows it. */
function reactionContext(client: Client, data: ReactionData): CommandContext {
  const channel = client.channels.cache.get(data.channel_id);
  const channelId = channel?.isThread() && channel.parentId ? channel.parentId : data.channel_id;
  return {
    platform: 'discord',
    userId: data.user_id,
    channelId,
    ...(data.guild_id ? { guildId: data.guild_id } : {}),
    canManageChannel: false,
    isDirect: !data.guild_id,
    messageId: data.message_id,
  };
}

export function handleReaction(client: Client, kind: 'add' | 'remove', data: ReactionData, papersOf: PapersOfMessage, deps: CommandDeps, log: Logger): void {
  if (data.user_id === client.user?.id || data.member?.user?.bot) return;
  // The intent brings every reaction in every server the bot is in: most are on people's messages
  // and are dropped here, before any lookup (a removal does not say whose message it was).
  if (data.message_author_id && data.message_author_id !== client.user?.id) return;
  const ctx = reactionContext(client, data);
  const action = reactionAction(kind, data, ctx, papersOf, deps);
  if (!action) return;
  // No dedupe key: the gateway gives a reaction no id of its own, and a key made of message, user
  // and emoji would swallow a 👍 added again after it was removed. A repeated add sets the same vote.
  const answer = handlePaperAction(ctx, action, deps, log, 'reaction');
  if (answer.error) log.info({ error: answer.error, message: data.message_id, user: data.user_id }, 'reaction vote not recorded');
}

/**
 * Counts 👍 / 👎 reactions on the bot's one-paper messages as votes until the returned function
 * is called. Needs the GuildMessageReactions and DirectMessageReactions intents (discord-client.ts).
 */
export function attachReactionVotes(client: Client, papersOf: PapersOfMessage, deps: CommandDeps, log: Logger): () => void {
  const guarded = (kind: 'add' | 'remove') => (data: ReactionData) => {
    try {
      handleReaction(client, kind, data, papersOf, deps, log);
    } catch (err) {
      log.error({ err, message: data.message_id }, 'discord reaction vote failed');
    }
  };
  const onAdd = guarded('add');
  const onRemove = guarded('remove');
  client.ws.on(GatewayDispatchEvents.MessageReactionAdd, onAdd);
  client.ws.on(GatewayDispatchEvents.MessageReactionRemove, onRemove);
  return () => {
    client.ws.off(GatewayDispatchEvents.MessageReactionAdd, onAdd);
    client.ws.off(GatewayDispatchEvents.MessageReactionRemove, onRemove);
  };
}
