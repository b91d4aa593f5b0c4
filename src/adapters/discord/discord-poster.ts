/**
 * The ChatPoster for Discord. Sends are idempotent on Discord's side: the delivery key goes out
 * as the message nonce with `enforce_nonce`, and Discord answers a repeat within a few minutes
 * with the message it already created, so a retry after a lost response posts nothing twice.
 */
import { DiscordAPIError, Routes, type APIMessage, type Client } from 'discord.js';
import { ChannelUnavailableError, type ChatPoster, type ChatRenderer, type SendOptions } from '../../core/chat-poster.js';
import type { OutgoingMessage } from '../../core/digest-model.js';
import type { Logger } from '../../log.js';
import { renderDiscordDigest, THREAD_NAME_KEY } from './render-digest.js';

/** Discord JSON error codes that no retry will fix: the channel needs a human first. */
const PERMANENT_CODES: Record<number, string> = {
  10003: 'unknown_channel',
  10008: 'unknown_message', // the thread's header was deleted
  50001: 'missing_access',
  50008: 'not_text_channel',
  50013: 'missing_permissions',
  160005: 'thread_locked',
  50007: 'cannot_dm', // the user blocks DMs or shares no server with the bot
  10013: 'unknown_user',
};
const THREAD_ALREADY_CREATED = 160004;
/** Snowflakes count milliseconds from 2015-01-01; a message id after a time is (ms − epoch) << 22. */
const DISCORD_EPOCH = 1420070400000n;
const FALLBACK_THREAD_NAME = 'Papers';
/** Started threads remembered per poster; older ones fall back on Discord's 160004 answer. */
const REMEMBERED_THREADS = 500;

/** The create-message JSON as sent: the renderer's fields, the delivery key as an enforced nonce. */
function requestBody(_channel: string, message: OutgoingMessage, { key }: SendOptions): Record<string, unknown> {
  const { [THREAD_NAME_KEY]: _threadName, ...fields } = message.body;
  return { ...fields, nonce: key, enforce_nonce: true };
}

/** Whether a posted message is the one this body creates (content and embed titles). */
function sameMessage(posted: APIMessage, message: OutgoingMessage): boolean {
  const body = message.body as { content?: string; embeds?: { title?: string }[] };
  const titles = (e: { title?: string }[] | undefined) => (e ?? []).map((x) => x.title ?? '').join('\u0000');
  return (posted.content ?? '') === (body.content ?? '') && titles(posted.embeds) === titles(body.embeds);
}

/** Discord's rendering and request bodies, with no client (previews). */
export const discordRenderer: ChatRenderer = { platform: 'discord', render: renderDiscordDigest, requestBody };

export function createDiscordPoster(client: Client, log: Logger): ChatPoster {
  // One start per header message; concurrent sends into the same thread share the request.
  const threads = new Map<string, Promise<string>>();

  function threadFor(channel: string, header: string, name: string): Promise<string> {
    const key = `${channel}/${header}`;
    let thread = threads.get(key);
    if (!thread) {
      thread = startThread(client, channel, header, name);
      if (threads.size >= REMEMBERED_THREADS) threads.delete(threads.keys().next().value ?? '');
      threads.set(key, thread);
      thread.catch(() => threads.delete(key)); // a failed start may be retried by the next send
    }
    return thread;
  }

  return {
    ...discordRenderer,
    async send(channel: string, message: OutgoingMessage, options: SendOptions) {
      const { key, threadOf } = options;
      const threadName = message.body[THREAD_NAME_KEY];
      try {
        const name = typeof threadName === 'string' && threadName ? threadName : FALLBACK_THREAD_NAME;
        const target = threadOf ? await threadFor(channel, threadOf, name) : channel;
        const body = requestBody(channel, message, options);
        const posted = (await client.rest.post(Routes.channelMessages(target), { body })) as APIMessage;
        log.debug({ channel, target, key, messageId: posted.id }, 'discord message sent');
        return { messageId: posted.id };
      } catch (err) {
        throw permanentError(err) ?? err;
      }
    },
    async openDirect(userId: string) {
      try {
        const dm = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
        return dm.id;
      } catch (err) {
        throw permanentError(err) ?? err;
      }
    },
    // Within Discord's nonce window, enforce_nonce turns a re-send into the existing message.
    // Past it (a restart minutes after a crash) only the channel's history can tell: a recent
    // message of this bot with the same content and embed titles is the one we sent.
    async findSent(channel, _key, since, message, threadOf) {
      const target = threadOf ?? channel;
      try {
        if (!message) return undefined;
        const after = ((BigInt(since.getTime()) - DISCORD_EPOCH) << 22n).toString();
        const recent = (await client.rest.get(Routes.channelMessages(target), { query: new URLSearchParams({ after, limit: '100' }) })) as APIMessage[];
        const me = client.user?.id ?? client.application?.id;
        const found = recent.find((m) => (me === undefined || m.author.id === me) && sameMessage(m, message));
        return found?.id;
      } catch (err) {
        // No Read Message History permission: fall back to the nonce alone.
        log.warn({ channel: target, err }, 'could not read channel history to check for a message sent before a restart');
        return undefined;
      }
    },
  };
}

/** Starts the thread on the header; a thread already there (an earlier run) is just as good. */
async function startThread(client: Client, channel: string, header: string, name: string): Promise<string> {
  try {
    await client.rest.post(Routes.threads(channel, header), { body: { name } });
  } catch (err) {
    if (!(err instanceof DiscordAPIError && err.code === THREAD_ALREADY_CREATED)) throw err;
  }
  // A thread started from a message has that message's id as its channel id.
  return header;
}

/** A ChannelUnavailableError for failures no retry fixes; undefined for transient or unknown ones. */
export function permanentError(err: unknown): ChannelUnavailableError | undefined {
  if (err instanceof DiscordAPIError) {
    if (err.status === 401) return new ChannelUnavailableError('invalid_token', err.message);
    const reason = typeof err.code === 'number' ? PERMANENT_CODES[err.code] : undefined;
    return reason ? new ChannelUnavailableError(reason, err.message) : undefined;
  }
  // After a 401, @discordjs/rest drops its token and fails every later request locally.
  if (err instanceof Error && /^Expected token to be set/.test(err.message)) {
    return new ChannelUnavailableError('invalid_token', err.message);
  }
  return undefined;
}
