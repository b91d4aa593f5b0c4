/**
 * `/papers <text>`: acknowledged at once with an empty body (Slack wants the ack within 3 s and
 * users.info may take longer), then answered through `response_url`.
 */
import type { Logger } from '../../../log.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { handleCommandText } from '../../../pipeline/commands/handle-command.js';
import { answerWith, type CommandOptions, type Respond } from './command-context.js';
import type { LookupUser } from './slack-users.js';

export interface PapersCommandArgs {
  command: { text: string; user_id: string; channel_id: string; channel_name?: string; team_id?: string };
  ack: () => Promise<void>;
  respond: Respond;
}

export function createPapersCommand(deps: CommandDeps, log: Logger, lookupUser: LookupUser, options: CommandOptions = {}) {
  return async ({ command, ack, respond }: PapersCommandArgs): Promise<void> => {
    try {
      await ack();
    } catch (err) {
      log.warn({ err, user: command.user_id }, 'slack ack failed');
      return;
    }
    const asker = { userId: command.user_id, channelId: command.channel_id, channelName: command.channel_name, teamId: command.team_id };
    await answerWith(asker, lookupUser, options, log, respond, (ctx) => handleCommandText(ctx, command.text ?? '', deps, log), {}, deps);
  };
}
