import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { rateLimited, startFakeDiscord, validateMessage, type FakeDiscord, type FakeDiscordOptions } from './fake-discord.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const CHANNEL = '1200000000000000001';

async function start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await startFakeDiscord(options);
  fake.addChannel(CHANNEL);
  return fake;
}

async function call(path: string, body?: unknown, auth = `Bot ${fake!.token}`) {
  const res = await fetch(`${fake!.apiUrl}/v10${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('the fake Discord REST API', () => {
  it('listens on 127.0.0.1 and refuses requests without the bot token', async () => {
    await start();
    expect(fake!.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(await call('/users/@me', undefined, 'Bot wrong')).toMatchObject({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
    // @discordjs/rest sends `@me` URL-encoded; Discord answers both spellings.
    expect((await call('/users/%40me')).body).toMatchObject({ id: fake!.bot.id, bot: true });
    const gateway = await call('/gateway/bot');
    expect(gateway.body).toMatchObject({ url: fake!.gatewayUrl, shards: 1, session_start_limit: { max_concurrency: 1 } });
  });

  it('creates a message and answers it in full, with an 18-19 digit snowflake', async () => {
    await start();
    const { status, body } = await call(`/channels/${CHANNEL}/messages`, { content: 'hello', nonce: 'k1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ channel_id: CHANNEL, content: 'hello', nonce: 'k1', author: { bot: true }, embeds: [] });
    expect(body.id).toMatch(/^\d{18,19}$/);
    expect(fake!.channels.get(CHANNEL)).toEqual([body]);
  });

  it('returns the first message for a repeated nonce when enforce_nonce is set, and only then', async () => {
    await start();
    const first = await call(`/channels/${CHANNEL}/messages`, { content: 'a', nonce: 'k1', enforce_nonce: true });
    const again = await call(`/channels/${CHANNEL}/messages`, { content: 'a', nonce: 'k1', enforce_nonce: true });
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    await call(`/channels/${CHANNEL}/messages`, { content: 'a', nonce: 'k1' });
    expect(fake!.channels.get(CHANNEL)).toHaveLength(2);
  });

  it('answers unknown and closed channels as Discord does', async () => {
    await start();
    fake!.addChannel('1200000000000000002', { kind: 'no-access' });
    fake!.addChannel('1200000000000000003', { kind: 'no-permission' });
    const post = (id: string) => call(`/channels/${id}/messages`, { content: 'x' });
    expect(await post('1299999999999999999')).toMatchObject({ status: 404, body: { code: 10003, message: 'Unknown Channel' } });
    expect(await post('1200000000000000002')).toMatchObject({ status: 403, body: { code: 50001, message: 'Missing Access' } });
    expect(await post('1200000000000000003')).toMatchObject({ status: 403, body: { code: 50013 } });
  });

  it('shows channels with their overwrites, the guild roles and the bot member in Discord shapes', async () => {
    await start();
    const guild = '1100000000000000001';
    fake!.addChannel('1200000000000000004', { name: 'papers', overwrites: [{ id: guild, type: 0, deny: 1n << 11n }] });
    fake!.addChannel('1200000000000000002', { kind: 'no-access' });
    fake!.addChannel('1200000000000000003', { kind: 'no-permission' });
    const channel = await call('/channels/1200000000000000004');
    expect(channel).toMatchObject({ status: 200, body: { id: '1200000000000000004', type: 0, guild_id: guild, name: 'papers' } });
    expect(channel.body.permission_overwrites).toEqual([{ id: guild, type: 0, allow: '0', deny: '2048' }]);
    expect((await call(`/channels/${CHANNEL}`)).body.permission_overwrites).toEqual([]);
    expect((await call('/channels/1200000000000000003')).body.permission_overwrites).toEqual([{ id: fake!.bot.id, type: 1, allow: '0', deny: '2048' }]);
    expect(await call('/channels/1299999999999999999')).toMatchObject({ status: 404, body: { code: 10003, message: 'Unknown Channel' } });
    expect(await call('/channels/1200000000000000002')).toMatchObject({ status: 403, body: { code: 50001, message: 'Missing Access' } });
    const roles = (await call(`/guilds/${guild}/roles`)).body as { id: string; permissions: string; managed: boolean }[];
    expect(roles.map((r) => [r.id, r.managed])).toEqual([[guild, false], [fake!.botRoleId(guild), true]]);
    expect(roles.every((r) => /^\d+$/.test(r.permissions))).toBe(true);
    const member = await call(`/guilds/${guild}/members/${fake!.bot.id}`);
    expect(member.body).toMatchObject({ roles: [fake!.botRoleId(guild)], user: { id: fake!.bot.id, bot: true } });
    expect(await call(`/guilds/${guild}/members/1300000000000000001`)).toMatchObject({ status: 404, body: { code: 10007, message: 'Unknown Member' } });
    expect(await call('/guilds/1999999999999999999/roles')).toMatchObject({ status: 404, body: { code: 10004, message: 'Unknown Guild' } });
    fake!.setGuildPermissions(guild, { everyone: 0n, botRoles: ['1024', 2048n] });
    const narrowed = (await call(`/guilds/${guild}/roles`)).body as { permissions: string }[];
    expect(narrowed.map((r) => r.permissions)).toEqual(['0', '1024', '2048']);
  });

  it('starts a thread from a message once, under the message id, and keeps its messages apart', async () => {
    await start();
    const header = (await call(`/channels/${CHANNEL}/messages`, { content: 'header' })).body;
    const thread = await call(`/channels/${CHANNEL}/messages/${header.id}/threads`, { name: 'Daily' });
    expect(thread).toMatchObject({ status: 201, body: { id: header.id, type: 11, parent_id: CHANNEL, name: 'Daily' } });
    const again = await call(`/channels/${CHANNEL}/messages/${header.id}/threads`, { name: 'Daily' });
    expect(again).toMatchObject({ status: 400, body: { code: 160004 } });
    await call(`/channels/${header.id}/messages`, { content: 'in thread' });
    expect(fake!.channels.get(header.id)?.map((m) => m.content)).toEqual(['in thread']);
    expect(fake!.channels.get(CHANNEL)).toHaveLength(1);
  });

  it('answers an interaction callback with a 204 that has no content type', async () => {
    await start();
    const res = await fetch(`${fake!.apiUrl}/v10/interactions/1300000000000000001/tok/callback`, { method: 'POST', body: '{"type":4}' });
    expect([res.status, res.headers.get('content-type')]).toEqual([204, null]);
    expect(fake!.interactionCallbacks).toEqual([{ id: '1300000000000000001', token: 'tok', body: { type: 4 } }]);
  });

  it('drops the connection or serves an injected reply for the next matching request', async () => {
    await start();
    fake!.failNext('/messages', 'reset');
    await expect(call(`/channels/${CHANNEL}/messages`, { content: 'x' })).rejects.toThrow();
    fake!.failNext(/\/messages$/, { status: 502, body: { message: 'bad gateway' } });
    expect((await call(`/channels/${CHANNEL}/messages`, { content: 'x' })).status).toBe(502);
    expect((await call(`/channels/${CHANNEL}/messages`, { content: 'x' })).status).toBe(200);
  });
});

describe('the fake Discord rate limits', () => {
  it('counts down a per-channel bucket in headers, then answers 429 with a float retry_after', async () => {
    await start({ routeLimit: { limit: 2, windowMs: 1500 } });
    const post = () => call(`/channels/${CHANNEL}/messages`, { content: 'x' });
    const [a, b, c] = [await post(), await post(), await post()];
    expect([a.headers.get('x-ratelimit-remaining'), b.headers.get('x-ratelimit-remaining')]).toEqual(['1', '0']);
    expect(a.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(a.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(1);
    expect(c.status).toBe(429);
    expect(c.body).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(c.body.retry_after).toBeGreaterThan(0);
    expect(c.headers.get('retry-after')).toBe(String(Math.ceil(c.body.retry_after)));
    expect(c.headers.get('x-ratelimit-scope')).toBe('user');
    expect(fake!.served429).toBe(1);
    expect((await call(`/channels/1200000000000000002/messages`, { content: 'x' })).status).toBe(404); // other bucket
  });

  it('limits the bot globally with X-RateLimit-Global', async () => {
    await start({ globalLimit: { limit: 2, windowMs: 1000 } });
    await call('/users/@me');
    await call('/users/@me');
    const limited = await call('/users/@me');
    expect(limited).toMatchObject({ status: 429, body: { global: true } });
    expect(limited.headers.get('x-ratelimit-global')).toBe('true');
    expect(rateLimited(0.2)).toMatchObject({ status: 429, headers: { 'retry-after': '1' }, body: { retry_after: 0.2 } });
  });
});

describe('validateMessage', () => {
  const embed = (n: number) => ({ title: 't', description: '😀'.repeat(n) });

  it('accepts what Discord accepts, counting code points as Discord does', () => {
    expect(validateMessage({ content: 'x'.repeat(2000) })).toBeUndefined();
    expect(validateMessage({ embeds: [embed(1499), embed(1499), embed(1499), embed(1499)] })).toBeUndefined();
  });

  it('rejects long content, too many embeds and an embed total past 6000 with Invalid Form Body', () => {
    expect(validateMessage({ content: 'x'.repeat(2001) })).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    });
    expect(validateMessage({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).toMatchObject({ code: 50035 });
    const total = validateMessage({ embeds: [embed(3000), embed(3000)] }) as { errors: { embeds: { _errors: unknown[] } } };
    expect(total.errors.embeds._errors).toEqual([{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }]);
  });

  it('points at the embed field that breaks a limit', () => {
    const result = validateMessage({ embeds: [{ title: 'ok' }, { title: 'x'.repeat(257), fields: [{ name: '', value: 'v' }] }] });
    expect(result).toMatchObject({
      errors: { embeds: { 1: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] }, fields: { 0: { name: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } } } } },
    });
  });

  it('refuses an empty message with 50006', () => {
    expect(validateMessage({ content: '  ', allowed_mentions: { parse: [] } })).toEqual({ message: 'Cannot send an empty message', code: 50006 });
  });
});

describe('the fake Discord gateway', () => {
  type Frame = { op: number; t: string | null; s: number | null; d: unknown };
  function connect(): Promise<{ ws: WebSocket; next: () => Promise<Frame> }> {
    const ws = new WebSocket(`${fake!.gatewayUrl}?v=10&encoding=json`);
    const queue: Frame[] = [];
    const waiters: ((frame: Frame) => void)[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else queue.push(frame);
    });
    const next = () => new Promise<Frame>((resolve) => (queue.length ? resolve(queue.shift()!) : waiters.push(resolve)));
    return new Promise((resolve) => ws.on('open', () => resolve({ ws, next })));
  }

  it('says HELLO, answers IDENTIFY with READY and heartbeats with ACK, and forwards dispatches', async () => {
    await start({ heartbeatIntervalMs: 1000 });
    const { ws, next } = await connect();
    expect(await next()).toMatchObject({ op: 10, d: { heartbeat_interval: 1000 } });
    ws.send(JSON.stringify({ op: 2, d: { token: fake!.token, intents: 1, properties: {} } }));
    const ready = await next();
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1, d: { v: 10, guilds: [], shard: [0, 1], user: { id: fake!.bot.id, bot: true } } });
    ws.send(JSON.stringify({ op: 1, d: 1 }));
    expect(await next()).toMatchObject({ op: 11 });
    fake!.dispatch('INTERACTION_CREATE', { id: '1' });
    expect(await next()).toMatchObject({ op: 0, t: 'INTERACTION_CREATE', s: 2, d: { id: '1' } });
  });

  it('sends reactions in Discord’s shape only to sessions with the GuildMessageReactions intent, and refuses IDENTIFY without intents', async () => {
    await start();
    fake!.addChannel('500000000000000001', { guildId: '1100000000000000009' });
    const identify = async (intents: number | undefined) => {
      const session = await connect();
      await session.next();
      session.ws.send(JSON.stringify({ op: 2, d: { token: fake!.token, ...(intents === undefined ? {} : { intents }), properties: {} } }));
      return session;
    };
    const guildsOnly = await identify(1);
    const reactions = await identify(1 | (1 << 10));
    await guildsOnly.next();
    await reactions.next();
    expect(fake!.identifies.map((d) => d.intents)).toEqual([1, 1025]);
    fake!.react('add', { userId: '600000000000000001', channelId: '500000000000000001', messageId: '700000000000000001', emoji: '👍' });
    fake!.react('remove', { userId: '600000000000000001', channelId: '500000000000000001', messageId: '700000000000000001', emoji: '👍' });
    fake!.dispatch('MARKER', {});
    expect(await guildsOnly.next()).toMatchObject({ t: 'MARKER' });
    const add = await reactions.next();
    expect(add).toMatchObject({ op: 0, t: 'MESSAGE_REACTION_ADD', d: { user_id: '600000000000000001', guild_id: '1100000000000000009', emoji: { id: null, name: '👍' },
      burst: false, type: 0, member: { user: { id: '600000000000000001' } } } });
    const remove = await reactions.next();
    expect(remove).toMatchObject({ t: 'MESSAGE_REACTION_REMOVE', d: { message_id: '700000000000000001', emoji: { name: '👍' } } });
    expect(remove.d).not.toHaveProperty('member');
    const noIntents = await connect();
    await noIntents.next();
    const closed = new Promise<number>((resolve) => noIntents.ws.on('close', (code) => resolve(code)));
    noIntents.ws.send(JSON.stringify({ op: 2, d: { token: fake!.token, properties: {} } }));
    expect(await closed).toBe(4013);
  });

  it('closes with 4004 on a wrong token', async () => {
    await start();
    const { ws, next } = await connect();
    await next();
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ op: 2, d: { token: 'wrong' } }));
    expect(await closed).toBe(4004);
  });
});
