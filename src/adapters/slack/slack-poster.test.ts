import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelUnavailableError } from '../../core/chat-poster.js';
import type { DigestModel, PaperCard } from '../../core/digest-model.js';
import { silentLogger } from '../../log.js';
import { startFakeSlack, type FakeSlack } from '../../../test/fakes/fake-slack.js';
import { createBoltLogger } from './bolt-logger.js';
import { slackClientOptions } from './slack-app.js';
import { createSlackPoster } from './slack-poster.js';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const log = silentLogger();
const since = new Date(Date.now() - 60_000);

function client(f: FakeSlack, opts: { token?: string; retries?: number; timeoutMs?: number } = {}): webApi.WebClient {
  const options = slackClientOptions({ apiUrl: f.apiUrl, retries: opts.retries ?? 1, timeoutMs: opts.timeoutMs ?? 5000 });
  return new webApi.WebClient(opts.token ?? f.token, { ...options, logger: createBoltLogger(log) });
}

const card = (i: number): PaperCard => ({ key: `p${i}`, title: `Paper ${i}`, url: `https://arxiv.org/abs/2410.0000${i}`, facts: [], links: [] });
const digest = (papers: PaperCard[]): DigestModel => ({ locale: 'en', date: '2024-10-30', title: 'Daily Papers', intro: `${papers.length} new`, papers });
const text = (body: string) => ({ body: { text: body } });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('the Slack poster against the fake Slack', () => {
  it('posts a rendered digest with the delivery key in the metadata, and findSent finds it by that key only', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const poster = createSlackPoster(client(fake), log, { minIntervalMs: 0 });
    const [message] = poster.render(digest([card(1)]), 'digest');
    const { messageId } = await poster.send('C1', message!, { key: 'k2024103001' });

    const [stored] = fake.messages.get('C1')!;
    expect(stored).toMatchObject({ ts: messageId, text: message!.body.text, metadata: { event_type: 'paperboy_delivery', event_payload: { key: 'k2024103001' } } });
    expect(stored!.blocks).toEqual(message!.body.blocks);
    expect(fake.requests[0]).toMatchObject({ contentType: 'application/x-www-form-urlencoded', authorization: `Bearer ${fake.token}` });
    expect(fake.requests[0]!.params).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });

    expect(await poster.findSent('C1', 'k2024103001', since)).toBe(messageId);
    expect(await poster.findSent('C1', 'k2024103002', since)).toBeUndefined();
    expect(fake.requests.find((r) => r.method === 'conversations.history')?.params).toMatchObject({ include_all_metadata: 'true', limit: '200' });
  });

  it('posts the thread layout under its header, and findSent finds a reply inside the thread', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const poster = createSlackPoster(client(fake), log, { minIntervalMs: 0 });
    const [header, ...papers] = poster.render(digest([card(1), card(2)]), 'thread');
    const parent = await poster.send('C1', header!, { key: 'h' });
    for (const [i, m] of papers.entries()) await poster.send('C1', m, { key: `r${i}`, threadOf: parent.messageId });

    const stored = fake.messages.get('C1')!;
    expect(stored.map((m) => m.thread_ts)).toEqual([parent.messageId, parent.messageId, parent.messageId]);
    expect(await poster.findSent('C1', 'r1', since)).toBe(stored[2]!.ts);
    expect(fake.requests.some((r) => r.method === 'conversations.replies' && r.params.ts === parent.messageId)).toBe(true);
  });

  it('follows the history cursor to find an older message', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const poster = createSlackPoster(client(fake), log, { minIntervalMs: 0 });
    const first = await poster.send('C1', text('first'), { key: 'old' });
    // 205 later messages, stored directly: posting them one by one would only slow the test down.
    const [model] = fake.messages.get('C1')!;
    const base = Math.round(Number(first.messageId) * 1e6);
    for (let i = 1; i <= 205; i++) {
      const ts = `${Math.floor((base + i) / 1e6)}.${String((base + i) % 1e6).padStart(6, '0')}`;
      fake.messages.get('C1')!.push({ ...model!, ts, text: `n${i}`, metadata: undefined });
    }
    expect(await poster.findSent('C1', 'old', since)).toBe(first.messageId);
    expect(fake.requests.filter((r) => r.method === 'conversations.history')).toHaveLength(2);
  });

  it('reports channels and tokens Slack refuses as ChannelUnavailableError with Slack’s reason', async () => {
    fake = await startFakeSlack({ channels: { C1: {}, COUT: { member: false }, COLD: { archived: true } } });
    const poster = createSlackPoster(client(fake), log, { minIntervalMs: 0 });
    const reason = async (p: Promise<unknown>) => {
      const err = await rejection(p);
      expect(err).toBeInstanceOf(ChannelUnavailableError);
      return (err as ChannelUnavailableError).reason;
    };
    expect(await reason(poster.send('CNOPE', text('x'), { key: 'k' }))).toBe('channel_not_found');
    expect(await reason(poster.send('COUT', text('x'), { key: 'k' }))).toBe('not_in_channel');
    expect(await reason(poster.send('COLD', text('x'), { key: 'k' }))).toBe('is_archived');
    expect(await reason(poster.findSent('CNOPE', 'k', since))).toBe('channel_not_found');
    const revoked = createSlackPoster(client(fake, { token: 'xoxb-revoked' }), log, { minIntervalMs: 0 });
    expect(await reason(revoked.send('C1', text('x'), { key: 'k' }))).toBe('invalid_auth');
    fake.failNext('chat.postMessage', { body: { ok: false, error: 'missing_scope', needed: 'chat:write' } });
    expect(await reason(poster.send('C1', text('x'), { key: 'k' }))).toBe('missing_scope');
    expect(fake.messages.get('C1')).toEqual([]);
  });

  it('retries a 429 after Retry-After, so the message arrives exactly once', async () => {
    fake = await startFakeSlack({ channels: { C1: {} }, ratelimitPerChannelPerSecond: 1 });
    const poster = createSlackPoster(client(fake, { retries: 1 }), log, { minIntervalMs: 0 });
    await poster.send('C1', text('one'), { key: 'k1' });
    await poster.send('C1', text('two'), { key: 'k2' });
    expect(fake.ratelimited).toBe(1);
    expect(fake.messages.get('C1')!.map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('lets a rate limit that outlasts the retries through as a transient error', async () => {
    fake = await startFakeSlack({ channels: { C1: {} }, ratelimitPerChannelPerSecond: 1 });
    const poster = createSlackPoster(client(fake, { retries: 0 }), log, { minIntervalMs: 0 });
    await poster.send('C1', text('one'), { key: 'k1' });
    const err = await rejection(poster.send('C1', text('two'), { key: 'k2' }));
    expect(err).not.toBeInstanceOf(ChannelUnavailableError);
    expect(String(err)).toContain('rate limit');
  });

  it('does not retry a 5xx or a dropped connection, which may have posted already, and calls them transient', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const poster = createSlackPoster(client(fake, { retries: 3 }), log, { minIntervalMs: 0 });
    fake.failNext('chat.postMessage', { status: 503 });
    const http = await rejection(poster.send('C1', text('x'), { key: 'k' }));
    expect(http).toMatchObject({ code: webApi.ErrorCode.HTTPError, statusCode: 503 });
    fake.failNext('chat.postMessage', 'reset');
    const reset = await rejection(poster.send('C1', text('x'), { key: 'k' }));
    expect(reset).toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(fake.requests.filter((r) => r.method === 'chat.postMessage')).toHaveLength(2);
  });

  it('gives up on a call Slack never answers after the configured timeout', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const poster = createSlackPoster(client(fake, { timeoutMs: 200 }), log, { minIntervalMs: 0 });
    fake.failNext('chat.postMessage', 'hang');
    const err = await rejection(poster.send('C1', text('x'), { key: 'k' }));
    expect(err).toMatchObject({ code: webApi.ErrorCode.RequestError });
  });

  it('spaces posts to one channel by minIntervalMs without holding up another channel', async () => {
    fake = await startFakeSlack({ channels: { C1: {}, C2: {} } });
    const poster = createSlackPoster(client(fake), log, { minIntervalMs: 100 });
    const started = Date.now();
    const done: string[] = [];
    const post = (channel: string, body: string) => poster.send(channel, text(body), { key: body }).then(() => done.push(body));
    await Promise.all([post('C1', 'a1'), post('C1', 'a2'), post('C1', 'a3'), post('C2', 'b1')]);

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(fake.messages.get('C1')!.map((m) => m.text)).toEqual(['a1', 'a2', 'a3']);
    const [a1, a2, a3] = fake.messages.get('C1')!.map((m) => Number(m.ts) * 1000);
    expect(a2! - a1!).toBeGreaterThanOrEqual(90);
    expect(a3! - a2!).toBeGreaterThanOrEqual(90);
    expect(done.indexOf('b1')).toBeLessThan(done.indexOf('a2'));
  });
});
