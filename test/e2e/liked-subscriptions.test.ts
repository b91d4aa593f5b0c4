/**
 * "Papers like the ones I liked", end to end: the real bot against the fakes. On Discord a reader
 * subscribes with `/papers subscribe kind:liked cap:2` (told to like some papers first), likes a
 * paper with `/papers like`, and the next ingest sends them one direct message with the new
 * papers like it, each with the reason ranked digest cards show, in Korean; the unrelated papers
 * of that cycle stay out. Every body sent to Discord is checked against its OpenAPI schema. On
 * Slack (Socket Mode) an admin subscribes a channel with `/papers subscribe --channel liked 1`, a
 * member likes a paper there, and the channel gets one paper: its cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/fake-discord.js';
import { validatePostMessage } from '../fakes/fake-slack.js';
import { eventually } from '../helpers/eventually.js';
import { arxivIds, arxivRss, CHANNELS, discordText, FEED_PATHS, slackText, startHarness, type ArxivItem, type Harness } from './bot-harness.js';

const THU = 'Thu, 31 Oct 2024 00:00:00 -0400';
const GUILD = '1100000000000000001';
const CHANNEL = CHANNELS.discordKo.channel;
const USER = { id: '1400000000000000011', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };

function item(id: string, title: string, abstract: string): ArxivItem {
  return { id, title, abstract, authors: 'Ada Lovelace, Alan Turing', categories: ['cs.AI'], pubDate: THU };
}
// Made-up words no fixture paper contains: what the profile learns is unmistakable.
const LIKED = item('2410.25001', 'Quokka agents for tool use', 'Quokka agents learn to call tools with a quokka planner.');
const OLD = [
  item('2410.25002', 'Sparse attention revisited', 'Attention patterns that skip most tokens.'),
  item('2410.25003', 'Protein folding with language models', 'Structure prediction from sequence alone.'),
];
const LIKE_IT = [
  item('2410.25011', 'Quokka planners for tool-using agents', 'A quokka planner lets agents call tools reliably.'),
  item('2410.25012', 'Scaling quokka agents to many tools', 'Quokka agents choose among many tools with one planner.'),
];
// The next day's one new paper like it: a one-paper DM, on which a reaction is a vote.
const NEXT_DAY = item('2410.25013', 'Quokka tool planners for web agents', 'Web agents call tools through a quokka planner.');
const UNRELATED = [
  item('2410.25021', 'Weather forecasting with graph networks', 'Global forecasts from a graph network.'),
  item('2410.25022', 'Legal contract clause extraction', 'Finding clauses in long contracts.'),
  item('2410.25023', 'Bandits for online advertising', 'Contextual bandits choose which ad to show.'),
];

let h: Harness;
let seq = 0;

/** `/papers <sub>` as Discord sends it from the Korean guild channel. */
function command(sub: string, options: Json[] = []) {
  seq++;
  return {
    id: String(1300000000000000100n + BigInt(seq)), application_id: h.discord.bot.id, type: 2, token: `liked-${seq}`, version: 1, locale: 'ko',
    data: { id: '1200000000000000001', name: 'papers', type: 1, options: [{ type: 1, name: sub, options }] },
    app_permissions: '2048', entitlements: [], authorizing_integration_owners: {}, guild_id: GUILD, channel_id: CHANNEL, guild_locale: 'ko', context: 0,
    channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'papers' },
    member: { user: USER, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '0' },
  };
}

async function send(payload: ReturnType<typeof command>): Promise<string> {
  h.discord.dispatch('INTERACTION_CREATE', payload);
  const callback = await eventually(() => h.discord.interactionCallbacks.find((c) => c.token === payload.token), 'the answer to the interaction');
  return String((callback.body as { data?: { content?: string } }).data?.content ?? '');
}

async function cycle(at: string, items: ArxivItem[]): Promise<unknown> {
  h.clock.set(at);
  h.feeds.setRoute(FEED_PATHS['arxiv-cs.AI'], arxivRss(items, THU));
  const before = h.logs.length;
  await h.bot.ingest();
  return h.logs.slice(before).find((l) => l.msg === 'subscriptions delivered')?.subscriptions;
}

const dm = () => {
  const id = h.discord.dmChannel(USER.id);
  return id ? h.discordMessages(id) : [];
};

describe('a liked subscription on Discord', () => {
  const answers: Record<string, string> = {};
  const delivered: unknown[] = [];

  beforeAll(async () => {
    h = await startHarness({ start: '2024-10-31T00:00:00.000Z' });
    delivered.push(await cycle('2024-10-31T01:00:00.000Z', [LIKED, ...OLD]));
    answers.subscribe = await send(command('subscribe', [{ type: 3, name: 'kind', value: 'liked' }, { type: 4, name: 'cap', value: 2 }]));
    answers.like = await send(command('like', [{ type: 3, name: 'id', value: LIKED.id }]));
    delivered.push(await cycle('2024-10-31T02:00:00.000Z', [LIKED, ...OLD, ...UNRELATED, ...LIKE_IT]));
    delivered.push(await cycle('2024-10-31T03:00:00.000Z', [LIKED, ...OLD, ...UNRELATED, ...LIKE_IT]));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('subscribes with the cap chosen, and says in Korean to like some papers first', () => {
    expect(answers.subscribe).toContain('하루 최대 2편');
    expect(answers.subscribe).toContain('먼저 논문에 좋아요를 눌러 주세요');
    expect(h.bot.stores.subscriptions.list('discord', 'me', USER.id)).toMatchObject([{ kind: 'liked', dailyCap: 2, guild: GUILD, locale: 'ko' }]);
  });

  it('sends nothing before the like, then one Korean DM with the new papers like the liked one, each with its reason', () => {
    expect(delivered).toEqual([{ sent: 0, paused: 0, failed: 0 }, { sent: 1, paused: 0, failed: 0 }, { sent: 0, paused: 0, failed: 0 }]);
    const messages = dm();
    expect(messages).toHaveLength(1);
    expect([...arxivIds(messages[0])].sort()).toEqual(LIKE_IT.map((p) => p.id).sort());
    const text = discordText(messages[0]!);
    expect(text).toContain('💡 회원님이 좋아요한 논문과 비슷한 논문');
    expect(text).toContain('회원님의 좋아요에 맞는 새 논문 2편');
    // The reason line, as on ranked digest cards: "like <liked title>" and the profile's words.
    expect(text).toContain('Quokka agents for tool use와(과) 비슷함');
    expect(text).toMatch(/일치: [^\n]*quokka/);
    for (const p of UNRELATED) expect(text).not.toContain(p.title);
    expect(h.discordMessages(CHANNEL).filter((m) => arxivIds(m).some((id) => LIKE_IT.some((p) => p.id === id)))).toEqual([]);
  });

  it('counts a 👍 on a one-paper DM as a vote in the server whose subscription sent it, and its removal as an undo', async () => {
    expect(await cycle('2024-11-01T01:00:00.000Z', [LIKED, ...OLD, ...UNRELATED, ...LIKE_IT, NEXT_DAY])).toEqual({ sent: 1, paused: 0, failed: 0 });
    const message = dm().at(-1)!;
    expect(arxivIds(message)).toEqual([NEXT_DAY.id]);
    const paperId = h.bot.stores.db.prepare("SELECT id FROM papers WHERE arxiv_id = ?").pluck().get(NEXT_DAY.id) as number;
    const events = () =>
      h.bot.stores.db.prepare('SELECT workspace, channel, actor, value, origin FROM feedback_events WHERE paper_id = ? ORDER BY id').all(paperId);
    const dmChannel = h.discord.dmChannel(USER.id)!;
    h.discord.react('add', { userId: USER.id, channelId: dmChannel, messageId: String(message.id), emoji: '👍' });
    await eventually(() => events().length === 1, 'the DM reaction to be recorded');
    h.discord.react('remove', { userId: USER.id, channelId: dmChannel, messageId: String(message.id), emoji: '👍' });
    await eventually(() => events().length === 2, 'the DM reaction removal to be recorded');
    // The person's profile in that server (no channel: a DM is nobody's channel profile).
    expect(events()).toEqual([
      { workspace: GUILD, channel: '', actor: USER.id, value: 1, origin: 'reaction' },
      { workspace: GUILD, channel: '', actor: USER.id, value: 0, origin: 'reaction' },
    ]);
  });
});

describe('a liked subscription of a Slack channel', () => {
  const SLACK_CHANNEL = CHANNELS.slackEn.channel;
  const answers: Record<string, string> = {};
  const delivered: unknown[] = [];

  /** `/papers <text>` in the channel over Socket Mode; returns what the bot sent to response_url. */
  async function slash(text: string, user: string): Promise<string> {
    const name = `slash-${++seq}`;
    await h.slack.sendSlashCommand({ text, user_id: user, channel_id: SLACK_CHANNEL, response_url: h.slack.responseUrl(name) });
    const found = await eventually(() => h.slack.responses.find((r) => r.name === name), `the answer to ${text}`);
    return JSON.stringify(found.body);
  }

  beforeAll(async () => {
    h = await startHarness({ start: '2024-10-31T00:00:00.000Z', channels: [CHANNELS.slackEn], slackSocketMode: {} });
    h.slack.addUser('U0ADMIN', { locale: 'en-US', is_admin: true });
    h.slack.addUser('U0MEMBER', { locale: 'en-US' });
    delivered.push(await cycle('2024-10-31T01:00:00.000Z', [LIKED, ...OLD]));
    answers.member = await slash('subscribe --channel liked 1', 'U0MEMBER');
    answers.admin = await slash('subscribe --channel liked 1', 'U0ADMIN');
    answers.like = await slash(`like ${LIKED.id}`, 'U0MEMBER');
    answers.list = await slash('subscriptions channel', 'U0MEMBER');
    delivered.push(await cycle('2024-10-31T02:00:00.000Z', [LIKED, ...OLD, ...UNRELATED, ...LIKE_IT]));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets an admin subscribe the channel, and lists it', () => {
    expect(answers.member).toContain('You don’t have permission to do this.');
    expect(answers.admin).toContain('papers like the ones this channel liked, at most 1 a day');
    expect(answers.admin).toContain('like some papers first');
    expect(answers.like).toContain('Quokka agents for tool use');
    expect(answers.list).toContain('#1. papers like the ones this channel liked (at most 1 a day)');
  });

  it('posts the one paper its cap allows, with the reason, as a valid chat.postMessage', () => {
    expect(delivered).toEqual([{ sent: 0, paused: 0, failed: 0 }, { sent: 1, paused: 0, failed: 0 }]);
    const messages = h.slackMessages(SLACK_CHANNEL);
    expect(messages).toHaveLength(1);
    const ids = arxivIds(messages[0]);
    expect(ids).toHaveLength(1);
    expect(LIKE_IT.map((p) => p.id)).toContain(ids[0]);
    const text = slackText(messages[0]!);
    expect(text).toContain('Papers like the ones this channel liked');
    expect(text).toMatch(/like \*?Quokka agents for tool use/);
    const posts = h.slack.requests.filter((r) => r.method === 'chat.postMessage' && r.params.channel === SLACK_CHANNEL);
    for (const p of posts) expect(validatePostMessage(p.params)).toBeUndefined();
  });
});
