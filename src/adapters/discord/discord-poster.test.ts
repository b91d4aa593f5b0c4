import type { Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelUnavailableError, type ChatPoster } from '../../core/chat-poster.js';
import type { DigestModel, PaperCard } from '../../core/digest-model.js';
import { silentLogger } from '../../log.js';
import { rateLimited, startFakeDiscord, type FakeDiscord } from '../../../test/fakes/fake-discord.js';
import { createDiscordClient, loginDiscord } from './discord-client.js';
import { createDiscordPoster } from './discord-poster.js';

const CHANNEL = '1200000000000000001';
const log = silentLogger();
let fake: FakeDiscord;
let client: Client;
let poster: ChatPoster;

beforeEach(async () => {
  fake = await startFakeDiscord();
  fake.addChannel(CHANNEL);
  // One retry and short attempts, so failure paths finish well inside a test's time.
  client = createDiscordClient({ apiUrl: fake.apiUrl, log, rest: { retries: 1, timeout: 400 } });
  await loginDiscord(client, fake.token, 2000);
  poster = createDiscordPoster(client, log);
});

afterEach(async () => {
  await client.destroy();
  await fake.close();
  expect(fake.validationErrors).toEqual([]); // every body the poster sent is one Discord accepts
});

const text = (content: string) => ({ body: { content, allowed_mentions: { parse: [] } } });
const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));

function card(i: number): PaperCard {
  return { key: `p${i}`, title: `Paper ${i}`, url: `https://arxiv.org/abs/2410.0000${i}`, facts: [], links: [] };
}
function digest(papers: PaperCard[]): DigestModel {
  return { locale: 'en', date: '2024-10-30', title: 'Daily Papers — Oct 30', intro: `${papers.length} new papers`, papers };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChannelUnavailableError);
  return (err as ChannelUnavailableError).reason;
}

describe('the Discord poster', () => {
  it('posts with the delivery key as an enforced nonce', async () => {
    const { messageId } = await poster.send(CHANNEL, text('hello'), { key: 'd20241030c1m0' });
    expect(fake.channels.get(CHANNEL)?.map((m) => [m.id, m.content])).toEqual([[messageId, 'hello']]);
    expect(posts()[0]?.body).toEqual({ content: 'hello', allowed_mentions: { parse: [] }, nonce: 'd20241030c1m0', enforce_nonce: true });
    expect(posts()[0]?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it('creates no second message when the same key is sent again', async () => {
    const first = await poster.send(CHANNEL, text('hello'), { key: 'k1' });
    const again = await poster.send(CHANNEL, text('hello'), { key: 'k1' });
    expect(again).toEqual(first);
    expect(fake.channels.get(CHANNEL)).toHaveLength(1);
    expect(await poster.findSent(CHANNEL, 'k1', new Date(0))).toBeUndefined();
  });

  it('reports an unknown channel, missing access and missing permissions as unavailable', async () => {
    fake.addChannel('1200000000000000002', { kind: 'no-access' });
    fake.addChannel('1200000000000000003', { kind: 'no-permission' });
    expect(await reason(poster.send('1299999999999999999', text('x'), { key: 'k' }))).toBe('unknown_channel');
    expect(await reason(poster.send('1200000000000000002', text('x'), { key: 'k' }))).toBe('missing_access');
    expect(await reason(poster.send('1200000000000000003', text('x'), { key: 'k' }))).toBe('missing_permissions');
  });

  it('reports a token Discord refuses as invalid_token, on this send and the next', async () => {
    const stranger = createDiscordClient({ token: 'not-the-token', apiUrl: fake.apiUrl, log, rest: { retries: 0 } });
    const rejected = createDiscordPoster(stranger, log);
    expect(await reason(rejected.send(CHANNEL, text('x'), { key: 'k' }))).toBe('invalid_token');
    // @discordjs/rest drops the token after a 401 and fails later requests without sending them.
    expect(await reason(rejected.send(CHANNEL, text('x'), { key: 'k' }))).toBe('invalid_token');
    expect(posts()).toHaveLength(1);
  });

  it('waits out a 429 and then posts the message once', async () => {
    fake.failNext('/messages', rateLimited(0.2));
    await poster.send(CHANNEL, text('after the limit'), { key: 'k' });
    expect(fake.served429).toBe(1);
    expect(posts()).toHaveLength(2);
    expect(fake.channels.get(CHANNEL)).toHaveLength(1);
  });

  it('retries a 500 and a hung request, posting once', async () => {
    fake.failNext('/messages', { status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    await poster.send(CHANNEL, text('one'), { key: 'k1' });
    fake.failNext('/messages', 'hang');
    await poster.send(CHANNEL, text('two'), { key: 'k2' });
    expect(fake.channels.get(CHANNEL)?.map((m) => m.content)).toEqual(['one', 'two']);
  });

  it('rethrows server and network errors that outlast the retries as they are (transient)', async () => {
    fake.failNext('/messages', { status: 503, body: {} });
    fake.failNext('/messages', { status: 503, body: {} });
    const err = await poster.send(CHANNEL, text('x'), { key: 'k1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'HTTPError', status: 503 });
    fake.failNext('/messages', 'reset');
    fake.failNext('/messages', 'reset');
    const network = await poster.send(CHANNEL, text('x'), { key: 'k2' }).catch((e: unknown) => e);
    expect(network).toBeInstanceOf(Error);
    expect(network).not.toBeInstanceOf(ChannelUnavailableError);
  });
});

describe('the Discord poster, thread layout', () => {
  it('posts the header, starts its thread once and posts every paper into it', async () => {
    const [header, ...replies] = poster.render(digest([card(1), card(2), card(3)]), 'thread');
    const { messageId: headerId } = await poster.send(CHANNEL, header!, { key: 'h' });
    await Promise.all(replies.map((m, i) => poster.send(CHANNEL, m, { key: `p${i}`, threadOf: headerId })));

    expect(fake.channels.get(CHANNEL)?.map((m) => m.id)).toEqual([headerId]);
    expect(fake.channels.get(headerId)?.map((m) => m.embeds[0]?.title).sort()).toEqual(['Paper 1', 'Paper 2', 'Paper 3']);
    const starts = fake.requests.filter((r) => r.path.endsWith('/threads'));
    expect(starts.map((r) => r.body)).toEqual([{ name: 'Daily Papers — Oct 30' }]);
    expect(posts().every((r) => !JSON.stringify(r.body).includes('paperboy_'))).toBe(true);
  });

  it('goes on into the thread an earlier run already started', async () => {
    const [header, reply] = poster.render(digest([card(1)]), 'thread');
    const { messageId: headerId } = await poster.send(CHANNEL, header!, { key: 'h' });
    await createDiscordPoster(client, log).send(CHANNEL, reply!, { key: 'p0', threadOf: headerId });
    await poster.send(CHANNEL, { ...reply!, body: { ...reply!.body, embeds: [{ title: 'Paper 2' }] } }, { key: 'p1', threadOf: headerId });
    expect(fake.channels.get(headerId)).toHaveLength(2);
  });

  it('posts a whole digest layout the fake accepts', async () => {
    const messages = poster.render(digest(Array.from({ length: 12 }, (_, i) => card(i))), 'digest');
    for (const [i, m] of messages.entries()) await poster.send(CHANNEL, m, { key: `m${i}` });
    expect(fake.channels.get(CHANNEL)?.map((m) => m.embeds.length)).toEqual([10, 2]);
  });
});

describe('the Discord poster on a busy channel', () => {
  it('paces itself by the rate-limit headers instead of running into 429s', async () => {
    const busy = await startFakeDiscord({ routeLimit: { limit: 2, windowMs: 500 } });
    busy.addChannel(CHANNEL);
    const paced = createDiscordClient({ apiUrl: busy.apiUrl, log, rest: { retries: 0, timeout: 1000 } });
    try {
      await loginDiscord(paced, busy.token, 2000);
      const started = Date.now();
      const sender = createDiscordPoster(paced, log);
      for (let i = 0; i < 5; i++) await sender.send(CHANNEL, text(`m${i}`), { key: `k${i}` });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // three windows of two
      expect(busy.served429).toBe(0);
      expect(busy.channels.get(CHANNEL)).toHaveLength(5);
    } finally {
      await paced.destroy();
      await busy.close();
    }
  });
});
