/**
 * `/papers` end to end over Slack's wire protocol: signed form posts to the real Bolt HTTP
 * receiver, users.info from the fake Web API, answers arriving at the fake's response_url.
 */
import { createHmac } from 'node:crypto';
import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSlackCommands } from '../../src/adapters/slack/commands/register-commands.js';
import { createSlackApp, startSlackApp, stopSlackApp } from '../../src/adapters/slack/slack-app.js';
import { silentLogger } from '../../src/log.js';
import { startFakeSlack, type FakeResponse, type FakeSlack } from '../fakes/fake-slack.js';
import { setupCommands } from '../pipeline/command-setup.js';
import { eventually } from '../helpers/eventually.js';

const SECRET = 'e2e-signing-secret';
const USERS = { U0MEMBER: { locale: 'ja-JP' }, U0ADMIN: { locale: 'ja-JP', is_admin: true }, U0LISTED: { locale: 'en-US' } };

let fake: FakeSlack;
let app: App;
let url: string;
let setup: ReturnType<typeof setupCommands>;
let seq = 0;

beforeEach(async () => {
  fake = await startFakeSlack({ users: USERS });
  setup = setupCommands();
  app = createSlackApp({ botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, log: silentLogger(), retries: 0, timeoutMs: 2000 });
  registerSlackCommands(app, setup.deps, silentLogger(), { admins: ['U0LISTED'] });
  const { port } = await startSlackApp(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterEach(async () => {
  await stopSlackApp(app);
  await fake.close();
  setup.stores.db.close();
});

const responseTo = (name: string) => eventually(() => fake.responses.find((r) => r.name === name)?.body, `a response_url post for ${name}`);

function sign(body: string, at = Math.floor(Date.now() / 1000), secret = SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(at), 'x-slack-signature': signature };
}

function commandBody(text: string, user = 'U0MEMBER', over: Record<string, string> = {}): { body: string; name: string } {
  const name = `r${++seq}`;
  const fields = {
    token: 'legacy-verification-token', team_id: 'T0FAKE', team_domain: 'fake', channel_id: 'C0GENERAL', channel_name: 'general',
    user_id: user, user_name: user.toLowerCase(), command: '/papers', text, api_app_id: 'A0PAPERBOY',
    response_url: fake.responseUrl(name), trigger_id: `trigger-${name}`, ...over,
  };
  return { body: new URLSearchParams(fields).toString(), name };
}

async function post(body: string, headers = sign(body)): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

async function command(text: string, user?: string): Promise<FakeResponse['body']> {
  const { body, name } = commandBody(text, user);
  const res = await post(body);
  expect(res.status).toBe(200);
  return responseTo(name);
}

type Blocks = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string; text?: { text: string } }[] }[];
const blocksOf = (r: FakeResponse['body']) => r.blocks as Blocks;
const allText = (r: FakeResponse['body']) => JSON.stringify(r.blocks) + String(r.text);

describe('/papers over Slack', () => {
  it('acks with an empty 200 before users.info answers, then answers through response_url', async () => {
    fake.failNext('users.info', 'hold');
    const { body, name } = commandBody('search 検索');
    const res = await post(body);
    expect(res).toMatchObject({ status: 200, text: '' });
    await eventually(() => fake.held === 1);
    expect(fake.responses).toEqual([]);
    fake.release();
    const answer = await responseTo(name);
    expect(answer.response_type).toBe('ephemeral');
    expect(allText(answer)).toContain('「検索」に一致する論文はありません。');
    expect(fake.requests.find((r) => r.method === 'users.info')?.params).toMatchObject({ user: 'U0MEMBER', include_locale: 'true' });
  });

  it('answers a search in the asker\'s Slack locale with cards and a next-page button', async () => {
    const answer = await command('search paper');
    const blocks = blocksOf(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: '「paper」の検索結果（1ページ目）' } });
    expect(allText(answer)).toContain('投票数');
    const [card, paging] = blocks.filter((b) => b.type === 'actions');
    // The card's own feedback row in the asker's language, then the paging buttons.
    expect(card?.elements?.map((e) => (e as { text: { text: string } }).text.text)).toEqual(['👍', '👎', '似た論文', '⭐ 保存', '💬 ディスカッション']);
    expect(paging?.elements).toEqual([expect.objectContaining({ action_id: 'papers_page_2', value: 'search|2|paper', text: expect.objectContaining({ text: '次へ' }) })]);
  });

  it('looks the user up once and reuses the cached locale', async () => {
    await command('search 検索');
    await command('search 検索');
    expect(fake.requests.filter((r) => r.method === 'users.info')).toHaveLength(1);
  });

  it('still answers, in the default language, when users.info fails', async () => {
    fake.failNext('users.info', { status: 500 });
    const answer = await command('search 検索');
    expect(allText(answer)).toContain('No papers match “検索”.');
    expect(allText(answer)).not.toContain('一致する論文はありません');
  });

  it('answers an unknown paper with a localized ephemeral error', async () => {
    const answer = await command('show 2501.00001');
    expect(answer.response_type).toBe('ephemeral');
    expect(allText(answer)).toContain('2501.00001 に該当する論文が見つかりません。');
  });

  it('lets only workspace admins and configured admins subscribe a channel', async () => {
    expect(allText(await command('subscribe --channel cat:cs.RO', 'U0MEMBER'))).toContain('この操作を行う権限がありません。');
    expect(setup.deps.subscriptions.count('slack', 'channel', 'C0GENERAL')).toBe(0);
    expect(allText(await command('subscribe --channel cat:cs.RO', 'U0ADMIN'))).toContain('を購読しました');
    expect(setup.deps.subscriptions.count('slack', 'channel', 'C0GENERAL')).toBe(1);
    expect(allText(await command('subscribe --channel cat:cs.CL', 'U0LISTED'))).not.toMatch(/permission|権限/);
    expect(setup.deps.subscriptions.count('slack', 'channel', 'C0GENERAL')).toBe(2);
  });

  it('refuses a stale timestamp or a bad signature with 401 and answers nothing', async () => {
    const stale = commandBody('search paper');
    expect((await post(stale.body, sign(stale.body, Math.floor(Date.now() / 1000) - 6 * 60))).status).toBe(401);
    const forged = commandBody('search paper');
    expect((await post(forged.body, sign(forged.body, undefined, 'not-the-secret'))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.responses).toEqual([]);
    expect(fake.requests.filter((r) => r.method === 'users.info')).toEqual([]);
  });

  it('replaces the search answer with page 2 when the next-page button is clicked', async () => {
    const first = await command('search paper');
    const button = blocksOf(first).filter((b) => b.type === 'actions').at(-1)!.elements![0]!;
    const name = `r${++seq}`;
    const payload = {
      type: 'block_actions', api_app_id: 'A0PAPERBOY', token: 'legacy-verification-token', trigger_id: 'trigger-click',
      user: { id: 'U0MEMBER', username: 'u0member', name: 'u0member', team_id: 'T0FAKE' }, team: { id: 'T0FAKE', domain: 'fake' },
      container: { type: 'message', message_ts: '1730257200.000100', channel_id: 'C0GENERAL', is_ephemeral: true },
      channel: { id: 'C0GENERAL', name: 'general' }, response_url: fake.responseUrl(name),
      actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, text: { type: 'plain_text', text: '次へ' }, action_ts: '1730257201.000200' }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await post(body)).status).toBe(200);
    const page2 = await responseTo(name);
    expect(page2).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(blocksOf(page2)[0]).toMatchObject({ type: 'header', text: { text: '「paper」の検索結果（2ページ目）' } });
    expect(blocksOf(page2).filter((b) => b.type === 'actions').at(-1)?.elements?.[0]).toMatchObject({ action_id: 'papers_page_1', value: 'search|1|paper' });
  });
});
