/**
 * A fake Discord on 127.0.0.1: the REST API (`/api/v10`) and a WebSocket gateway on one port,
 * speaking what real Discord speaks, so tests drive the real discord.js client against it.
 * REST: bot auth (401), channels that are unknown (404 10003) or closed to the bot (403 50001 /
 * 50013), create-message limits beyond the spec (400 50035, 50006 for an empty message),
 * nonce + enforce_nonce de-duplication, threads started from a message, per-channel and global
 * rate limits with Discord's headers and 429 body. Gateway: HELLO, IDENTIFY → READY, heartbeat
 * ACK, and `dispatch()` for events a test wants to deliver; `react()` delivers MESSAGE_REACTION_ADD /
 * MESSAGE_REACTION_REMOVE in Discord's shape, and only to sessions that identified with the
 * GuildMessageReactions intent (as Discord sends events by intent); `identifies` keeps each IDENTIFY.
 * Direct messages: `POST /users/@me/channels {recipient_id}` opens (or returns) the user's DM
 * channel (type 1), whose messages are stored under its id like any channel's; a user marked with
 * `blockDms()` makes every post into their DM channel fail with 403 50007, as Discord answers when
 * the user blocks DMs or shares no server with the bot.
 * Guilds (fake-discord-guilds.ts): `GET /channels/{id}` (the channel object with its permission
 * overwrites), `GET /guilds/{id}/roles` and `GET /guilds/{id}/members/{bot id}`; a channel of kind
 * 'no-permission' shows an overwrite that denies the bot Send Messages, which is why posting there
 * gets 403 50013.
 * Every request is first checked against Discord's own OpenAPI spec (discord-spec.ts): a route it
 * does not have is 404 (405 for another method), a JSON body that breaks the route's request schema
 * is 400 50035 with Discord's `errors` tree, and refused bodies are kept in `validationErrors`.
 * Lengths are counted in code points, as Discord (Python) counts them.
 * Files (discord-multipart.ts): a multipart/form-data request's `payload_json` is its body (checked
 * like any JSON body) and its `files[n]` parts are recorded with the request, the interaction
 * callback or webhook call; a file over `attachmentSizeLimit` gets 413 40005, an attachment
 * naming no uploaded part 400 50035.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { formError, type Json } from './discord-form-errors.js';
import { checkRequest } from './discord-spec.js';
import { reactionDispatch, type Reaction } from './fake-discord-reactions.js';
import { createGuildDirectory, PERMISSION, type GuildPermissions, type OverwriteInput } from './fake-discord-guilds.js';
import { attachmentObjects, attachmentProblems, readMultipart, type UploadedFile } from './discord-multipart.js';
import { at, isObject, validateMessage } from './discord-message-checks.js';

export { embedChars, validateMessage } from './discord-message-checks.js';

export type { UploadedFile } from './discord-multipart.js';
import { createThreadRoutes } from './fake-discord-threads.js';

export type { GuildPermissions, OverwriteInput } from './fake-discord-guilds.js';

export type { Json };
export type FakeMessage = Json & { id: string; channel_id: string; content: string; embeds: Json[] };
/** `files`: the `files[n]` parts of a multipart/form-data request (discord-multipart.ts); its `body` is the `payload_json`. */
export type FakeRequest = { method: string; path: string; body: unknown; headers: IncomingHttpHeaders; files?: UploadedFile[] };
/**
 * What a test makes the next matching request get: a response, no answer at all, or a dropped
 * connection. 'hold' handles the request as usual (a message is created) but keeps its answer
 * back until `release()`, or for good: a response lost on the way back.
 */
export type Failure = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang' | 'reset' | 'hold';
/** 'forum': a forum channel (type 15, posts only); 'no-threads': the bot may post but not create threads (fake-discord-threads.ts). */
export type ChannelKind = 'text' | 'thread' | 'no-access' | 'no-permission' | 'dm' | 'forum' | 'no-threads';
export type Limit = { limit: number; windowMs: number };
export interface FakeDiscordOptions {
  token?: string;
  /** Per route and channel; default 5 per 5 s, Discord's usual for sending messages. */
  routeLimit?: Limit;
  /** Per bot; default 50 per second. */
  globalLimit?: Limit;
  heartbeatIntervalMs?: number;
  /** How long an enforced nonce is remembered ("a few minutes" in Discord's docs). */
  nonceWindowMs?: number;
  /** The largest file accepted (Discord: 10 MiB by default, more in boosted servers); larger ones get 413 40005. */
  attachmentSizeLimit?: number;
}
export interface FakeDiscord {
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  bot: { id: string; username: string };
  /** Messages by channel id; a thread is a channel whose id is its starter message's id. */
  channels: Map<string, FakeMessage[]>;
  requests: FakeRequest[];
  interactionCallbacks: { id: string; token: string; body: unknown; files?: UploadedFile[] }[];
  /** Interaction webhook calls: editReply (PATCH, messageId '@original') and followUp (POST); `files` when they carry attachments. */
  webhookCalls: { method: string; applicationId: string; token: string; messageId?: string; body: unknown; files?: UploadedFile[] }[];
  /**
   * Requests Discord would refuse for their body, with the answer the fake gave: 400 50035
   * "Invalid Form Body" (Discord's OpenAPI schema for the route, or a create-message limit beyond
   * it) or 50006 (an empty message). Tests of the bot expect none.
   */
  validationErrors: { method: string; path: string; body: unknown; answer: Json }[];
  /** Bulk overwrites of application commands (PUT), global or for one guild. */
  commandRegistrations: { applicationId: string; guildId?: string; body: unknown }[];
  /** 429 responses served so far (rate limits and injected ones). */
  readonly served429: number;
  /** `overwrites` and `name` show in `GET /channels/{id}`; the guild is registered with default permissions. */
  addChannel(id: string, options?: { guildId?: string; kind?: ChannelKind; name?: string; overwrites?: OverwriteInput[] }): void;
  /** Replaces a guild's @everyone and bot role permissions (defaults: what a normally invited bot has). */
  setGuildPermissions(guildId: string, permissions: GuildPermissions): void;
  /** The id of the bot's `index`-th role in a guild (0: its managed role), for role overwrites. */
  botRoleId(guildId: string, index?: number): string;
  /** The DM channel id opened for a user so far (stable per user), if any. */
  dmChannel(userId: string): string | undefined;
  /** From now on posts into this user's DM channel answer 403 50007 "Cannot send messages to this user". */
  blockDms(userId: string): void;
  /**
   * The next request whose path matches (substring or RegExp) gets `failure` instead; with
   * `skip`, that many matching requests are answered as usual first.
   */
  failNext(path: string | RegExp, failure: Failure, options?: { skip?: number }): void;
  /** Answers held back by 'hold' so far (they are answered by `release()`). */
  readonly held: number;
  /** Sends every answer held back so far. */
  release(): void;
  /** Sends a DISPATCH (op 0) to every identified gateway connection. */
  dispatch(event: string, data: unknown): void;
  /** The IDENTIFY payloads received (intents, properties, shard). */
  identifies: Json[];
  /**
   * A user adds or removes a unicode emoji reaction on a message: MESSAGE_REACTION_ADD (with the
   * member and the message author) or MESSAGE_REACTION_REMOVE, as Discord sends them, to the
   * sessions whose intents include GuildMessageReactions (1 << 10) for a guild channel, or
   * DirectMessageReactions (1 << 13) for a DM.
   */
  react(kind: 'add' | 'remove', reaction: Reaction): void;
  /** A person's message (`mentions`: user ids), stored and dispatched as MESSAGE_CREATE as Discord does (fake-discord-threads.ts). */
  say(channelId: string, author: { id: string; username?: string; bot?: boolean }, content: string, mentions?: string[]): Json;
  /** Its author deletes a message: removed, and MESSAGE_DELETE (id, channel_id, guild_id) sent to sessions with GuildMessages. */
  unsay(channelId: string, messageId: string): void;
  /** A thread's channel object (thread_metadata included), if the fake made it. */
  thread(id: string): Json | undefined;
  /** Archives a thread (and locks it), as Discord's auto-archive or a moderator does. */
  archiveThread(id: string, options?: { locked?: boolean }): void;
  close(): Promise<void>;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;
export const snowflake = (): string =>
  String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (BigInt(process.pid & 0x1f) << 12n) | (increment++ & 0xfffn));

/** A 429 as Discord sends it: float `retry_after` in the body, whole seconds in `Retry-After`. */
export function rateLimited(retryAfter: number, global = false): Failure {
  const headers: Record<string, string> = { 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': global ? 'global' : 'user' };
  if (global) headers['x-ratelimit-global'] = 'true';
  return { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global }, headers };
}

// ---- the server ----------------------------------------------------------------------------

type Reply = Exclude<Failure, string>;
const MESSAGES_BUCKET = '80c17d2f203122d936070c88c8d10f33';
const THREADS_BUCKET = 'f3a1e1b6c0d2491b8e5a7c4d9b0e2f61';
const error = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'fake-bot-token';
  const bot = { id: snowflake(), username: 'paperboy-test' };
  const user = { ...bot, discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 };
  const meta = new Map<string, { kind: ChannelKind; guildId: string; recipient?: string; name?: string; overwrites?: OverwriteInput[] }>();
  const guilds = createGuildDirectory(bot);
  const threads = new Map<string, Json>();
  const dms = new Map<string, string>(); // user id → DM channel id
  const dmBlocked = new Set<string>();
  const channels = new Map<string, FakeMessage[]>();
  const windows = new Map<string, { count: number; resetAt: number }>();
  const nonces = new Map<string, { message: FakeMessage; at: number }>();
  const failures: { path: string | RegExp; failure: Failure; skip: number }[] = [];
  const hanging = new Set<ServerResponse>();
  const held: { res: ServerResponse; reply: Reply }[] = [];
  const fake = { requests: [] as FakeRequest[], interactionCallbacks: [] as FakeDiscord['interactionCallbacks'], served429: 0 };
  const webhookCalls: FakeDiscord['webhookCalls'] = [];
  const validationErrors: FakeDiscord['validationErrors'] = [];
  const commandRegistrations: FakeDiscord['commandRegistrations'] = [];

  /** Counts a request in a fixed window: its X-RateLimit headers, or a 429 once the window is spent. */
  function take(key: string, bucket: string | null, { limit, windowMs }: Limit): { headers: Record<string, string>; limited?: Reply } {
    const now = Date.now();
    let w = windows.get(key);
    if (!w || w.resetAt <= now) windows.set(key, (w = { count: 0, resetAt: now + windowMs }));
    const resetAfter = ((w.resetAt - now) / 1000).toFixed(3);
    const headers: Record<string, string> = bucket
      ? { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - w.count - 1)),
          'x-ratelimit-reset': (w.resetAt / 1000).toFixed(3), 'x-ratelimit-reset-after': resetAfter, 'x-ratelimit-bucket': bucket }
      : {};
    if (w.count >= limit) {
      const reply = rateLimited(Number(resetAfter), !bucket) as Reply;
      return { headers, limited: { ...reply, headers: { ...reply.headers, ...headers } } };
    }
    w.count++;
    return { headers };
  }

  function channelError(id: string): Reply | undefined {
    const kind = meta.get(id)?.kind;
    if (!kind) return error(404, 10003, 'Unknown Channel');
    if (kind === 'no-access') return error(403, 50001, 'Missing Access');
    if (kind === 'no-permission') return error(403, 50013, 'Missing Permissions');
    const recipient = meta.get(id)?.recipient;
    if (kind === 'dm' && recipient !== undefined && dmBlocked.has(recipient)) return error(403, 50007, 'Cannot send messages to this user');
    return undefined;
  }

  function createMessage(channelId: string, body: unknown): Reply {
    if (meta.get(channelId)?.kind === 'forum') return error(400, 50008, 'Cannot send messages in a non-text channel');
    const archived = threadRoutes.postError(channelId);
    if (archived) return archived;
    const invalid = validateMessage(body);
    if (invalid) return { status: 400, body: invalid };
    const b = body as Json;
    const nonce = typeof b.nonce === 'string' || typeof b.nonce === 'number' ? String(b.nonce) : undefined;
    const enforced = nonce !== undefined && b.enforce_nonce === true;
    const seen = enforced ? nonces.get(`${channelId}:${nonce}`) : undefined;
    if (seen && Date.now() - seen.at < (options.nonceWindowMs ?? 300_000)) return { status: 200, body: seen.message };
    const message: FakeMessage = {
      id: snowflake(), type: 0, channel_id: channelId, guild_id: meta.get(channelId)?.guildId || undefined, author: user,
      content: typeof b.content === 'string' ? b.content : '',
      embeds: ((b.embeds as Json[] | undefined) ?? []).map((e) => ({ type: 'rich', ...e })),
      timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [],
      mention_roles: [], attachments: [], components: Array.isArray(b.components) ? (b.components as Json[]) : [], pinned: false, flags: 0, ...(nonce ? { nonce } : {}),
    };
    // A reply: type 19 with the reference Discord fills in (channel and guild of the message replied to).
    const reference = isObject(b.message_reference) ? b.message_reference : undefined;
    if (reference) Object.assign(message, { type: 19, message_reference: { type: 0, message_id: reference.message_id, channel_id: channelId, ...(message.guild_id ? { guild_id: message.guild_id } : {}) } });
    channels.get(channelId)?.push(message);
    if (enforced) nonces.set(`${channelId}:${nonce}`, { message, at: Date.now() });
    return { status: 200, body: message };
  }

  /** POST /users/@me/channels {recipient_id}: the user's DM channel (type 1), the same one every time. */
  function openDm(body: unknown): Reply {
    const recipient = at(body, ['recipient_id']);
    const id = typeof recipient === 'string' || typeof recipient === 'number' ? String(recipient) : '';
    if (!/^\d{1,20}$/.test(id)) return { status: 400, body: formError([[['recipient_id'], 'NUMBER_TYPE_COERCE', `Value "${id}" is not snowflake.`]]) };
    let channelId = dms.get(id);
    if (!channelId) {
      channelId = snowflake();
      dms.set(id, channelId);
      meta.set(channelId, { kind: 'dm', guildId: '', recipient: id });
      channels.set(channelId, []);
    }
    const recipientUser = { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, avatar_decoration_data: null, public_flags: 0 };
    return { status: 200, body: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [recipientUser] } };
  }

  /** GET /channels/{id}/messages?after=&limit=: newest first; like Discord, without the nonce. */
  function listMessages(channelId: string, query: URLSearchParams): Reply {
    const after = BigInt(query.get('after') ?? '0');
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    const list = (channels.get(channelId) ?? []).filter((msg) => BigInt(msg.id as string) > after).slice(-limit).reverse();
    return { status: 200, body: list.map(({ nonce: _nonce, ...rest }) => rest) };
  }

  /** GET /channels/{id}: a guild text channel with its overwrites, a thread, or a DM channel. */
  function getChannel(id: string): Reply {
    const m = meta.get(id);
    if (!m) return error(404, 10003, 'Unknown Channel');
    if (m.kind === 'no-access') return error(403, 50001, 'Missing Access');
    if (m.kind === 'dm') return { status: 200, body: { id, type: 1, last_message_id: null, flags: 0, recipients: [] } };
    if (m.kind === 'thread') return { status: 200, body: threads.get(id) ?? { id, type: 11, guild_id: m.guildId, parent_id: null, name: 'thread', flags: 0 } };
    const denySend: OverwriteInput[] = [{ id: bot.id, type: 1, deny: PERMISSION.SendMessages }];
    const denyThreads: OverwriteInput[] = [{ id: bot.id, type: 1, deny: PERMISSION.CreatePublicThreads | PERMISSION.SendMessagesInThreads }];
    const overwrites = m.overwrites ?? (m.kind === 'no-permission' ? denySend : m.kind === 'no-threads' ? denyThreads : []);
    const channel = guilds.textChannel(id, m.guildId, m.name ?? `channel-${id.slice(-4)}`, overwrites);
    return { status: 200, body: m.kind === 'forum' ? { ...channel, type: 15, available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 } : channel };
  }

  /** GET /guilds/{id}/roles and /guilds/{id}/members/{user}, for guilds the bot is in. */
  function guildRoute(guildId: string, memberId: string | undefined): Reply {
    if (!guilds.has(guildId)) return error(404, 10004, 'Unknown Guild');
    if (memberId === undefined) return { status: 200, body: guilds.roles(guildId) };
    return memberId === bot.id ? { status: 200, body: guilds.botMember(guildId, user) } : error(404, 10007, 'Unknown Member');
  }

  function route(method: string, path: string, headers: IncomingHttpHeaders, body: unknown, query = new URLSearchParams(), files: UploadedFile[] = []): Reply {
    const attached = files.length ? { files } : {};
    const callback = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (callback && method === 'POST') {
      fake.interactionCallbacks.push({ id: callback[1]!, token: callback[2]!, body, ...attached });
      return { status: 204 };
    }
    // Interaction webhooks (editReply, followUp) carry no Authorization: the token is in the path.
    const webhook = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(%40original|@original|\d+))?$/);
    if (webhook && (method === 'PATCH' || (method === 'POST' && !webhook[3]))) {
      const messageId = webhook[3]?.replace('%40', '@');
      webhookCalls.push({ method, applicationId: webhook[1]!, token: webhook[2]!, ...(messageId ? { messageId } : {}), body, ...attached });
      const b = isObject(body) ? body : {};
      const attachments = attachmentObjects(files, snowflake);
      return { status: 200, body: { id: snowflake(), type: 20, channel_id: '0', author: user, content: b.content ?? '', embeds: b.embeds ?? [],
        components: b.components ?? [], timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false,
        mentions: [], mention_roles: [], attachments, pinned: false, flags: b.flags ?? 0, webhook_id: webhook[1] } };
    }
    if (headers.authorization !== `Bot ${token}`) return error(401, 0, '401: Unauthorized');
    const global = take('global', null, options.globalLimit ?? { limit: 50, windowMs: 1000 }).limited;
    if (global) return global;
    if (method === 'GET' && path === '/gateway/bot') {
      const session_start_limit = { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 };
      return { status: 200, body: { url: server.gatewayUrl, shards: 1, session_start_limit } };
    }
    if (method === 'GET' && (path === '/users/@me' || path === '/users/%40me')) return { status: 200, body: user };
    if (method === 'POST' && (path === '/users/@me/channels' || path === '/users/%40me/channels')) return openDm(body);
    const commands = method === 'PUT' ? path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/) : null;
    if (commands) {
      const [, applicationId = '', guildId] = commands;
      commandRegistrations.push({ applicationId, ...(guildId ? { guildId } : {}), body });
      const list = Array.isArray(body) ? (body as Json[]) : [];
      return { status: 200, body: list.map((c) => ({ id: snowflake(), application_id: applicationId, version: snowflake(), ...(guildId ? { guild_id: guildId } : {}), ...c })) };
    }
    const channel = method === 'GET' ? path.match(/^\/channels\/(\d+)$/) : null;
    if (channel) return getChannel(channel[1] ?? '');
    const guild = method === 'GET' ? path.match(/^\/guilds\/(\d+)\/(?:roles|members\/(\d+))$/) : null;
    if (guild) return guildRoute(guild[1] ?? '', path.endsWith('/roles') ? undefined : guild[2]);
    const history = method === 'GET' ? path.match(/^\/channels\/(\d+)\/messages$/) : null;
    if (history) return channelError(history[1] ?? '') ?? listMessages(history[1] ?? '', query);
    const update = method === 'PATCH' ? path.match(/^\/channels\/(\d+)$/) : null;
    if (update) return channelError(update[1] ?? '') ?? threadRoutes.updateThread(update[1] ?? '', body) ?? error(403, 50013, 'Missing Permissions');
    // POST /channels/{id}/threads (no message id) is a thread without a starter, or a forum post.
    const m = method === 'POST' ? path.match(/^\/channels\/(\d+)\/(?:messages(?:\/(\d+)\/(threads))?|(threads))$/) : null;
    if (!m) return error(404, 0, '404: Not Found');
    const [, channelId = '', messageId, , alone] = m;
    if (alone) {
      const { headers: limits, limited } = take(`${THREADS_BUCKET}:${channelId}`, THREADS_BUCKET, options.routeLimit ?? { limit: 5, windowMs: 5000 });
      if (limited) return limited;
      const reply = channelError(channelId) ?? threadRoutes.createThread(channelId, body);
      return { ...reply, headers: { ...limits, ...reply.headers } };
    }
    const bucket = messageId ? THREADS_BUCKET : MESSAGES_BUCKET;
    const { headers: limits, limited } = take(`${bucket}:${channelId}`, bucket, options.routeLimit ?? { limit: 5, windowMs: 5000 });
    if (limited) return limited;
    const reply = channelError(channelId) ?? (messageId ? threadRoutes.startThread(channelId, messageId, body) : createMessage(channelId, body));
    return { ...reply, headers: { ...limits, ...reply.headers } };
  }

  /**
   * The checks Discord makes before a route's own: the route exists in Discord's OpenAPI spec
   * (404, or 405 for another method), the caller is authorized, and the JSON body fits the
   * route's request schema (400 50035 with Discord's `errors` tree).
   */
  function judge(method: string, path: string, headers: IncomingHttpHeaders, body: unknown): Reply | undefined {
    const verdict = checkRequest(method, path, body);
    if (verdict.kind === 'not-found') return error(404, 0, '404: Not Found');
    if (verdict.kind === 'method-not-allowed') return error(405, 0, '405: Method Not Allowed');
    if (verdict.kind !== 'invalid') return undefined;
    const tokenInPath = /^\/(interactions|webhooks)\//.test(path);
    return !tokenInPath && headers.authorization !== `Bot ${token}` ? error(401, 0, '401: Unauthorized') : { status: 400, body: formError(verdict.problems) };
  }

  function respond(res: ServerResponse, { status, body, headers = {} }: Reply): void {
    if (status === 429) fake.served429++;
    // Real Discord sends a 204 with no Content-Type; @discordjs/rest fails parsing an empty JSON body.
    if (status === 204) return void res.writeHead(204, headers).end();
    const text = JSON.stringify(body ?? {});
    res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    let body: unknown;
    let files: UploadedFile[] = [];
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const read = await readMultipart(type, Buffer.concat(chunks), options.attachmentSizeLimit ?? 10 * 1024 * 1024);
      if ('refused' in read) return respond(res, read.refused);
      ({ body, files } = read);
    } else {
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        return respond(res, error(400, 50109, 'The request body contains invalid JSON.'));
      }
    }
    fake.requests.push({ method, path, body, headers: req.headers, ...(files.length ? { files } : {}) });
    const i = failures.findIndex((f) => (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path)));
    const pending = i >= 0 ? failures[i] : undefined;
    const failure = pending && pending.skip-- <= 0 ? failures.splice(i, 1)[0]?.failure : undefined;
    if (failure === 'hang') return void hanging.add(res);
    if (failure === 'reset') return void req.socket.destroy();
    if (failure && failure !== 'hold') return respond(res, failure);
    const api = path.startsWith('/api/v10/') ? path.slice('/api/v10'.length) : undefined;
    const missing = attachmentProblems(body, files);
    const reply = api === undefined ? error(404, 0, '404: Not Found') : (judge(method, api, req.headers, body) ?? missing ?? route(method, api, req.headers, body, url.searchParams, files));
    const code = reply.status === 400 ? at(reply.body, ['code']) : undefined;
    if (code === 50035 || code === 50006) validationErrors.push({ method, path, body, answer: reply.body as Json });
    if (failure === 'hold') return void held.push({ res, reply });
    respond(res, reply);
  }

  const threadRoutes = createThreadRoutes({ meta, channels: channels as unknown as Map<string, Json[]>, threads, botId: bot.id, snowflake, createMessage, validateMessage });

  const http = createServer((req, res) => void handle(req, res));
  const seqs = new Map<WebSocket, number>(); // identified connections and their last sequence number
  const intentsOf = new Map<WebSocket, number>();
  const identifies: Json[] = [];
  const wss = new WebSocketServer({ server: http });
  const send = (ws: WebSocket, op: number, d: unknown, t: string | null = null, s: number | null = null) =>
    ws.send(JSON.stringify({ op, d, s, t }));

  function onGateway(ws: WebSocket, data: RawData): void {
    const { op, d } = JSON.parse(data.toString()) as { op: number; d: unknown };
    if (op === 1) return send(ws, 11, null);
    if (op === 6) return send(ws, 9, false); // nothing to resume here: the client identifies again
    if (op !== 2) return;
    if (at(d, ['token']) !== token) return ws.close(4004, 'Authentication failed.');
    const intents = at(d, ['intents']);
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) return ws.close(4013, 'Invalid intent(s).');
    identifies.push(d as Json);
    intentsOf.set(ws, intents);
    seqs.set(ws, 1);
    const ready = { v: 10, session_id: snowflake(), resume_gateway_url: server.gatewayUrl, shard: [0, 1], guilds: [],
      user, application: { id: bot.id, flags: 0 }, user_settings: {} };
    send(ws, 0, ready, 'READY', 1);
  }

  /** Sends an event to each identified session whose intents give it one (`dataFor` answers undefined otherwise). */
  function dispatchBy(event: string, dataFor: (intents: number) => unknown): void {
    for (const [ws, seq] of seqs) {
      const data = dataFor(intentsOf.get(ws) ?? 0);
      if (data === undefined) continue;
      seqs.set(ws, seq + 1);
      send(ws, 0, data, event, seq + 1);
    }
  }

  wss.on('connection', (ws) => {
    ws.on('close', () => {
      seqs.delete(ws);
      intentsOf.delete(ws);
    });
    ws.on('message', (data) => onGateway(ws, data));
    send(ws, 10, { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const server: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: `ws://127.0.0.1:${port}`,
    token,
    bot,
    channels,
    requests: fake.requests,
    interactionCallbacks: fake.interactionCallbacks,
    webhookCalls,
    validationErrors,
    commandRegistrations,
    get served429() {
      return fake.served429;
    },
    addChannel(id, { guildId = '1100000000000000001', kind = 'text', name, overwrites } = {}) {
      meta.set(id, { kind, guildId, ...(name ? { name } : {}), ...(overwrites ? { overwrites } : {}) });
      if (kind !== 'dm') guilds.setPermissions(guildId);
      if (!channels.has(id)) channels.set(id, []);
    },
    setGuildPermissions: (guildId, permissions) => guilds.setPermissions(guildId, permissions),
    botRoleId: (guildId, index) => guilds.botRoleId(guildId, index),
    dmChannel: (userId) => dms.get(userId),
    blockDms: (userId) => void dmBlocked.add(userId),
    failNext: (path, failure, { skip = 0 } = {}) => void failures.push({ path, failure, skip }),
    get held() {
      return held.length;
    },
    release() {
      for (const { res, reply } of held.splice(0)) if (!res.destroyed) respond(res, reply);
    },
    dispatch(event, data) {
      for (const [ws, seq] of seqs) {
        seqs.set(ws, seq + 1);
        send(ws, 0, data, event, seq + 1);
      }
    },
    identifies,
    react(kind, reaction) {
      const guildId = meta.get(reaction.channelId)?.guildId || undefined;
      const author = channels.get(reaction.channelId)?.find((m) => m.id === reaction.messageId)?.author as Json | undefined;
      const { event, data, intent } = reactionDispatch(kind, reaction, guildId, author?.id as string | undefined);
      dispatchBy(event, (intents) => ((intents & intent) === 0 ? undefined : data));
    },
    say(channelId, author, content, mentions = []) {
      const { message, forSession } = threadRoutes.personMessage(channelId, author, content, mentions);
      dispatchBy('MESSAGE_CREATE', forSession);
      return message;
    },
    unsay: (channelId, messageId) => dispatchBy('MESSAGE_DELETE', threadRoutes.deleteMessage(channelId, messageId).forSession),
    thread: (id) => threads.get(id),
    archiveThread: (id, { locked = false } = {}) => threadRoutes.archive(id, locked),
    async close() {
      for (const ws of wss.clients) ws.terminate();
      for (const res of hanging) res.destroy();
      for (const { res } of held.splice(0)) res.destroy();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return server;
}
