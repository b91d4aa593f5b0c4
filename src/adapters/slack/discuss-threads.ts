/**
 * Discussion threads on Slack (docs/adr/0020-discuss-threads.md). A Discuss click on the bot's
 * own top-level message that shows this one paper (a one-paper digest or subscription message)
 * opens that message's thread; anywhere else (a digest message listing several papers, a reply
 * in a `layout: thread` digest, an ephemeral answer) the thread would be shared with other papers
 * or cannot exist, so the bot posts the paper's card as a new message in the channel and the
 * discussion is its thread. Either way the thread starts with the full card in the channel's
 * language. Slack threads do not archive, so reopening is pointing to it again. The store keys a
 * thread as `<channel>:<thread_ts>`.
 */
import type { webApi } from '@slack/bolt';
import { UserError } from '../../core/commands.js';
import type { DiscussionOpening, ThreadHost } from '../../pipeline/discuss/open-discussion.js';
import { feedbackLabels } from './feedback-blocks.js';
import { fitText } from './mrkdwn.js';
import { LIMITS, paperBlocks, paperLine, section } from './paper-blocks.js';
import { platformErrorCode } from './slack-errors.js';

export type SlackPlace = { kind: 'message'; channel: string; ts: string } | { kind: 'channel'; channel: string };

/** What a click says about the message it was on. */
export interface SlackClickOrigin {
  channel: string;
  /** The clicked message: its ts, its thread's ts if it is in one, and who posted it. */
  message?: { ts: string; thread_ts?: string; bot_id?: string; user?: string };
  ephemeral: boolean;
}

export const threadKey = (channel: string, ts: string): string => `${channel}:${ts}`;

/** The clicked message's thread when it is the bot's top-level message showing only this paper; a new message otherwise. */
export function slackPlace(origin: SlackClickOrigin, paperId: number, papersOf: (ts: string) => number[], botUserId?: string): SlackPlace {
  const m = origin.message;
  const topLevel = m && (!m.thread_ts || m.thread_ts === m.ts);
  const ours = m && (botUserId === undefined || m.user === botUserId);
  if (!origin.ephemeral && m && topLevel && ours) {
    const papers = papersOf(m.ts);
    if (papers.length === 1 && papers[0] === paperId) return { kind: 'message', channel: origin.channel, ts: m.ts };
  }
  return { kind: 'channel', channel: origin.channel };
}

/** The opening message: the intro line and the paper's blocks (buttons in the channel's language). */
export function openingArgs(opening: DiscussionOpening) {
  const intro = section(fitText(opening.intro, LIMITS.sectionText));
  // The fallback text is parsed for mentions too: escaped like the digests' (a title may hold `<!channel>`).
  const text = fitText(`${opening.intro} ${paperLine(opening.card)}`, 3000);
  return { text, blocks: [intro, ...paperBlocks(opening.card, LIMITS.blocks - 1, feedbackLabels(opening.locale))], unfurl_links: false, unfurl_media: false };
}

/** A refusal the clicker can act on, localized; other errors pass through. */
function refused(err: unknown): unknown {
  const code = platformErrorCode(err);
  if (code === 'not_in_channel' || code === 'channel_not_found') return new UserError('discuss.slack_not_in_channel');
  if (code === 'missing_scope') {
    const needed = (err as { data?: { needed?: unknown } }).data?.needed;
    return new UserError('discuss.slack_missing_scope', { scope: typeof needed === 'string' ? needed : 'chat:write' });
  }
  return err;
}

export function createSlackThreadHost(client: webApi.WebClient, place: SlackPlace): ThreadHost {
  return {
    // Slack threads neither archive nor lock; a deleted root leaves the replies readable.
    reopen: () => Promise.resolve(true),
    async create(opening) {
      const args = openingArgs(opening);
      try {
        if (place.kind === 'message') {
          await client.chat.postMessage({ channel: place.channel, thread_ts: place.ts, ...args });
          return threadKey(place.channel, place.ts);
        }
        const posted = await client.chat.postMessage({ channel: place.channel, ...args });
        return threadKey(place.channel, String(posted.ts));
      } catch (err) {
        throw refused(err);
      }
    },
  };
}

/** A link to a thread (its root message), or undefined when Slack will not give one. */
export async function threadLink(client: webApi.WebClient, thread: string): Promise<string | undefined> {
  const i = thread.indexOf(':');
  try {
    const res = await client.chat.getPermalink({ channel: thread.slice(0, i), message_ts: thread.slice(i + 1) });
    return typeof res.permalink === 'string' ? res.permalink : undefined;
  } catch {
    return undefined;
  }
}
