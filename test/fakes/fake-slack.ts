/**
 * A fake Slack Web API on 127.0.0.1 that answers as Slack does: `POST /api/<method>`, form-encoded
 * or JSON bodies, `Authorization: Bearer xoxb-…`, HTTP 200 with `{ok: false, error}` for every
 * API error, HTTP 429 with Retry-After for rate limits. chat.postMessage validates the message the
 * way Slack rejects it (no_text, invalid_blocks, msg_too_long); conversations.history returns only
 * top-level messages, newest first, metadata only on request, as Slack does; thread replies are
 * read with conversations.replies. `close()` destroys open sockets, so a hanging call never keeps
 * a test alive. users.info answers for the users added (locale only with include_locale), and
 * `responseUrl(name)` serves a response_url whose posts are recorded in `responses`. auth.test
 * lists the token's scopes in the `x-oauth-scopes` header, as Slack does. Clicks and reactions
 * in Slack's shapes are built by fake-slack-interactions.ts.
 * conversations.open with `users=U…` opens (or returns) the direct message channel `D…` with an
 * added user, the same id every time, into which chat.postMessage posts like into any channel;
 * for a user never added it answers `user_not_found`. conversations.info shows a channel added
 * (`is_member`, `is_archived`) even to an app that is not in it, as Slack does for public channels;
 * any other id is `channel_not_found`.
 *
 * Files (fake-slack-files.ts): files.getUploadURLExternal, the upload to its `upload_url`, and
 * files.completeUploadExternal, which shares the files into a channel as one message (`files`).
 *
 * Socket Mode: apps.connections.open, called with the app-level `xapp-…` token (the bot token gets
 * `not_allowed_token_type`, any other `invalid_auth`), answers a one-use `ws://…/link/?ticket=…` URL
 * on the same port; a client connecting with it is greeted with `hello`, as Slack does.
 * `sendEnvelope()` / `sendSlashCommand()` push envelopes to the client and wait for its ack
 * `{envelope_id, payload?}`; every ack is recorded in `acks`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { conversationObject } from './fake-slack-conversations.js';
import { decodeJson, isObject, validatePostMessage } from './fake-slack-messages.js';
import { createFileUploads, type FakeSlackFile } from './fake-slack-files.js';

export type { FakeSlackFile } from './fake-slack-files.js';

type Params = Record<string, unknown>;
type Metadata = { event_type: string; event_payload: Record<string, unknown> };
/** A stored message as conversations.history shows it (`reply_count`/`latest_reply` on a thread parent). */
export interface FakeMessage {
  type: 'message'; text: string; blocks?: unknown[]; ts: string; thread_ts?: string; metadata?: Metadata;
  bot_id: string; user: string; app_id: string; team: string; reply_count?: number; latest_reply?: string;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
}
export type FakeRequest = { method: string; contentType: string; authorization?: string; params: Params; status: number };
/** `name` is what conversations.info shows (default: the id in lower case). */
export type ChannelOptions = { member?: boolean; archived?: boolean; name?: string };
/**
 * An HTTP status or raw body, no answer, a dropped connection — or 'hold': the call is handled as
 * usual (a message is stored) but its answer is kept back until `release()`, or for good.
 */
export type Failure = { status?: number; body?: unknown; headers?: Record<string, string> } | 'hang' | 'reset' | 'hold';
/** A workspace member as users.info shows them (`locale` only with `include_locale`). */
export type FakeUser = { name?: string; locale?: string; tz?: string; is_admin?: boolean; is_owner?: boolean };
/** A POST to a `responseUrl()`: the JSON body `respond()` sent. */
export type FakeResponse = { name: string; body: Record<string, unknown> };
/** What the Socket Mode client sent back for an envelope: `{envelope_id, payload?}`. */
export type FakeSocketAck = { envelope_id: string; payload?: Record<string, unknown> };
/** An envelope as Slack pushes it over Socket Mode (`type`: 'slash_commands', 'interactive', 'events_api'). */
export type FakeEnvelope = { envelope_id?: string; type: string; payload: Record<string, unknown>; accepts_response_payload?: boolean; retry_attempt?: number };
export type FakeSlackOptions = {
  token?: string;
  /** The only app-level token apps.connections.open accepts. */
  appToken?: string;
  channels?: Record<string, ChannelOptions>;
  ratelimitPerChannelPerSecond?: number;
  users?: Record<string, FakeUser>;
  /** The bot scopes auth.test reports in `x-oauth-scopes`, as Slack does; those of config/slack-manifest.json by default. */
  scopes?: string[];
};
export interface FakeSlack {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  apiUrl: string;
  /** The only bot token the fake accepts. */
  token: string;
  /** Every stored message per channel in posting order, thread replies included. */
  messages: Map<string, FakeMessage[]>;
  /** Files uploaded through files.getUploadURLExternal + upload + files.completeUploadExternal, by id. */
  files: Map<string, FakeSlackFile>;
  requests: FakeRequest[];
  /** How many requests were answered with 429. */
  readonly ratelimited: number;
  /** When set, a second post to a channel within 1000/rate ms gets a 429 with Retry-After: 1. */
  ratelimitPerChannelPerSecond: number | undefined;
  addChannel(id: string, options?: ChannelOptions): void;
  addUser(id: string, user?: FakeUser): void;
  /** The direct message channel opened with a user so far (stable per user), if any. */
  dmChannel(userId: string): string | undefined;
  /** A `response_url` served by the fake (no token needed, as with Slack's); its posts land in `responses`. */
  responseUrl(name: string): string;
  /** Every post to a `responseUrl()`, in arrival order. */
  responses: FakeResponse[];
  /**
   * The next call of `method` fails this way: an HTTP status or raw body, no answer, a dropped
   * connection, a held answer. With `skip`, that many calls of `method` are answered as usual first.
   */
  failNext(method: string, failure: Failure, options?: { skip?: number }): void;
  /** Answers held back by 'hold' so far (they are answered by `release()`). */
  readonly held: number;
  /** Sends every answer held back so far (only those of `method`, when given). */
  release(method?: string): void;
  /** The only app-level (`xapp-…`) token apps.connections.open accepts. */
  appToken: string;
  /** Socket Mode connections open now (after `hello`). */
  readonly socketConnections: number;
  /** Every ack received over Socket Mode, in arrival order. */
  acks: FakeSocketAck[];
  /** Sends a raw message to every open Socket Mode connection (a `disconnect`, say). */
  socketSend(message: Record<string, unknown>): void;
  /**
   * Pushes an envelope (an `envelope_id` is made up when missing) to the newest connection and
   * resolves with the ack carrying the same `envelope_id`; rejects after `timeoutMs` without one,
   * and at once with `error: 'dispatch_failed'` (what Slack shows the user) when no connection is open.
   */
  sendEnvelope(envelope: FakeEnvelope, timeoutMs?: number): Promise<FakeSocketAck>;
  /** A `slash_commands` envelope with Slack's command fields (`fields` override them), then its ack. */
  sendSlashCommand(fields: Record<string, string>, options?: { envelopeId?: string; timeoutMs?: number }): Promise<FakeSocketAck>;
  /** Drops every open Socket Mode connection without a word, as a network failure or a crashed Slack host does. */
  socketDrop(): void;
  /** Tells the clients to reconnect, as Slack does before recycling a connection (`reason`: 'warning' | 'refresh_requested' | 'link_disabled'). */
  socketDisconnect(reason?: string): void;
  close(): Promise<void>;
}
export const MANIFEST_SCOPES = ['chat:write', 'chat:write.public', 'channels:history', 'groups:history', 'commands', 'users:read', 'im:write', 'reactions:read', 'files:write', 'app_mentions:read'];
export const FAKE_IDS = { team_id: 'T0FAKE', team: 'Fake Workspace', user_id: 'U0PAPERBOY', user: 'paperboy', bot_id: 'B0PAPERBOY', app_id: 'A0PAPERBOY' };

// Message validation lives in fake-slack-messages.ts; re-exported for the renderer tests that hold their output to it.
export { validatePostMessage, type SlackApiError } from './fake-slack-messages.js';

// ---- the server ----

type Answer = { status?: number; headers?: Record<string, string>; body: unknown };
const ok = (body: Params): Answer => ({ body: { ok: true, ...body } });
const err = (error: string, detail?: string): Answer => ({
  body: { ok: false, error, ...(detail ? { errors: [detail], response_metadata: { messages: [`[ERROR] ${detail}`] } } : {}) },
});
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;
const micros = (ts: unknown): number => Math.round(Number(ts) * 1e6);

function parseParams(contentType: string, raw: string): Params {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Params) : {};
  return Object.fromEntries(new URLSearchParams(raw));
}

function send(res: ServerResponse, a: Answer): void {
  const json = typeof a.body !== 'string';
  const body = json ? JSON.stringify(a.body) : String(a.body);
  res.writeHead(a.status ?? 200, { 'content-type': json ? 'application/json; charset=utf-8' : 'text/plain', ...a.headers });
  res.end(body);
}

/** A page of `list` (already in answer order) after the oldest/latest filter, with Slack's cursor. */
function page(list: FakeMessage[], p: Params): Answer {
  const oldest = micros(p.oldest ?? 0);
  const latest = p.latest === undefined ? Infinity : micros(p.latest);
  const incl = truthy(p.inclusive);
  const within = list.filter((m) => {
    const t = micros(m.ts);
    return (incl ? t >= oldest && t <= latest : t > oldest && t < latest);
  });
  const limit = Math.min(Math.max(Number(p.limit) || 100, 1), 999);
  let start = 0;
  if (typeof p.cursor === 'string' && p.cursor !== '') {
    const ts = Buffer.from(p.cursor, 'base64').toString('utf8').replace(/^next_ts:/, '');
    start = within.findIndex((m) => m.ts === ts);
    if (start < 0) return err('invalid_cursor');
  }
  const next = within[start + limit];
  const messages = within.slice(start, start + limit).map((m) => (truthy(p.include_all_metadata) ? { ...m } : { ...m, metadata: undefined }));
  const cursor = next ? Buffer.from(`next_ts:${next.ts}`).toString('base64') : '';
  return ok({ messages, has_more: next !== undefined, response_metadata: { next_cursor: cursor } });
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.token ?? 'xoxb-fake-paperboy-token';
  const appToken = options.appToken ?? 'xapp-1-A0PAPERBOY-1-fake';
  const scopes = options.scopes ?? MANIFEST_SCOPES;
  const tickets = new Set<string>();
  const clients = new Set<WebSocket>();
  const acks: FakeSocketAck[] = [];
  const ackWaiters = new Map<string, { resolve: (ack: FakeSocketAck) => void; reject: (e: Error) => void }>();
  const channels = new Map<string, Required<ChannelOptions>>();
  const messages = new Map<string, FakeMessage[]>();
  const requests: FakeRequest[] = [];
  const users = new Map<string, FakeUser>();
  const dms = new Map<string, string>(); // user id → D… channel id
  const responses: FakeResponse[] = [];
  const failures = new Map<string, { failure: Failure; skip: number }[]>();
  const held: { res: ServerResponse; answer: Answer; method: string }[] = [];
  const lastPost = new Map<string, number>();
  const sockets = new Set<Socket>();
  let lastTs = 0;
  let ratelimited = 0;

  const channelError = (id: unknown, posting: boolean): string | undefined => {
    const c = typeof id === 'string' ? channels.get(id) : undefined;
    if (!c) return 'channel_not_found';
    if (posting && c.archived) return 'is_archived';
    return c.member ? undefined : 'not_in_channel';
  };
  const rateLimit = (channel: string): Answer | undefined => {
    const rate = fake.ratelimitPerChannelPerSecond;
    const last = lastPost.get(channel);
    if (rate && last !== undefined && Date.now() - last < 1000 / rate) {
      ratelimited++;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    lastPost.set(channel, Date.now());
    return undefined;
  };
  const nextTs = (): string => {
    lastTs = Math.max(Date.now() * 1000, lastTs + 1);
    return `${Math.floor(lastTs / 1e6)}.${String(lastTs % 1e6).padStart(6, '0')}`;
  };

  function postMessage(p: Params): Answer {
    const channel = String(p.channel ?? '');
    const refused = channelError(channel, true);
    if (refused) return err(refused);
    const limited = rateLimit(channel);
    if (limited) return limited;
    const invalid = validatePostMessage(p);
    if (invalid) return err(invalid.error, invalid.detail);
    const list = messages.get(channel)!;
    const blocks = decodeJson(p.blocks) as unknown[] | undefined;
    const metadata = decodeJson(p.metadata) as Metadata | undefined;
    const threadTs = typeof p.thread_ts === 'string' && p.thread_ts !== '' ? p.thread_ts : undefined;
    const { bot_id, user_id: user, app_id, team_id: team } = FAKE_IDS;
    const message: FakeMessage = { type: 'message', text: String(p.text ?? ''), ...(blocks ? { blocks } : {}), bot_id, user, app_id, team, ts: nextTs() };
    if (threadTs) message.thread_ts = threadTs;
    if (metadata) message.metadata = metadata;
    list.push(message);
    const parent = threadTs ? list.find((m) => m.ts === threadTs) : undefined;
    if (parent) Object.assign(parent, { thread_ts: parent.ts, reply_count: (parent.reply_count ?? 0) + 1, latest_reply: message.ts });
    return ok({ channel, ts: message.ts, message: { ...message } });
  }

  function history(p: Params, thread: boolean): Answer {
    const refused = channelError(p.channel, false);
    if (refused) return err(refused);
    const list = messages.get(String(p.channel))!;
    if (!thread) return page(list.filter((m) => !m.thread_ts || m.thread_ts === m.ts).reverse(), p);
    const root = list.find((m) => m.ts === p.ts);
    if (!root) return err('thread_not_found');
    const parentTs = root.thread_ts ?? root.ts;
    return page(list.filter((m) => m.ts === parentTs || m.thread_ts === parentTs), p);
  }

  function userInfo(p: Params): Answer {
    const id = String(p.user ?? '');
    const u = users.get(id);
    if (!u) return err('user_not_found');
    const { locale, ...rest } = u;
    const user = { id, team_id: FAKE_IDS.team_id, name: u.name ?? id.toLowerCase(), is_admin: false, is_owner: false, tz: 'UTC', ...rest };
    return ok({ user: truthy(p.include_locale) && locale ? { ...user, locale } : user });
  }

  /** conversations.open {users}: the DM (one user) with the bot, opened once and then returned again. */
  function openConversation(p: Params): Answer {
    const list = typeof p.users === 'string' ? p.users.split(',').map((u) => u.trim()).filter(Boolean) : [];
    if (list.length === 0) return err(typeof p.channel === 'string' ? 'method_not_supported_for_channel_type' : 'users_list_not_supplied');
    if (list.length > 1) return err('not_implemented', 'the fake opens direct messages with one user only');
    const user = list[0]!;
    if (user === FAKE_IDS.user_id) return err('cannot_dm_bot');
    if (!users.has(user)) return err('user_not_found');
    const existing = dms.get(user);
    const id = existing ?? `D0${String(dms.size + 1).padStart(9, '0')}`;
    if (!existing) {
      dms.set(user, id);
      channels.set(id, { member: true, archived: false, name: id.toLowerCase() });
      messages.set(id, []);
    }
    const channel = { id, created: Math.floor(Date.now() / 1000), is_im: true, is_org_shared: false, user, is_user_deleted: false, priority: 0 };
    return ok({ no_op: existing !== undefined, already_open: existing !== undefined, channel: truthy(p.return_im) ? channel : { id } });
  }

  /** conversations.info {channel}: a channel added, member or not (as Slack shows public channels), else channel_not_found. */
  function conversationInfo(p: Params): Answer {
    const id = String(p.channel ?? '');
    const c = channels.get(id);
    const dmUser = [...dms].find(([, d]) => d === id)?.[0];
    return c ? ok({ channel: conversationObject(id, c, FAKE_IDS.team_id, dmUser) }) : err('channel_not_found');
  }

  const uploads = createFileUploads(() => `http://127.0.0.1:${port}`);
  /** The message files.completeUploadExternal shares into a channel: the initial comment with the files. */
  function shareFiles(channel: string, text: string, shared: FakeSlackFile[]): string | undefined {
    const refused = channelError(channel, true);
    if (refused) return refused;
    const { bot_id, user_id: user, app_id, team_id: team } = FAKE_IDS;
    messages.get(channel)!.push({ type: 'message', text, bot_id, user, app_id, team, ts: nextTs(), files: shared.map((f) => ({ id: f.id, name: f.name, title: f.title })) });
    return undefined;
  }

  /** chat.getPermalink {channel, message_ts}: the message's link; a reply's carries its thread, as Slack's do. */
  function permalink(p: Params): Answer {
    const channel = String(p.channel ?? '');
    if (!channels.has(channel)) return err('channel_not_found');
    const m = messages.get(channel)?.find((msg) => msg.ts === p.message_ts);
    if (!m) return err('message_not_found');
    const reply = m.thread_ts && m.thread_ts !== m.ts ? `?thread_ts=${m.thread_ts}&cid=${channel}` : '';
    return ok({ channel, permalink: `https://fake-workspace.slack.com/archives/${channel}/p${m.ts.replace('.', '')}${reply}` });
  }

  function answer(method: string, p: Params): Answer {
    if (method === 'files.getUploadURLExternal') return uploads.getUploadUrl(p);
    if (method === 'files.completeUploadExternal') return uploads.complete(p, shareFiles);
    if (method === 'auth.test') return { ...ok({ url: 'https://fake-workspace.slack.com/', ...FAKE_IDS, is_enterprise_install: false }), headers: { 'x-oauth-scopes': scopes.join(',') } };
    if (method === 'chat.postMessage') return postMessage(p);
    if (method === 'conversations.history') return history(p, false);
    if (method === 'conversations.replies') return history(p, true);
    if (method === 'users.info') return userInfo(p);
    if (method === 'conversations.open') return openConversation(p);
    if (method === 'conversations.info') return conversationInfo(p);
    if (method === 'chat.getPermalink') return permalink(p);
    return err('unknown_method');
  }

  function receiveResponse(res: ServerResponse, name: string, raw: string): void {
    try {
      responses.push({ name, body: JSON.parse(raw) as Record<string, unknown> });
      send(res, { body: { ok: true } });
    } catch {
      send(res, { status: 400, body: 'invalid_payload' });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const contentType = req.headers['content-type'] ?? '';
    const response = /^\/response\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    if (response !== undefined) return receiveResponse(res, response, Buffer.concat(chunks).toString('utf8'));
    const upload = /^\/upload\/v1\/(F\w+)$/.exec(req.url ?? '')?.[1];
    if (upload !== undefined) return send(res, await uploads.receive(upload, contentType, Buffer.concat(chunks)));
    let params: Params;
    try {
      params = parseParams(contentType, Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, err('invalid_json'));
    }
    const method = /^\/api\/([\w.]+)/.exec(req.url ?? '')?.[1] ?? '';
    const rec: FakeRequest = { method, contentType, authorization: req.headers.authorization, params, status: 200 };
    requests.push(rec);
    const queue = failures.get(method);
    const failure = queue?.[0] && queue[0].skip-- <= 0 ? queue.shift()?.failure : undefined;
    if (failure === 'hang') return;
    if (failure === 'reset') return void req.socket.destroy();
    if (failure && failure !== 'hold') {
      rec.status = failure.status ?? (failure.body === undefined ? 500 : 200);
      return send(res, { status: rec.status, headers: failure.headers, body: failure.body ?? STATUS_CODES[rec.status] ?? '' });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof params.token === 'string' ? params.token : undefined);
    const a = method === 'apps.connections.open' ? openConnection(bearer) : bearer === undefined ? err('not_authed') : bearer !== token ? err('invalid_auth') : answer(method, params);
    rec.status = a.status ?? 200;
    if (failure === 'hold') return void held.push({ res, answer: a, method });
    send(res, a);
  }

  function openConnection(bearer: string | undefined): Answer {
    if (bearer === undefined) return err('not_authed');
    if (bearer === token) return err('not_allowed_token_type');
    if (bearer !== appToken) return err('invalid_auth');
    const ticket = randomUUID();
    tickets.add(ticket);
    return ok({ url: `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${FAKE_IDS.app_id}` });
  }

  function receiveSocketMessage(raw: string): void {
    const m = decodeJson(raw);
    if (!isObject(m) || typeof m.envelope_id !== 'string') return;
    const ack: FakeSocketAck = { envelope_id: m.envelope_id, ...(isObject(m.payload) ? { payload: m.payload } : {}) };
    acks.push(ack);
    ackWaiters.get(ack.envelope_id)?.resolve(ack);
  }

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({
    server,
    path: '/link/',
    // A ticket from apps.connections.open opens one connection, as Slack's do.
    verifyClient: ({ req }: { req: IncomingMessage }) => tickets.delete(new URL(req.url ?? '', 'http://x').searchParams.get('ticket') ?? ''),
  });
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('message', (data, isBinary) => isBinary || receiveSocketMessage(String(data)));
    ws.on('close', () => clients.delete(ws)).on('error', () => undefined);
    const debug_info = { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 };
    ws.send(JSON.stringify({ type: 'hello', num_connections: clients.size, debug_info, connection_info: { app_id: FAKE_IDS.app_id } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const sendEnvelope = (envelope: FakeEnvelope, timeoutMs = 3000): Promise<FakeSocketAck> => {
    const ws = [...clients].at(-1);
    // Slack tells the user "/papers failed with the error "dispatch_failed"" when no app connection takes a command.
    if (!ws) return Promise.reject(Object.assign(new Error('dispatch_failed: no Socket Mode connection is open'), { error: 'dispatch_failed' }));
    const full = { accepts_response_payload: false, ...envelope, envelope_id: envelope.envelope_id ?? randomUUID() };
    return new Promise<FakeSocketAck>((resolve, reject) => {
      const settle = (e?: Error, ack?: FakeSocketAck) => (clearTimeout(timer), ackWaiters.delete(full.envelope_id), ack ? resolve(ack) : reject(e));
      const timer = setTimeout(() => settle(new Error(`no ack for envelope ${full.envelope_id} within ${timeoutMs} ms`)), timeoutMs);
      ackWaiters.set(full.envelope_id, { resolve: (ack) => settle(undefined, ack), reject: settle });
      ws.send(JSON.stringify(full));
    });
  };

  const fake: FakeSlack = {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    token,
    messages,
    files: uploads.files,
    requests,
    responses,
    get ratelimited() {
      return ratelimited;
    },
    ratelimitPerChannelPerSecond: options.ratelimitPerChannelPerSecond,
    addChannel(id, o = {}) {
      channels.set(id, { member: o.member ?? true, archived: o.archived ?? false, name: o.name ?? id.toLowerCase() });
      if (!messages.has(id)) messages.set(id, []);
    },
    addUser(id, user = {}) {
      users.set(id, user);
    },
    dmChannel: (userId) => dms.get(userId),
    responseUrl: (name) => `http://127.0.0.1:${port}/response/${name}`,
    failNext(method, failure, { skip = 0 } = {}) {
      failures.set(method, [...(failures.get(method) ?? []), { failure, skip }]);
    },
    get held() {
      return held.length;
    },
    release(method) {
      const now = held.filter((h) => method === undefined || h.method === method);
      for (const h of now) held.splice(held.indexOf(h), 1);
      for (const { res, answer: a } of now) if (!res.destroyed) send(res, a);
    },
    appToken,
    get socketConnections() { return clients.size; },
    acks,
    socketSend: (message) => clients.forEach((ws) => ws.send(JSON.stringify(message))),
    sendEnvelope,
    sendSlashCommand: (fields, { envelopeId, timeoutMs } = {}) => {
      const payload = {
        token: 'legacy-verification-token', team_id: FAKE_IDS.team_id, team_domain: 'fake', channel_id: 'C0GENERAL', channel_name: 'general',
        user_id: 'U0MEMBER', user_name: 'u0member', command: '/papers', text: '', api_app_id: FAKE_IDS.app_id, is_enterprise_install: 'false',
        response_url: `http://127.0.0.1:${port}/response/socket`, trigger_id: `trigger-${randomUUID()}`, ...fields,
      };
      return sendEnvelope({ envelope_id: envelopeId, type: 'slash_commands', payload, accepts_response_payload: true }, timeoutMs);
    },
    socketDrop: () => clients.forEach((ws) => ws.terminate()),
    socketDisconnect: (reason = 'refresh_requested') => fake.socketSend({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }),
    close: () =>
      new Promise<void>((resolve) => {
        held.splice(0);
        for (const { reject } of ackWaiters.values()) reject(new Error('fake Slack closed'));
        clients.forEach((ws) => ws.terminate());
        wss.close();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
  for (const [id, o] of Object.entries(options.channels ?? {})) fake.addChannel(id, o);
  for (const [id, u] of Object.entries(options.users ?? {})) fake.addUser(id, u);
  return fake;
}
