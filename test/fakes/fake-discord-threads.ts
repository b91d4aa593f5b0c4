/**
 * The fake Discord's threads beyond "start a thread from a message" (fake-discord.ts), as the
 * API reference (Channel resource) describes them:
 * - `POST /channels/{id}/threads` in a text or announcement channel starts a thread with no
 *   starter message; `type` picks public (11), private (12) or announcement (10) and, as the docs
 *   warn, a missing `type` gives a PRIVATE thread.
 * - the same route in a forum (15) or media (16) channel creates a post: `message` is required
 *   (400 50035 otherwise), is checked like any new message, and becomes the post's first message,
 *   whose id is the thread's id; the answer is the thread channel with that `message`.
 * - `PATCH /channels/{thread}` with `archived` / `locked` changes the thread's metadata; a locked
 *   thread cannot be unarchived without Manage Threads (403 50013), which the bot does not have here.
 * - a channel of kind 'no-threads' lets the bot post but not create threads (403 50013), as an
 *   overwrite denying Create Public Threads does.
 * - MESSAGE_CREATE for a person's message (`say`): sent to sessions with GUILD_MESSAGES (1 << 9);
 *   without MESSAGE_CONTENT (1 << 15) its `content` is empty unless it mentions the bot, as
 *   Discord does for an app without the privileged intent. Its deletion (`unsay`): MESSAGE_DELETE
 *   with the message's id, channel and guild, to the same sessions.
 */
import type { Json } from './discord-form-errors.js';
import { formError } from './discord-form-errors.js';

export const GUILD_MESSAGES = 1 << 9;
export const MESSAGE_CONTENT = 1 << 15;
export const FORUM_TYPES = new Set([15, 16]);

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Meta = { kind: string; guildId: string; name?: string };

export interface ThreadDeps {
  meta: Map<string, Meta>;
  channels: Map<string, Json[]>;
  threads: Map<string, Json>;
  botId: string;
  snowflake(): string;
  /** Creates a message in a channel the usual way (validation included). */
  createMessage(channelId: string, body: unknown): Reply;
  /** The 400 body for an invalid create-message body, or undefined. */
  validateMessage(body: unknown): Json | undefined;
}

const error = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createThreadRoutes(d: ThreadDeps) {
  function threadObject(id: string, parentId: string, type: number, body: Json): Json {
    const guildId = d.meta.get(parentId)?.guildId ?? '';
    return {
      id, type, guild_id: guildId, parent_id: parentId, owner_id: d.botId, name: body.name, flags: 0,
      last_message_id: null, rate_limit_per_user: 0, message_count: 0, member_count: 1, total_message_sent: 0,
      thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 4320, archive_timestamp: new Date().toISOString(), locked: false, ...(type === 12 ? { invitable: true } : {}) },
    };
  }

  function register(id: string, parentId: string, thread: Json): void {
    d.meta.set(id, { kind: 'thread', guildId: d.meta.get(parentId)?.guildId ?? '' });
    d.channels.set(id, []);
    d.threads.set(id, thread);
  }

  return {
    /** POST /channels/{id}/messages/{message}/threads: a thread started from a message is a channel with the message's id (type 11, public). */
    startThread(channelId: string, messageId: string, body: unknown): Reply {
      const starter = d.channels.get(channelId)?.find((m) => m.id === messageId);
      if (!starter) return error(404, 10008, 'Unknown Message');
      if (d.meta.has(messageId)) return error(400, 160004, 'A thread has already been created for this message');
      if (d.meta.get(channelId)?.kind === 'no-threads') return error(403, 50013, 'Missing Permissions');
      const thread = threadObject(messageId, channelId, 11, isObject(body) ? body : {}); // the name's length was checked against the spec
      register(messageId, channelId, thread);
      Object.assign(starter, { thread, flags: 32 }); // 32: HAS_THREAD
      return { status: 201, body: thread };
    },

    /** POST /channels/{id}/threads (the caller has already checked the channel is visible and writable). */
    createThread(parentId: string, body: unknown): Reply {
      const b = isObject(body) ? body : {};
      const kind = d.meta.get(parentId)?.kind;
      if (kind === 'no-threads') return error(403, 50013, 'Missing Permissions');
      if (kind === 'thread' || kind === 'dm') return error(400, 50024, 'Cannot execute action on this channel type');
      if (kind === 'forum') {
        if (!isObject(b.message)) return { status: 400, body: formError([[['message'], 'BASE_TYPE_REQUIRED', 'This field is required']]) };
        const invalid = d.validateMessage(b.message);
        if (invalid) return { status: 400, body: invalid };
        const id = d.snowflake();
        const thread = threadObject(id, parentId, 11, b);
        register(id, parentId, thread);
        const posted = d.createMessage(id, b.message);
        const message = posted.body as Json;
        // A forum post's first message has the thread's id.
        Object.assign(message, { id, channel_id: id, position: 0 });
        return { status: 201, body: { ...thread, message } };
      }
      const type = typeof b.type === 'number' ? b.type : 12; // the docs: PRIVATE_THREAD when no type is given
      const id = d.snowflake();
      const thread = threadObject(id, parentId, type, b);
      register(id, parentId, thread);
      return { status: 201, body: thread };
    },

    /** PATCH /channels/{id} for a thread: archive, unarchive, lock. */
    updateThread(id: string, body: unknown): Reply | undefined {
      const thread = d.threads.get(id);
      if (!thread) return undefined;
      const b = isObject(body) ? body : {};
      const metadata = thread.thread_metadata as Json;
      if (b.archived === false && metadata.locked === true) return error(403, 50013, 'Missing Permissions');
      if (typeof b.archived === 'boolean') Object.assign(metadata, { archived: b.archived, archive_timestamp: new Date().toISOString() });
      if (typeof b.locked === 'boolean') metadata.locked = b.locked;
      if (typeof b.name === 'string') thread.name = b.name;
      return { status: 200, body: thread };
    },

    /** Archives a thread (and locks it), as Discord's auto-archive or a moderator does. */
    archive(id: string, locked: boolean): void {
      const metadata = d.threads.get(id)?.thread_metadata as Json | undefined;
      if (metadata) Object.assign(metadata, { archived: true, locked, archive_timestamp: new Date().toISOString() });
    },

    /** Whether a message may be posted in a thread now (Discord refuses an archived, locked one). */
    postError(id: string): Reply | undefined {
      const metadata = d.threads.get(id)?.thread_metadata as Json | undefined;
      if (!metadata?.archived) return undefined;
      if (metadata.locked) return error(400, 50083, 'Thread is archived');
      // A message in an archived, unlocked thread unarchives it.
      metadata.archived = false;
      return undefined;
    },

    /**
     * MESSAGE_CREATE for a person's message in a guild channel or thread: the message Discord
     * dispatches and the intent a session needs for it. `content` is kept only for sessions with
     * MESSAGE_CONTENT, or when the message mentions the bot.
     */
    personMessage(channelId: string, author: { id: string; username?: string; bot?: boolean }, content: string, mentions: string[]) {
      const guildId = d.meta.get(channelId)?.guildId || undefined;
      const user = { id: author.id, username: author.username ?? `user${author.id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, ...(author.bot ? { bot: true } : {}) };
      const message: Json = {
        id: d.snowflake(), type: 0, channel_id: channelId, author: user, content, embeds: [], attachments: [], components: [],
        mentions: mentions.map((id) => ({ id, username: id === d.botId ? 'paperboy-test' : `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, ...(id === d.botId ? { bot: true } : {}) })),
        mention_roles: [], mention_everyone: /@(everyone|here)/.test(content), pinned: false, tts: false, flags: 0,
        timestamp: new Date().toISOString(), edited_timestamp: null,
        ...(guildId ? { guild_id: guildId, member: { roles: [], joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0 } } : {}),
      };
      d.channels.get(channelId)?.push(message);
      const mentionsBot = mentions.includes(d.botId);
      const forSession = (intents: number): Json | undefined => {
        if ((intents & GUILD_MESSAGES) === 0) return undefined;
        return (intents & MESSAGE_CONTENT) !== 0 || mentionsBot ? message : { ...message, content: '', embeds: [], attachments: [], components: [] };
      };
      return { message, forSession };
    },
    /** A message deleted by its author: MESSAGE_DELETE for sessions with GUILD_MESSAGES. */
    deleteMessage(channelId: string, messageId: string) {
      const list = d.channels.get(channelId) ?? [];
      const at = list.findIndex((m) => m.id === messageId);
      if (at >= 0) list.splice(at, 1);
      const guildId = d.meta.get(channelId)?.guildId || undefined;
      const data: Json = { id: messageId, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) };
      return { forSession: (intents: number): Json | undefined => ((intents & GUILD_MESSAGES) === 0 ? undefined : data) };
    },
  };
}
