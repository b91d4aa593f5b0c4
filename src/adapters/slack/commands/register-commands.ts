/**
 * The Slack listeners for `/papers`, grouped by kind: the slash command, the buttons its answers
 * and the digests carry (paging; 👍 / 👎 / more like this / undo), 👍 / 👎 reactions on
 * one-paper messages, and messages in discussion threads (replies counted; mentions answered). Called once from the composition root, before the app starts.
 */
import type { App } from '@slack/bolt';
import type { OutboxStore } from '../../../db/outbox-store.js';
import type { QuestionAnswerer } from '../../../pipeline/discuss/answer-question.js';
import { createMentionListener, type MentionArgs } from '../discuss-mentions.js';
import { createReplyListener, type ThreadMessageArgs } from '../discuss-replies.js';
import type { Logger } from '../../../log.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { PAPER_ACTION_PREFIX } from '../feedback-blocks.js';
import { createReactionListener, type ReactionBody, type ReactionEvent } from '../reaction-events.js';
import type { CommandOptions } from './command-context.js';
import { createPageAction } from './page-action.js';
import { createPaperAction, type PaperActionArgs } from './paper-action.js';
import { createPapersCommand } from './papers-command.js';
import { PAGE_ACTION_PREFIX } from './render-answer.js';
import { createUserLookup, type LookupUser } from './slack-users.js';
import { createDmUploader } from '../upload-files.js';

export const PAPERS_COMMAND = '/papers';
/** The Events API subscriptions the app needs (config/slack-manifest.json lists the same). */
export const REACTION_EVENTS = ['reaction_added', 'reaction_removed'] as const;
/** Questions in discussion threads (docs/adr/0020-discuss-threads.md); scope `app_mentions:read`. */
export const MENTION_EVENT = 'app_mention';

export interface SlackListenerOptions extends CommandOptions {
  lookupUser?: LookupUser;
  /** Where a reaction's message is found (by its ts); without it reactions are not listened to. */
  outbox?: Pick<OutboxStore, 'papersOfMessage'>;
  /** Answers questions in discussion threads (an LLM is configured); without it mentions are not listened to. */
  questions?: QuestionAnswerer;
}

export function registerSlackCommands(app: App, deps: CommandDeps, log: Logger, options: SlackListenerOptions = {}): void {
  const lookupUser = options.lookupUser ?? createUserLookup(app.client, log);
  options = { uploadFiles: createDmUploader(app.client), ...options };
  app.command(PAPERS_COMMAND, createPapersCommand(deps, log, lookupUser, options));
  app.action(new RegExp(`^${PAGE_ACTION_PREFIX}`), createPageAction(deps, log, lookupUser, options));
  const outbox = options.outbox;
  const paperAction = createPaperAction(deps, log, lookupUser, { ...options, ...(outbox ? { papersOf: (ts: string) => outbox.papersOfMessage(ts) } : {}) });
  if (deps.discuss) {
    // Replies in discussion threads, counted for weekly digests (message.channels, message.groups).
    const reply = createReplyListener(deps.discuss.store, () => deps.now(), log);
    app.event('message', (args) => reply(args as unknown as ThreadMessageArgs));
  }
  if (options.questions) {
    const mention = createMentionListener(options.questions, lookupUser, log);
    app.event(MENTION_EVENT, (args) => mention(args as unknown as MentionArgs));
  }
  // Bolt's action argument is a union over every element type; the listener reads the fields a button and an overflow share.
  app.action(new RegExp(`^${PAPER_ACTION_PREFIX}`), (args) => paperAction(args as unknown as PaperActionArgs));
  if (!options.outbox) return;
  const reaction = createReactionListener(deps, options.outbox, log);
  for (const name of REACTION_EVENTS) {
    app.event(name, (args) => reaction({ event: args.event as ReactionEvent, body: args.body as ReactionBody }));
  }
}
