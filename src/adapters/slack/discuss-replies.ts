/**
 * Replies in discussion threads on Slack, counted for the weekly digest (docs/adr/0021-weekly-digest.md):
 * a `message` event (bot events `message.channels` and `message.groups`, scopes `channels:history`
 * and `groups:history`) in a thread the discuss store knows (`<channel>:<thread_ts>`) is recorded:
 * who and when, never the text. The bot's and other bots' messages (its opening card, its
 * answers) do not count, nor do edits and other subtypes; a deleted message (`message_deleted`) no
 * longer counts. A retried event is recorded once (the message's `<channel>:<ts>` is the key), so
 * retries are not skipped: the first delivery may have failed.
 */
import type { DiscussStore } from '../../db/discuss-store.js';
import type { Logger } from '../../log.js';
import { threadKey } from './discuss-threads.js';

/** The Events API subscriptions for them (config/slack-manifest.json lists the same); both arrive as `message`. */
export const THREAD_MESSAGE_EVENTS = ['message.channels', 'message.groups'] as const;

/** A person's message: none, or these subtypes (a reply also sent to the channel; one with a file). */
const PERSON_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

/** A `message` event as the Events API sends it (the fields read here). */
export interface ThreadMessageEvent {
  type: 'message';
  subtype?: string;
  user?: string;
  bot_id?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  /** `message_deleted`: the ts of the message deleted. */
  deleted_ts?: string;
}

export interface ThreadMessageArgs {
  event: ThreadMessageEvent;
  context: { botUserId?: string };
}

export function createReplyListener(store: Pick<DiscussStore, 'recordReply' | 'forgetReply'>, now: () => Date, log: Logger) {
  return async ({ event, context }: ThreadMessageArgs): Promise<void> => {
    try {
      if (event.subtype === 'message_deleted') {
        if (event.deleted_ts) store.forgetReply('slack', threadKey(event.channel, event.deleted_ts));
        return;
      }
      if (event.subtype !== undefined && !PERSON_SUBTYPES.has(event.subtype)) return;
      if (!event.user || event.bot_id || event.user === context.botUserId) return;
      if (!event.thread_ts || event.thread_ts === event.ts) return;
      store.recordReply({ platform: 'slack', thread: threadKey(event.channel, event.thread_ts), messageId: threadKey(event.channel, event.ts), actor: event.user, at: now().toISOString() });
    } catch (err) {
      log.error({ err, channel: event.channel, ts: event.ts }, 'recording a discussion reply failed');
    }
  };
}
