/**
 * 👍 / 👎 over Slack's HTTP delivery: signed form posts `payload=<block_actions json>` and signed
 * Events API JSON posts (with Slack's retry headers) to the real Bolt HTTP receiver. The digest
 * message is rendered by the Slack renderer, posted to the fake Slack by the Slack poster and
 * recorded in the outbox as the digest runner does, so a click and a reaction find it.
 */
import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSlackCommands } from '../../src/adapters/slack/commands/register-commands.js';
import { renderSlackDigest } from '../../src/adapters/slack/render-digest.js';
import { createSlackApp, startSlackApp, stopSlackApp } from '../../src/adapters/slack/slack-app.js';
import { createSlackPoster } from '../../src/adapters/slack/slack-poster.js';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/core/channel.js';
import type { PaperCard } from '../../src/core/digest-model.js';
import { silentLogger } from '../../src/log.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { clickPayload, postEvent, postInteraction, reactionBody } from '../fakes/fake-slack-interactions.js';
import { setupCommands } from '../pipeline/command-setup.js';
import { eventually } from '../helpers/eventually.js';

const SECRET = 'feedback-signing-secret';
const CHANNEL = 'C0GENERAL';
const NOW = '2024-10-30T03:00:00Z';

let fake: FakeSlack;
let app: App;
let url: string;
let setup: ReturnType<typeof setupCommands>;

beforeEach(async () => {
  fake = await startFakeSlack({ users: { U0MEMBER: { locale: 'ko-KR' } }, channels: { [CHANNEL]: {} } });
  setup = setupCommands(NOW);
  app = createSlackApp({ botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, log: silentLogger(), retries: 0, timeoutMs: 2000 });
  registerSlackCommands(app, setup.deps, silentLogger(), { outbox: setup.stores.outbox });
  const { port } = await startSlackApp(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterEach(async () => {
  await stopSlackApp(app);
  await fake.close();
  setup.stores.db.close();
});

const feedbackRows = () => setup.stores.db.prepare('SELECT actor, paper_id, value, origin, workspace, channel FROM feedback_events ORDER BY id').all();

/** Posts a thread-layout digest of the store's two papers, as the runner would, and returns the ts of each paper's reply. */
async function postDigest(): Promise<{ ts: string; paperId: number }[]> {
  setup.stores.channels.syncFromConfig([{ platform: 'slack', channel: CHANNEL, locale: 'en', time: '09:00', timezone: 'UTC', settings: DEFAULT_CHANNEL_SETTINGS }], NOW);
  const papers = ['arxiv:2410.20001', 'arxiv:2410.20002'].map((key) => setup.stores.reader.getByKey(key)!);
  const cards: PaperCard[] = papers.map((p) => ({ key: p.key, paperId: p.id, title: p.title, url: `https://arxiv.org/abs/${p.key.slice(6)}`, facts: [], links: [] }));
  const messages = renderSlackDigest({ locale: 'en', date: '2024-10-30', title: 'Daily Papers', intro: '2 new papers', papers: cards }, 'thread');
  const channelId = setup.stores.channels.find(CHANNEL)!.id;
  const deliveries = messages.map((m, i) => ({ key: `d${i}`, body: m.body, ...(m.threadParent !== undefined ? { threadParent: m.threadParent } : {}), ...(m.paperIds ? { paperIds: m.paperIds } : {}) }));
  const digestId = setup.stores.digests.create({ channelId, localDate: '2024-10-30', slotAt: NOW, windowStart: NOW, windowEnd: NOW, state: 'planned', paperIds: papers.map((p) => p.id), deliveries, now: NOW })!;
  const poster = createSlackPoster(app.client, silentLogger(), { minIntervalMs: 0 });
  const rows = setup.stores.digests.deliveries(digestId);
  const sent: string[] = [];
  for (const [i, m] of messages.entries()) {
    const { messageId } = await poster.send(CHANNEL, m, { key: rows[i]!.key, ...(m.threadParent !== undefined ? { threadOf: sent[m.threadParent] } : {}) });
    setup.stores.outbox.markSent(rows[i]!.id, messageId, NOW);
    sent.push(messageId);
  }
  return messages.flatMap((m, i) => (m.paperIds ? [{ ts: sent[i]!, paperId: m.paperIds[0]! }] : []));
}

describe('feedback over the HTTP receiver', () => {
  it('takes a signed block_actions form post: acks with an empty body, records the vote once, answers in Korean with an Undo', async () => {
    const [first] = await postDigest();
    const payload = clickPayload(fake, { channel: CHANNEL, ts: first!.ts }, `pb1_up_${first!.paperId}`, { user: 'U0MEMBER', responseName: 'h1', actionTs: '1730257200.123456' });
    const res = await postInteraction(url, SECRET, payload);
    expect(res).toEqual({ status: 200, text: '' });
    await eventually(() => fake.responses.length === 1);
    expect(await postInteraction(url, SECRET, payload)).toMatchObject({ status: 200 });
    await eventually(() => fake.responses.length === 2);
    expect(feedbackRows()).toEqual([{ actor: 'U0MEMBER', paper_id: first!.paperId, value: 1, origin: 'button', workspace: 'T0FAKE', channel: CHANNEL }]);
    const answer = fake.responses[0]!.body;
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.text)).toMatch(/^👍 /);
    expect(JSON.stringify(answer.blocks)).toContain(`"action_id":"pb1_undo_${first!.paperId}"`);
    expect(JSON.stringify(answer.blocks)).toContain('"text":"취소"');
  });

  it('refuses an unsigned click and records nothing', async () => {
    const [first] = await postDigest();
    const payload = clickPayload(fake, { channel: CHANNEL, ts: first!.ts }, `pb1_down_${first!.paperId}`, { user: 'U0MEMBER', responseName: 'bad' });
    expect((await postInteraction(url, 'wrong-secret', payload)).status).toBe(401);
    expect(feedbackRows()).toEqual([]);
  });

  it('takes reaction events: a 👍 once despite Slack’s retry, its removal undoes it', async () => {
    const [first, second] = await postDigest();
    const added = reactionBody({ type: 'reaction_added', user: 'U0MEMBER', reaction: 'thumbsup', channel: CHANNEL, ts: second!.ts });
    expect((await postEvent(url, SECRET, added)).status).toBe(200);
    expect((await postEvent(url, SECRET, added, 1)).status).toBe(200);
    await eventually(() => feedbackRows().length >= 1);
    await postEvent(url, SECRET, reactionBody({ type: 'reaction_removed', user: 'U0MEMBER', reaction: 'thumbsup', channel: CHANNEL, ts: second!.ts }));
    await eventually(() => feedbackRows().length >= 2);
    expect(feedbackRows().map((r) => (r as { value: number; paper_id: number }).value)).toEqual([1, 0]);
    expect(feedbackRows().every((r) => (r as { paper_id: number }).paper_id === second!.paperId && (r as { origin: string }).origin === 'reaction')).toBe(true);
    expect(first!.paperId).not.toBe(second!.paperId);
    expect(fake.responses).toEqual([]);
  });
});
