import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeDiscord, type FakeDiscord, type Json } from './fake-discord.js';
import { GUILD_MESSAGES, MESSAGE_CONTENT } from './fake-discord-threads.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const TEXT = '1200000000000000001';
const FORUM = '1200000000000000002';
const LOCKED = '1200000000000000003';

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${fake!.apiUrl}/v10${path}`, { method, headers: { authorization: `Bot ${fake!.token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

async function start() {
  fake = await startFakeDiscord();
  fake.addChannel(TEXT);
  fake.addChannel(FORUM, { kind: 'forum' });
  fake.addChannel(LOCKED, { kind: 'no-threads' });
  return fake;
}

describe('threads in the fake Discord', () => {
  it('starts a thread without a message: private when no type is given (as the docs warn), public with type 11', async () => {
    await start();
    expect((await call('POST', `/channels/${TEXT}/threads`, { name: 'a' })).body).toMatchObject({ type: 12, parent_id: TEXT });
    const pub = await call('POST', `/channels/${TEXT}/threads`, { name: 'b', type: 11 });
    expect(pub).toMatchObject({ status: 201, body: { type: 11, name: 'b', thread_metadata: { archived: false } } });
    expect((await call('POST', `/channels/${pub.body.id as string}/messages`, { content: 'hi' })).status).toBe(200);
  });

  it('makes a forum post only with a first message, whose id is the thread’s; the forum itself takes no message', async () => {
    await start();
    expect(await call('POST', `/channels/${FORUM}/threads`, { name: 'p' })).toMatchObject({ status: 400, body: { code: 50035 } });
    const post = await call('POST', `/channels/${FORUM}/threads`, { name: 'p', message: { content: 'first' } });
    expect(post.body).toMatchObject({ type: 11, parent_id: FORUM, message: { id: post.body.id, content: 'first' } });
    expect((await call('GET', `/channels/${FORUM}`)).body).toMatchObject({ type: 15 });
    expect(await call('POST', `/channels/${FORUM}/messages`, { content: 'x' })).toMatchObject({ status: 400, body: { code: 50008 } });
  });

  it('refuses threads where the bot lacks Create Public Threads, and unarchives only an unlocked thread', async () => {
    await start();
    expect(await call('POST', `/channels/${LOCKED}/threads`, { name: 'x', type: 11 })).toMatchObject({ status: 403, body: { code: 50013 } });
    const id = (await call('POST', `/channels/${TEXT}/threads`, { name: 't', type: 11 })).body.id as string;
    fake!.archiveThread(id);
    expect((await call('PATCH', `/channels/${id}`, { archived: false })).body).toMatchObject({ thread_metadata: { archived: false } });
    fake!.archiveThread(id, { locked: true });
    expect(await call('PATCH', `/channels/${id}`, { archived: false })).toMatchObject({ status: 403, body: { code: 50013 } });
    expect(fake!.validationErrors).toEqual([]);
  });

  it('dispatches a person’s message to GuildMessages sessions, its text blanked without MessageContent unless it mentions the bot', async () => {
    await start();
    const received = async (intents: number, send: () => void): Promise<Json[]> => {
      const ws = new WebSocket(fake!.gatewayUrl);
      const got: Json[] = [];
      let done = () => {};
      await new Promise<void>((resolve) => ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as { op: number; t?: string; d: Json };
        if (m.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: fake!.token, intents, properties: {} } }));
        if (m.t === 'READY') resolve();
        if (m.t === 'MESSAGE_CREATE') got.push(m.d);
        if (m.t === 'TEST_MARKER') done();
      }));
      // A dispatch every session gets, sent last: the socket keeps order, so once it is here everything before it is too.
      const marked = new Promise<void>((resolve) => (done = resolve));
      send();
      fake!.dispatch('TEST_MARKER', {});
      await marked;
      ws.close();
      return got;
    };
    const both = () => {
      fake!.say(TEXT, { id: '300000000000000001' }, 'plain words');
      fake!.say(TEXT, { id: '300000000000000001' }, `<@${fake!.bot.id}> a question`, [fake!.bot.id]);
    };
    expect((await received(GUILD_MESSAGES, both)).map((m) => m.content)).toEqual(['', `<@${fake!.bot.id}> a question`]);
    expect((await received(GUILD_MESSAGES | MESSAGE_CONTENT, both)).map((m) => m.content)).toEqual(['plain words', `<@${fake!.bot.id}> a question`]);
    expect(await received(1, both)).toEqual([]);
  });
});
