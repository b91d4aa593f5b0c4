/**
 * The Slack listeners for `/papers`, grouped by kind: the slash command and the buttons its
 * answers carry. Called once from the composition root, before the app starts.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import type { CommandOptions } from './command-context.js';
import { createPageAction } from './page-action.js';
import { createPapersCommand } from './papers-command.js';
import { PAGE_ACTION_PREFIX } from './render-answer.js';
import { createUserLookup, type LookupUser } from './slack-users.js';

export const PAPERS_COMMAND = '/papers';

export function registerSlackCommands(app: App, deps: CommandDeps, log: Logger, options: CommandOptions & { lookupUser?: LookupUser } = {}): void {
  const lookupUser = options.lookupUser ?? createUserLookup(app.client, log);
  app.command(PAPERS_COMMAND, createPapersCommand(deps, log, lookupUser, options));
  app.action(new RegExp(`^${PAGE_ACTION_PREFIX}`), createPageAction(deps, log, lookupUser, options));
}
