import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_IDS, MANIFEST_SCOPES, startFakeSlack, validatePostMessage, type FakeSlack } from './fake-slack.js';
import { clickPayload, reactionBody } from './fake-slack-interactions.js';
import { eventually } from '../helpers/eventually.js';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

/** A Web API call the way web-api makes it: form-encoded POST, objects as JSON strings, bearer token. */
async function call(f: FakeSlack, method: string, params: Record<string, unknown>, token: string | null = f.token): Promise<Answer> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${f.apiUrl}${method}`, { method: 'POST', headers, body: form });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('the fake Slack Web API', () => {
  it('answers auth errors with HTTP 200 and ok:false, and auth.test with the ids Bolt needs', async () => {
    fake = await startFakeSlack();
    expect((await call(fake, 'auth.test', {}, null)).body).toEqual({ ok: false, error: 'not_authed' });
    const wrong = await call(fake, 'auth.test', {}, 'xoxb-wrong');
    expect([wrong.status, wrong.body]).toEqual([200, { ok: false, error: 'invalid_auth' }]);
    const right = await call(fake, 'auth.test', {});
    expect(right.body).toMatchObject({ ok: true, team_id: FAKE_IDS.team_id, user_id: FAKE_IDS.user_id, bot_id: FAKE_IDS.bot_id });
    expect((await call(fake, 'chat.nope', {})).body).toEqual({ ok: false, error: 'unknown_method' });
  });

  it('stores a posted message with blocks and metadata decoded from form fields, under a unique increasing ts', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const metadata = { event_type: 'paperboy_delivery', event_payload: { key: 'k1' } };
    const first = await call(fake, 'chat.postMessage', { channel: 'C1', text: 'hi', blocks: [section('*hi*')], metadata });
    const second = await call(fake, 'chat.postMessage', { channel: 'C1', text: 'again' });
    expect(first.body).toMatchObject({ ok: true, channel: 'C1', message: { type: 'message', text: 'hi', bot_id: FAKE_IDS.bot_id, metadata } });
    const [a, b] = [String(first.body.ts), String(second.body.ts)];
    expect(a).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(b)).toBeGreaterThan(Number(a));
    expect(fake.messages.get('C1')?.map((m) => [m.ts, m.blocks])).toEqual([
      [a, [section('*hi*')]],
      [b, undefined],
    ]);
  });

  it('refuses what Slack refuses: unknown, foreign and archived channels, empty and oversized messages', async () => {
    fake = await startFakeSlack({ channels: { C1: {}, COUT: { member: false }, COLD: { archived: true } } });
    const error = async (params: Record<string, unknown>) => (await call(fake!, 'chat.postMessage', params)).body.error;
    expect(await error({ channel: 'CNOPE', text: 'x' })).toBe('channel_not_found');
    expect(await error({ channel: 'COUT', text: 'x' })).toBe('not_in_channel');
    expect(await error({ channel: 'COLD', text: 'x' })).toBe('is_archived');
    expect(await error({ channel: 'C1' })).toBe('no_text');
    expect(await error({ channel: 'C1', text: 'x'.repeat(40_001) })).toBe('msg_too_long');
    expect(await error({ channel: 'C1', blocks: '[{' })).toBe('invalid_blocks_format');
    expect(await error({ channel: 'C1', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toBe('invalid_blocks');
    const long = await call(fake, 'chat.postMessage', { channel: 'C1', blocks: [{ type: 'divider' }, section('x'.repeat(3001))] });
    expect(long.body).toMatchObject({ error: 'invalid_blocks', errors: ['must be less than 3001 characters [json-pointer:/blocks/1/text/text]'] });
    expect(fake.messages.get('C1')).toEqual([]);
  });

  it('shows a channel with conversations.info, member or not, archived or not, and nothing for unknown ids', async () => {
    fake = await startFakeSlack({ channels: { C1: { name: 'papers' }, COUT: { member: false }, COLD: { archived: true } } });
    const info = async (channel: string) => (await call(fake!, 'conversations.info', { channel })).body;
    expect(await info('C1')).toMatchObject({ ok: true, channel: { id: 'C1', name: 'papers', is_channel: true, is_archived: false, is_member: true } });
    expect(await info('COUT')).toMatchObject({ ok: true, channel: { name: 'cout', is_member: false } });
    expect(await info('COLD')).toMatchObject({ ok: true, channel: { is_archived: true } });
    expect(await info('CNOPE')).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('validates headers, context elements and image accessories like Slack', () => {
    const header = (text: string) => ({ blocks: [{ type: 'header', text: { type: 'plain_text', text } }] });
    expect(validatePostMessage(header('x'.repeat(150)))).toBeUndefined();
    expect(validatePostMessage(header('x'.repeat(151)))?.error).toBe('invalid_blocks');
    expect(validatePostMessage({ blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }] })?.error).toBe('invalid_blocks');
    const context = (n: number) => ({ blocks: [{ type: 'context', elements: Array.from({ length: n }, () => ({ type: 'mrkdwn', text: 'x' })) }] });
    expect(validatePostMessage(context(10))).toBeUndefined();
    expect(validatePostMessage(context(11))?.error).toBe('invalid_blocks');
    const image = (url: string) => ({ blocks: [{ ...section('x'), accessory: { type: 'image', image_url: url, alt_text: 'a' } }] });
    expect(validatePostMessage(image('https://example.org/a.png'))).toBeUndefined();
    expect(validatePostMessage(image('javascript:alert(1)'))?.error).toBe('invalid_blocks');
    expect(validatePostMessage({ text: 'x', metadata: '{"event_payload":{}}' })?.error).toBe('invalid_metadata_format');
  });

  it('validates actions blocks like Slack: unique action ids, button text, value and style, overflow options', () => {
    const button = (action_id: string, over: Record<string, unknown> = {}) => ({ type: 'button', action_id, value: 'v', text: { type: 'plain_text', text: 'ok' }, ...over });
    const actions = (...elements: unknown[]) => ({ text: 'x', blocks: elements.map((e) => ({ type: 'actions', elements: [e] })) });
    expect(validatePostMessage(actions(button('a'), button('b', { style: 'danger' })))).toBeUndefined();
    expect(validatePostMessage(actions(button('a'), button('a')))).toMatchObject({ error: 'invalid_blocks', detail: expect.stringContaining('/blocks/1/elements/0/action_id') });
    expect(validatePostMessage(actions(button('a', { text: { type: 'plain_text', text: 'x'.repeat(76) } })))?.error).toBe('invalid_blocks');
    expect(validatePostMessage(actions(button('a', { value: 'x'.repeat(2001) })))?.error).toBe('invalid_blocks');
    expect(validatePostMessage(actions(button('a', { style: 'secondary' })))?.error).toBe('invalid_blocks');
    const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
    expect(validatePostMessage(actions({ type: 'overflow', action_id: 'o', options: [option('1'), option('2')] }))).toBeUndefined();
    expect(validatePostMessage(actions({ type: 'overflow', action_id: 'o', options: [option('1')] }))?.error).toBe('invalid_blocks');
    expect(validatePostMessage({ text: 'x', blocks: [{ type: 'actions', elements: [] }] })?.error).toBe('invalid_blocks');
  });

  it('reports the token’s scopes on auth.test and builds clicks from the buttons of a posted message, reactions as event callbacks', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    expect((await call(fake, 'auth.test', {})).headers.get('x-oauth-scopes')).toBe(MANIFEST_SCOPES.join(','));
    const blocks = [{ type: 'actions', block_id: 'pb1_7', elements: [{ type: 'button', action_id: 'pb1_up_7', value: 'pb1:up:7', text: { type: 'plain_text', text: '👍' } }] }];
    const { body } = await call(fake, 'chat.postMessage', { channel: 'C1', text: 'x', blocks });
    const ts = String(body.ts);
    const payload = clickPayload(fake, { channel: 'C1', ts }, 'pb1_up_7', { user: 'U1', team: 'T2', responseName: 'r', actionTs: '1.000001' });
    expect(payload).toMatchObject({
      type: 'block_actions', user: { id: 'U1', team_id: 'T2' }, team: { id: 'T2' }, channel: { id: 'C1' },
      container: { type: 'message', message_ts: ts, channel_id: 'C1', is_ephemeral: false }, message: { ts, blocks },
      response_url: fake.responseUrl('r'), actions: [{ type: 'button', action_id: 'pb1_up_7', block_id: 'pb1_7', value: 'pb1:up:7', action_ts: '1.000001' }],
    });
    expect(() => clickPayload(fake!, { channel: 'C1', ts }, 'pb1_down_7', { user: 'U1', responseName: 'r' })).toThrow('no element pb1_down_7');
    expect(reactionBody({ type: 'reaction_added', user: 'U1', reaction: '+1', channel: 'C1', ts, eventId: 'Ev1' })).toMatchObject({
      type: 'event_callback', team_id: FAKE_IDS.team_id, event_id: 'Ev1', event: { type: 'reaction_added', user: 'U1', reaction: '+1', item: { type: 'message', channel: 'C1', ts } },
    });
  });

  it('lists top-level messages newest first, metadata only when asked, with oldest, limit and a cursor', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const metadata = { event_type: 'paperboy_delivery', event_payload: { key: 'k' } };
    const ts: string[] = [];
    for (const text of ['a', 'b', 'c']) ts.push(String((await call(fake, 'chat.postMessage', { channel: 'C1', text, metadata })).body.ts));
    await call(fake, 'chat.postMessage', { channel: 'C1', text: 'reply', thread_ts: ts[0] });

    const plain = await call(fake, 'conversations.history', { channel: 'C1' });
    const messages = plain.body.messages as { text: string; metadata?: unknown; reply_count?: number }[];
    expect(messages.map((m) => m.text)).toEqual(['c', 'b', 'a']);
    expect(messages.some((m) => 'metadata' in m)).toBe(false);
    expect(messages[2]?.reply_count).toBe(1);

    const first = await call(fake, 'conversations.history', { channel: 'C1', include_all_metadata: 'true', limit: '2', oldest: '0' });
    expect(first.body).toMatchObject({ has_more: true, messages: [{ text: 'c', metadata }, { text: 'b', metadata }] });
    const cursor = (first.body.response_metadata as { next_cursor: string }).next_cursor;
    const next = await call(fake, 'conversations.history', { channel: 'C1', limit: '2', cursor });
    expect(next.body).toMatchObject({ has_more: false, messages: [{ text: 'a' }] });
    const recent = await call(fake, 'conversations.history', { channel: 'C1', oldest: ts[1]! });
    expect((recent.body.messages as { text: string }[]).map((m) => m.text)).toEqual(['c']);

    const thread = await call(fake, 'conversations.replies', { channel: 'C1', ts: ts[0]!, include_all_metadata: 'true' });
    expect((thread.body.messages as { text: string }[]).map((m) => m.text)).toEqual(['a', 'reply']);
  });

  it('answers a second post to a channel within the rate window with 429 and Retry-After, and counts it', async () => {
    fake = await startFakeSlack({ channels: { C1: {}, C2: {} }, ratelimitPerChannelPerSecond: 1 });
    expect((await call(fake, 'chat.postMessage', { channel: 'C1', text: '1' })).body.ok).toBe(true);
    expect((await call(fake, 'chat.postMessage', { channel: 'C2', text: '1' })).body.ok).toBe(true);
    const limited = await call(fake, 'chat.postMessage', { channel: 'C1', text: '2' });
    expect([limited.status, limited.headers.get('retry-after'), limited.body]).toEqual([429, '1', { ok: false, error: 'ratelimited' }]);
    expect(fake.ratelimited).toBe(1);
    expect(fake.messages.get('C1')).toHaveLength(1);
  });

  it('fails the next call on request: an HTTP status, a raw body, a dropped connection, no answer until closed', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    fake.failNext('chat.postMessage', { status: 503 });
    expect((await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST' })).status).toBe(503);
    fake.failNext('chat.postMessage', { body: { ok: false, error: 'missing_scope' } });
    expect((await call(fake, 'chat.postMessage', { channel: 'C1', text: 'x' })).body).toEqual({ ok: false, error: 'missing_scope' });
    fake.failNext('auth.test', 'reset');
    await expect(call(fake, 'auth.test', {})).rejects.toThrow();
    fake.failNext('auth.test', 'hang');
    const hanging = call(fake, 'auth.test', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fake.close();
    await expect(hanging).rejects.toThrow();
    expect(fake.requests.map((r) => r.method)).toEqual(['chat.postMessage', 'chat.postMessage', 'auth.test', 'auth.test']);
    fake = undefined;
  });
});

describe('the fake Slack Socket Mode', () => {
  it('refuses a command with dispatch_failed while no connection is open, as Slack tells the user', async () => {
    fake = await startFakeSlack();
    await expect(fake.sendSlashCommand({ text: 'help' })).rejects.toMatchObject({ error: 'dispatch_failed' });
    expect(fake.acks).toEqual([]);
  });

  it('releases the held answers of one method only when asked', async () => {
    fake = await startFakeSlack({ users: { U1: {} } });
    fake.failNext('auth.test', 'hold');
    fake.failNext('users.info', 'hold');
    const auth = call(fake, 'auth.test', {});
    const user = call(fake, 'users.info', { user: 'U1' });
    await eventually(() => fake!.held === 2, 'both answers held');
    fake.release('users.info');
    expect((await user).body).toMatchObject({ ok: true, user: { id: 'U1' } });
    expect(fake.held).toBe(1);
    fake.release();
    expect((await auth).body).toMatchObject({ ok: true });
  });
});
