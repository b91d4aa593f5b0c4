/**
 * The paging buttons of a search answer or of the reading list (`action_id` papers_page_<n>, `value`
 * search|<page>|<query> or saved|<page>|<words>):
 * acknowledged at once, then the asked page replaces the message the button was on.
 */
import { UserError, type CommandInput } from '../../../core/commands.js';
import type { Logger } from '../../../log.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { handleCommand } from '../../../pipeline/commands/handle-command.js';
import { answerWith, type CommandOptions, type Respond } from './command-context.js';
import type { LookupUser } from './slack-users.js';

export interface PageActionArgs {
  action: { type: string; value?: string };
  body: { user: { id: string; team_id?: string }; channel?: { id?: string; name?: string }; team?: { id?: string } | null };
  ack: () => Promise<void>;
  respond: Respond;
}

/** `search|<page>|<query>` as a search input, `saved|<page>|<words>` as the reading list's; a payload we did not make is the clicker's UserError. */
export function parsePagePayload(value: string | undefined): CommandInput {
  const saved = /^saved\|([1-9]\d{0,3})\|([\s\S]*)$/u.exec(value ?? '');
  if (saved) return { command: 'saved', page: Number(saved[1]), query: saved[2]! };
  const m = /^search\|([1-9]\d{0,3})\|([\s\S]+)$/u.exec(value ?? '');
  if (!m) throw new UserError('error.unknown_command', { command: 'search' });
  return { command: 'search', page: Number(m[1]), query: m[2]! };
}

export function createPageAction(deps: CommandDeps, log: Logger, lookupUser: LookupUser, options: CommandOptions = {}) {
  return async ({ action, body, ack, respond }: PageActionArgs): Promise<void> => {
    try {
      await ack();
    } catch (err) {
      log.warn({ err, user: body.user.id }, 'slack ack failed');
      return;
    }
    const asker = {
      userId: body.user.id,
      channelId: body.channel?.id ?? '',
      ...(body.channel?.name ? { channelName: body.channel.name } : {}),
      ...(body.team?.id || body.user.team_id ? { teamId: body.team?.id ?? body.user.team_id } : {}),
    };
    const value = action.type === 'button' ? action.value : undefined;
    await answerWith(asker, lookupUser, options, log, respond, (ctx) => handleCommand(ctx, parsePagePayload(value), deps, log), { replace_original: true }, deps);
  };
}
