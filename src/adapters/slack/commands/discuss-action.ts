/**
 * A Discuss click on Slack (the 💬 button under a paper): opens the paper's discussion thread,
 * or points to the one it already has in this channel, in an ephemeral answer with a link to it
 * (discuss-threads.ts decides where the thread goes). Never throws: a failure is a localized answer.
 */
import type { webApi } from '@slack/bolt';
import type { CommandContext } from '../../../core/commands.js';
import type { Logger } from '../../../log.js';
import { answerLocale } from '../../../pipeline/commands/answer-locale.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { errorAnswer } from '../../../pipeline/commands/handle-command.js';
import { openDiscussion } from '../../../pipeline/discuss/open-discussion.js';
import { createSlackThreadHost, slackPlace, threadLink } from '../discuss-threads.js';
import { escapeText, fitText } from '../mrkdwn.js';
import { section } from '../paper-blocks.js';
import type { Respond } from './command-context.js';

export interface DiscussClick {
  ctx: CommandContext;
  paperId: number;
  client: webApi.WebClient;
  message?: { ts: string; thread_ts?: string; user?: string };
  ephemeral: boolean;
  papersOf: (ts: string) => number[];
}

/** A localized line with one piece of mrkdwn (a link) put in after the rest was escaped. */
function withLink(text: string, marker: string, link: string): string {
  return escapeText(text).replace(marker, link);
}

export async function answerDiscussClick(click: DiscussClick, deps: CommandDeps, log: Logger, respond: Respond): Promise<void> {
  const { ctx, client } = click;
  const loc = answerLocale(ctx, deps);
  let text: string;
  try {
    const place = slackPlace({ channel: ctx.channelId, ...(click.message ? { message: click.message } : {}), ephemeral: click.ephemeral }, click.paperId, click.papersOf);
    const opened = await openDiscussion(ctx, click.paperId, deps, createSlackThreadHost(client, place));
    log.info({ paper: click.paperId, thread: opened.thread, created: opened.created, place: place.kind, user: ctx.userId }, 'discussion thread opened');
    const url = await threadLink(client, opened.thread);
    const title = fitText(opened.title, 300);
    const marker = '\u0000thread\u0000';
    text = withLink(loc.t(opened.created ? 'discuss.opened' : 'discuss.reopened', { thread: marker }), marker, url ? `<${url}|${title}>` : title);
  } catch (err) {
    text = escapeText(errorAnswer(err, ctx, undefined, loc, log).text ?? '');
  }
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text, blocks: [section(text)] });
  } catch (err) {
    log.warn({ err, user: ctx.userId, channel: ctx.channelId }, 'slack respond failed');
  }
}
