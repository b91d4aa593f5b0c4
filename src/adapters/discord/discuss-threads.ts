/**
 * Where a Discuss click's thread goes on Discord (docs/adr/0020-discuss-threads.md), and the
 * ThreadHost that makes or reopens it with plain REST calls (no cache needed):
 * - a button on the bot's own one-paper message in a text or announcement channel: a thread
 *   started on that message (its id is the message's);
 * - any other click in such a channel (a digest's select, an ephemeral answer): a new public
 *   thread in the channel, named after the paper;
 * - a click inside a thread (a digest's thread, a forum post): the same, in the thread's parent,
 *   since threads do not nest; when the parent is a forum or media channel, a new post there
 *   whose first message is the card.
 * The thread's first message is the paper's full card in the channel's language. Missing
 * permissions (403 50013 / 50001) become a localized answer naming them.
 */
import { DiscordAPIError, PermissionFlagsBits, Routes, type APIChannel, type APIEmbed, type Client } from 'discord.js';
import { UserError } from '../../core/commands.js';
import type { DiscussionOpening, ThreadHost } from '../../pipeline/discuss/open-discussion.js';
import { REQUIRED_FOR_THREADS } from './channel-permissions.js';
import { paperControlLabels, paperControls, type MessageRow } from './paper-components.js';
import { paperEmbed } from './paper-embed.js';

const MISSING_PERMISSIONS = 50013;
const MISSING_ACCESS = 50001;
const UNKNOWN_CHANNEL = 10003;
const THREAD_ALREADY_CREATED = 160004;
/** A week: a discussion is not a chat that dies in a day. */
const AUTO_ARCHIVE_MINUTES = 10080;
const THREAD_TYPES = new Set([10, 11, 12]);
const FORUM_TYPES = new Set([15, 16]);
const ANNOUNCEMENT = 5;

/** What a discussion needs, named as Discord's settings name it: a thread (as `layout: thread` does) or a forum post. */
const THREAD_PERMISSIONS = REQUIRED_FOR_THREADS;
const FORUM_PERMISSIONS: [bigint, string][] = [
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
];

/** Where the thread goes: on a message, as a new thread in a channel, or as a forum post. */
export type DiscordPlace =
  | { kind: 'message'; channel: string; message: string }
  | { kind: 'channel'; channel: string; threadType: 10 | 11 }
  | { kind: 'forum'; channel: string };

/** What the click tells: the channel it came from and the message it was on. */
export interface ClickOrigin {
  channelId: string;
  message?: { id: string; authorId: string; ephemeral: boolean; hasThread: boolean };
  /** A button (on a one-paper message) rather than a select (on a several-paper one). */
  button: boolean;
  /** The bot's permissions in the channel of the click (interaction `app_permissions`). */
  appPermissions?: bigint;
}

const code = (err: unknown): unknown => (err instanceof DiscordAPIError ? err.code : undefined);

export function permissionError(needed: [bigint, string][], have?: bigint): UserError {
  const missing = have === undefined ? needed : needed.filter(([bit]) => (have & bit) === 0n);
  return new UserError('discuss.missing_discord_permission', { permissions: (missing.length ? missing : needed).map(([, name]) => name).join(', ') });
}

/** Turns a refusal for lack of permission into the localized answer; anything else passes through. */
function refused(err: unknown, needed: [bigint, string][], have?: bigint): unknown {
  return code(err) === MISSING_PERMISSIONS || code(err) === MISSING_ACCESS ? permissionError(needed, have) : err;
}

/** Reads the click's channel (and a thread's parent) to decide where its thread goes; `home` is the channel the thread is recorded for. */
export async function placeFor(client: Client, origin: ClickOrigin, botId: string): Promise<{ place: DiscordPlace; home: string }> {
  let channel: APIChannel;
  try {
    channel = (await client.rest.get(Routes.channel(origin.channelId))) as APIChannel;
  } catch (err) {
    throw refused(err, [[PermissionFlagsBits.ViewChannel, 'View Channel']]);
  }
  if (THREAD_TYPES.has(channel.type) && 'parent_id' in channel && channel.parent_id) {
    const parentId = channel.parent_id;
    const parent = (await client.rest.get(Routes.channel(parentId)).catch((err: unknown) => {
      throw refused(err, [[PermissionFlagsBits.ViewChannel, 'View Channel']]);
    })) as APIChannel;
    if (FORUM_TYPES.has(parent.type)) return { place: { kind: 'forum', channel: parentId }, home: parentId };
    return { place: { kind: 'channel', channel: parentId, threadType: parent.type === ANNOUNCEMENT ? 10 : 11 }, home: parentId };
  }
  if (FORUM_TYPES.has(channel.type)) return { place: { kind: 'forum', channel: channel.id }, home: channel.id };
  const m = origin.message;
  if (origin.button && m && !m.ephemeral && !m.hasThread && m.authorId === botId) {
    return { place: { kind: 'message', channel: channel.id, message: m.id }, home: channel.id };
  }
  return { place: { kind: 'channel', channel: channel.id, threadType: channel.type === ANNOUNCEMENT ? 10 : 11 }, home: channel.id };
}

/** The thread's first message: the intro line, the full card, its controls (labelled in the channel's language). */
export function openingMessage(opening: DiscussionOpening): { content: string; embeds: APIEmbed[]; components: MessageRow[]; allowed_mentions: { parse: [] } } {
  return {
    content: opening.intro,
    embeds: [paperEmbed(opening.card)],
    components: paperControls([opening.card], paperControlLabels(opening.locale)),
    allowed_mentions: { parse: [] },
  };
}

/**
 * `appPermissions`: the bot's permissions in the channel the thread goes in, when known (the
 * interaction carries them for the click's own channel only, not for a thread's parent).
 */
export function createDiscordThreadHost(client: Client, place: DiscordPlace, appPermissions?: bigint): ThreadHost {
  const have = place.kind === 'forum' ? undefined : appPermissions;
  const needed = place.kind === 'forum' ? FORUM_PERMISSIONS : THREAD_PERMISSIONS;

  async function start(name: string): Promise<string> {
    if (place.kind === 'message') {
      try {
        await client.rest.post(Routes.threads(place.channel, place.message), { body: { name, auto_archive_duration: AUTO_ARCHIVE_MINUTES } });
      } catch (err) {
        // Someone started a thread on the message by hand: that thread is the discussion.
        if (code(err) !== THREAD_ALREADY_CREATED) throw err;
      }
      return place.message; // a thread started from a message has the message's id
    }
    const thread = (await client.rest.post(Routes.threads(place.channel), { body: { name, type: place.kind === 'channel' ? place.threadType : undefined, auto_archive_duration: AUTO_ARCHIVE_MINUTES } })) as { id: string };
    return thread.id;
  }

  return {
    async reopen(thread) {
      let channel: { thread_metadata?: { archived?: boolean; locked?: boolean } };
      try {
        channel = (await client.rest.get(Routes.channel(thread))) as typeof channel;
      } catch (err) {
        if (code(err) === UNKNOWN_CHANNEL) return false; // deleted: a new one is made
        throw refused(err, needed, have);
      }
      if (!channel.thread_metadata?.archived) return true;
      if (channel.thread_metadata.locked) return false; // a moderator closed it: a new thread, rather than overruling them
      try {
        await client.rest.patch(Routes.channel(thread), { body: { archived: false } });
      } catch (err) {
        throw refused(err, needed, have);
      }
      return true;
    },
    async create(opening) {
      try {
        if (place.kind === 'forum') {
          const post = (await client.rest.post(Routes.threads(place.channel), { body: { name: opening.name, auto_archive_duration: AUTO_ARCHIVE_MINUTES, message: openingMessage(opening) } })) as { id: string };
          return post.id;
        }
        const thread = await start(opening.name);
        await client.rest.post(Routes.channelMessages(thread), { body: openingMessage(opening) });
        return thread;
      } catch (err) {
        throw refused(err, needed, have);
      }
    },
  };
}
