/**
 * Questions in discussion threads on Slack: an `app_mention` event (scope `app_mentions:read`)
 * in a thread the discuss store knows gets the LLM's answer in that thread
 * (docs/adr/0020-discuss-threads.md). The reply is escaped (`&`, `<`, `>`), so neither the
 * question nor the model can make it ping (`<!channel>`, `<@U…>` arrive as text), `@channel` and
 * `@here` are broken up as well, and `link_names` is off.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { QuestionAnswerer, Reply } from '../../pipeline/discuss/answer-question.js';
import type { LookupUser } from './commands/slack-users.js';
import { threadKey } from './discuss-threads.js';
import { escapeText } from './mrkdwn.js';

/** `app_mention` as the Events API sends it (the fields read here). */
export interface MentionEvent {
  type: 'app_mention';
  user?: string;
  bot_id?: string;
  text: string;
  ts: string;
  channel: string;
  thread_ts?: string;
}

/** Room for an answer: far below chat.postMessage's 40,000, within what reads as one message. */
const ANSWER_MAX = 3500;
const ZWSP = '\u200b';

/** The reply as Slack mrkdwn: the note in italics, then the answer, escaped, with Markdown bold made Slack bold. */
export function slackReplyText(reply: Reply): string {
  const safe = (s: string) => escapeText(s).replace(/@(channel|here|everyone)\b/g, `@${ZWSP}$1`);
  const note = reply.note ? `_${safe(reply.note)}_` : '';
  if (!reply.answer) return note || '…';
  let answer = reply.answer.trim();
  if ([...answer].length > ANSWER_MAX) answer = `${[...answer].slice(0, ANSWER_MAX - 1).join('')}…`;
  const body = safe(answer).replace(/\*\*([^*\n]+)\*\*/g, '*$1*');
  return note ? `${note}\n\n${body}` : body;
}

export interface MentionArgs {
  event: MentionEvent;
  body: { team_id?: string };
  context: { botUserId?: string; retryNum?: number };
  client: webApi.WebClient;
}

export function createMentionListener(answer: QuestionAnswerer, lookupUser: LookupUser, log: Logger) {
  return async ({ event, body, context, client }: MentionArgs): Promise<void> => {
    // A retry of an event already handled (Slack retries when the ack was late) would answer twice.
    if (context.retryNum) return;
    if (!event.thread_ts || !event.user || event.bot_id) return;
    try {
      const asker = await lookupUser(event.user);
      const reply = await answer({
        platform: 'slack',
        workspace: body.team_id ?? '',
        userId: event.user,
        thread: threadKey(event.channel, event.thread_ts),
        text: event.text,
        botId: context.botUserId ?? '',
        ...(asker.locale ? { platformLocale: asker.locale } : {}),
      });
      if (!reply) return;
      await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts, text: slackReplyText(reply), link_names: false, unfurl_links: false });
    } catch (err) {
      log.error({ err, channel: event.channel, thread: event.thread_ts }, 'discussion question failed');
    }
  };
}
