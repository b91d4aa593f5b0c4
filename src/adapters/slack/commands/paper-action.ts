/**
 * A click on a paper's 👍 / 👎 / more-like-this button (or an overflow option, or the Undo of a
 * confirmation): `action_id` starts with `pb1_`, the button's `value` (an overflow option's value)
 * is the platform-neutral id `pb1:<verb>:<paper>`. Acknowledged at once; the answer goes to the
 * clicker only, through `response_url`, as a new ephemeral message (the digest stays as it is),
 * or in place of the ephemeral confirmation whose Undo was clicked. Stateless: the id and the
 * database are all it needs, so a click on a week-old message after a restart still works.
 */
import type { webApi } from '@slack/bolt';
import { parsePaperActionId } from '../../../core/paper-actions.js';
import type { Logger } from '../../../log.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { handlePaperAction } from '../../../pipeline/commands/handle-command.js';
import { answerWith, buildContext, type CommandOptions, type Respond, type SlackAsker } from './command-context.js';
import { answerDiscussClick } from './discuss-action.js';
import type { LookupUser } from './slack-users.js';

/** The parts of a `block_actions` element this listener reads (a button or an overflow menu). */
export interface ClickedElement {
  type: string;
  action_id?: string;
  action_ts?: string;
  value?: string;
  selected_option?: { value?: string } | null;
}

export interface PaperActionArgs {
  action: ClickedElement;
  body: {
    user: { id: string; team_id?: string };
    channel?: { id?: string; name?: string };
    team?: { id?: string } | null;
    container?: { is_ephemeral?: boolean };
    message?: { ts: string; thread_ts?: string; user?: string };
  };
  ack: () => Promise<void>;
  respond: Respond;
  /** Bolt's Web API client, for the calls a Discuss click makes. */
  client?: webApi.WebClient;
}

/** What a Discuss click needs besides the command deps: the messages' papers (the outbox). */
export interface PaperActionOptions extends CommandOptions {
  papersOf?: (ts: string) => number[];
}

/** What was chosen: a button's value or an overflow option's value ('' when neither). */
export function clickedValue(action: ClickedElement): string {
  return action.value ?? action.selected_option?.value ?? '';
}

export function askerOfAction(body: PaperActionArgs['body']): SlackAsker {
  const teamId = body.team?.id ?? body.user.team_id;
  return {
    userId: body.user.id,
    channelId: body.channel?.id ?? '',
    // A click outside any channel (an app home, a modal) counts for the person only, like one in a DM.
    ...(body.channel?.name || !body.channel?.id ? { channelName: body.channel?.name ?? 'directmessage' } : {}),
    ...(teamId ? { teamId } : {}),
  };
}

/**
 * The click's own id, so a delivery Slack (or a proxy) repeats records once: the same person's
 * click at the same `action_ts` in the same workspace is the same click.
 */
export function clickKey(asker: SlackAsker, action: ClickedElement): string | undefined {
  return action.action_ts ? `slack:${asker.teamId ?? ''}:${asker.userId}:${action.action_ts}` : undefined;
}

export function createPaperAction(deps: CommandDeps, log: Logger, lookupUser: LookupUser, options: PaperActionOptions = {}) {
  return async ({ action, body, ack, respond, client }: PaperActionArgs): Promise<void> => {
    try {
      await ack();
    } catch (err) {
      log.warn({ err, user: body.user.id }, 'slack ack failed');
      return;
    }
    const asker = askerOfAction(body);
    const discuss = parsePaperActionId(clickedValue(action));
    if (discuss?.verb === 'discuss' && client) {
      let ctx;
      try {
        ctx = await buildContext(asker, lookupUser, options);
      } catch (err) {
        log.warn({ err, user: asker.userId }, 'slack user lookup failed');
        ctx = { platform: 'slack' as const, userId: asker.userId, channelId: asker.channelId, canManageChannel: false, isDirect: asker.channelName === 'directmessage' };
      }
      const click = { ctx, paperId: discuss.paperId, client, ephemeral: body.container?.is_ephemeral === true, papersOf: options.papersOf ?? (() => []), ...(body.message ? { message: body.message } : {}) };
      return answerDiscussClick(click, deps, log, respond);
    }
    const key = clickKey(asker, action);
    const answer = (ctx: Parameters<typeof handlePaperAction>[0]) => handlePaperAction(ctx, clickedValue(action), deps, log, 'button', key);
    // Undo on the ephemeral confirmation replaces it; a click on a digest adds a message for the clicker.
    await answerWith(asker, lookupUser, options, log, respond, answer, { replace_original: body.container?.is_ephemeral === true }, deps);
  };
}
