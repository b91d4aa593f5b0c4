/**
 * 👍 / 👎 reactions on a message that shows one paper (a thread reply of the thread layout, a
 * one-paper digest or subscription message) are votes on that paper; removing the reaction
 * undoes the vote, unless the person has voted otherwise since. Reactions on any other message
 * are left alone, and nothing is posted in answer (a reaction is its own confirmation).
 * The message is found by its ts, which the poster stored as the delivery's message id.
 */
import type { CommandContext } from '../../core/commands.js';
import { paperActionId, reactionVote } from '../../core/paper-actions.js';
import type { OutboxStore } from '../../db/outbox-store.js';
import type { Logger } from '../../log.js';
import type { CommandDeps } from '../../pipeline/commands/command-deps.js';
import { voteChannel } from '../../pipeline/commands/feedback.js';
import { handlePaperAction } from '../../pipeline/commands/handle-command.js';

/** `reaction_added` / `reaction_removed` as the Events API sends them (the fields read here). */
export interface ReactionEvent {
  type: 'reaction_added' | 'reaction_removed';
  user: string;
  reaction: string;
  item: { type: string; channel?: string; ts?: string };
  event_ts?: string;
}

/** The event callback around it: the workspace and the event's own id (the same on Slack's retries). */
export interface ReactionBody {
  team_id?: string;
  event_id?: string;
}

/** `+1::skin-tone-3` is still a 👍. */
export function baseReaction(name: string): string {
  return name.replace(/::skin-tone-\d$/, '');
}

export function createReactionListener(deps: CommandDeps, outbox: Pick<OutboxStore, 'papersOfMessage'>, log: Logger) {
  return async ({ event, body }: { event: ReactionEvent; body: ReactionBody }): Promise<void> => {
    try {
      vote(event, body);
    } catch (err) {
      log.error({ err, user: event.user, item: event.item }, 'reaction vote failed');
    }
  };

  function vote(event: ReactionEvent, body: ReactionBody): void {
    const value = reactionVote(baseReaction(event.reaction));
    const { channel, ts } = event.item;
    if (value === undefined || event.item.type !== 'message' || !channel || !ts) return;
    const papers = outbox.papersOfMessage(ts);
    if (papers.length !== 1) return;
    const paperId = papers[0]!;
    const ctx: CommandContext = {
      platform: 'slack',
      userId: event.user,
      channelId: channel,
      ...(body.team_id ? { guildId: body.team_id } : {}),
      canManageChannel: false,
      isDirect: channel.startsWith('D'),
    };
    const added = event.type === 'reaction_added';
    if (!added && deps.relevance?.feedback.current('slack', voteChannel(ctx), event.user, paperId) !== value) return;
    const id = paperActionId({ verb: added ? (value > 0 ? 'up' : 'down') : 'undo', paperId });
    const key = body.event_id ? `slack:${body.event_id}` : `slack:${ts}:${event.user}:${event.reaction}:${event.type}:${event.event_ts ?? ''}`;
    const answer = handlePaperAction(ctx, id, deps, log, 'reaction', key);
    if (answer.error) log.info({ user: event.user, channel, ts, error: answer.error }, 'reaction vote not recorded');
  }
}
