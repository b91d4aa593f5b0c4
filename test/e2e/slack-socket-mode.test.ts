/**
 * `/papers` end to end over Slack Socket Mode: the real Bolt app opens its connection through the
 * fake's apps.connections.open with the app-level token, receives `slash_commands` envelopes over
 * the WebSocket, acks them with the same envelope_id and answers through the fake's response_url.
 */
import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSlackCommands } from '../../src/adapters/slack/commands/register-commands.js';
import { createSlackApp, startSlackApp, stopSlackApp } from '../../src/adapters/slack/slack-app.js';
import { silentLogger } from '../../src/log.js';
import { startFakeSlack, type FakeResponse, type FakeSlack } from '../fakes/fake-slack.js';
import { setupCommands } from '../pipeline/command-setup.js';
import { eventually } from '../helpers/eventually.js';

const USERS = { U0MEMBER: { locale: 'ja-JP' }, U0LISTED: { locale: 'en-US' } };

let fake: FakeSlack;
let app: App | undefined;
let setup: ReturnType<typeof setupCommands>;
let seq = 0;

const appFor = (appToken: string): App =>
  createSlackApp({ botToken: fake.token, appToken, apiUrl: fake.apiUrl, log: silentLogger(), retries: 0, timeoutMs: 2000, reconnectDelayMs: 200 });

beforeEach(async () => {
  fake = await startFakeSlack({ users: USERS });
  setup = setupCommands();
});

afterEach(async () => {
  if (app) await stopSlackApp(app);
  app = undefined;
  await fake.close();
  setup.stores.db.close();
});

const responseTo = (name: string) => eventually(() => fake.responses.find((r) => r.name === name)?.body, `a response_url post for ${name}`);

async function startApp(): Promise<App> {
  app = appFor(fake.appToken);
  registerSlackCommands(app, setup.deps, silentLogger(), { admins: ['U0LISTED'] });
  await startSlackApp(app, 0);
  return app;
}

/** Sends `/papers <text>` as a slash_commands envelope; resolves with the ack and the response_url answer. */
async function command(text: string, user = 'U0MEMBER'): Promise<{ envelopeId: string; ack: { envelope_id: string; payload?: unknown }; answer: FakeResponse['body'] }> {
  const name = `s${++seq}`;
  const envelopeId = `env-${name}-0c2a7f`;
  const ack = await fake.sendSlashCommand({ text, user_id: user, user_name: user.toLowerCase(), response_url: fake.responseUrl(name) }, { envelopeId });
  return { envelopeId, ack, answer: await responseTo(name) };
}

const allText = (r: FakeResponse['body']) => JSON.stringify(r.blocks) + String(r.text);

describe('/papers over Slack Socket Mode', () => {
  it('connects with the app-level token and is greeted by hello', async () => {
    await startApp();
    expect(fake.socketConnections).toBe(1);
    const open = fake.requests.filter((r) => r.method === 'apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${fake.appToken}`);
    expect(fake.requests.find((r) => r.method === 'auth.test')?.authorization).toBe(`Bearer ${fake.token}`);
  });

  it('acks a search envelope with its envelope_id, then answers ephemerally in the asker\'s locale', async () => {
    await startApp();
    const { envelopeId, ack, answer } = await command('search 検索');
    expect(ack.envelope_id).toBe(envelopeId);
    expect(fake.acks.map((a) => a.envelope_id)).toEqual([envelopeId]);
    expect(answer.response_type).toBe('ephemeral');
    expect(allText(answer)).toContain('「検索」に一致する論文はありません。');
    expect(fake.requests.find((r) => r.method === 'users.info')?.params).toMatchObject({ user: 'U0MEMBER', include_locale: 'true' });
  });

  it('acks before users.info answers', async () => {
    await startApp();
    fake.failNext('users.info', 'hold');
    const name = `s${++seq}`;
    const ack = await fake.sendSlashCommand({ text: 'search paper', response_url: fake.responseUrl(name) }, { envelopeId: 'env-held' });
    expect(ack.envelope_id).toBe('env-held');
    await eventually(() => fake.held === 1);
    expect(fake.responses).toEqual([]);
    fake.release();
    const answer = await responseTo(name);
    expect(answer.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header', text: expect.objectContaining({ text: '「paper」の検索結果（1ページ目）' }) })]));
  });

  it('answers an unknown paper with a localized ephemeral error, in English for an en-US user', async () => {
    await startApp();
    const ja = await command('show 2501.00001');
    expect(ja.ack.envelope_id).toBe(ja.envelopeId);
    expect(ja.answer.response_type).toBe('ephemeral');
    expect(allText(ja.answer)).toContain('2501.00001 に該当する論文が見つかりません。');
    const en = await command('show 2501.00001', 'U0LISTED');
    expect(en.answer.response_type).toBe('ephemeral');
    expect(allText(en.answer)).toContain('No paper found for 2501.00001.');
  });

  // The client closes at once and reconnects after the reconnect delay (200 ms here; 5 s by default).
  it('reconnects through apps.connections.open after a disconnect message and keeps answering', async () => {
    await startApp();
    fake.socketDisconnect('refresh_requested');
    await eventually(() => fake.socketConnections === 0, 'the socket to close');
    await eventually(() => fake.requests.filter((r) => r.method === 'apps.connections.open').length === 2, 'a second apps.connections.open');
    await eventually(() => fake.socketConnections === 1, 'the new socket');
    const { envelopeId, ack, answer } = await command('search 検索');
    expect(ack.envelope_id).toBe(envelopeId);
    expect(allText(answer)).toContain('「検索」に一致する論文はありません。');
  });

  it('fails to start with a wrong app-level token, with Slack\'s invalid_auth', async () => {
    const wrong = appFor('xapp-1-A0PAPERBOY-1-wrong');
    await expect(startSlackApp(wrong, 0)).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    expect(fake.socketConnections).toBe(0);
  });
});
