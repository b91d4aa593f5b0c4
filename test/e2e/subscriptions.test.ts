/**
 * Topic subscriptions, end to end: the real bot ingests from the feed server (`bot.ingest()`, as
 * the ingest cron runs it) and then sends every subscriber one message for the cycle — a Discord
 * user by direct message (POST /users/@me/channels), a Slack channel, a Slack user by direct
 * message (conversations.open) — in the subscription's language, each paper once. A Discord user
 * who blocks DMs (50007) and a Slack user who left (user_not_found) get their subscriptions paused
 * while everyone else is still served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTopic, topicKey } from '../../src/core/topic.js';
import type { Subscription } from '../../src/db/subscription-store.js';
import { startFakeDiscord, validateMessage, type FakeMessage as DiscordMessage } from '../fakes/fake-discord.js';
import { startFakeSlack, validatePostMessage, type FakeMessage as SlackMessage } from '../fakes/fake-slack.js';
import { arxivIds, arxivRss, CHANNELS, discordText, FEED_PATHS, slackText, startHarness, type ArxivItem, type Harness } from './bot-harness.js';

const START = '2024-10-31T00:00:00.000Z';
const CYCLE1 = '2024-10-31T01:00:00.000Z';
const CYCLE2 = '2024-10-31T02:00:00.000Z';
const CYCLE3 = '2024-10-31T03:00:00.000Z';
const THU = 'Thu, 31 Oct 2024 00:00:00 -0400';

/** Subscribers: Discord users by id, the Japanese Slack channel of the harness, Slack users. */
const DISCORD_KO_USER = '1400000000000000001';
const DISCORD_BLOCKING_USER = '1400000000000000002';
const SLACK_CHANNEL = CHANNELS.slackJa.channel;
const SLACK_USER = 'U0READER001';
const SLACK_GONE_USER = 'U0GONE00001';

// Made-up words no fixture paper contains, so the fixtures served alongside match nothing.
function item(id: string, title: string, abstract: string): ArxivItem {
  return { id, title, abstract, authors: 'Ada Lovelace, Alan Turing', categories: ['cs.AI', 'cs.LG'], pubDate: THU };
}
const Q1 = item('2410.24001', 'Quokka Agents for Tool Use', 'We teach small agents to call tools reliably.');
const QW = item('2410.24002', 'Wombat-Guided Quokka Planning', 'A planner and a critic share one memory.');
const W1 = item('2410.24003', 'Wombat Memory for Long Contexts', 'A compressed memory for long documents.');
const NONE = item('2410.24004', 'Sparse Attention Revisited', 'Nothing here matches any topic of this test.');
const Q3 = item('2410.24005', 'Quokka and Wombat Swarms', 'Many small agents cooperate on one task.');

const CYCLE1_FEED = arxivRss([Q1, QW, W1, NONE], THU);
/** Cycle 2: arXiv lists the first papers again and one new paper that matches every topic. */
const CYCLE2_FEED = arxivRss([Q1, QW, W1, NONE, Q3], THU);

let h: Harness;

function subscribe(platform: 'discord' | 'slack', scope: 'me' | 'channel', target: string, text: string, locale: string): void {
  const topic = parseTopic(text);
  const id = h.bot.stores.subscriptions.add({
    platform,
    scope,
    target,
    topic: topicKey(topic),
    topicJson: JSON.stringify(topic),
    locale,
    createdBy: scope === 'me' ? target : 'U0ADMIN0001',
    now: h.clock.now().toISOString(),
  });
  expect(id).toBeDefined();
}

/** Serves this arXiv feed and runs the bot's ingest (and subscription delivery) at `at`. */
async function cycle(at: string, feed = CYCLE1_FEED): Promise<unknown> {
  h.clock.set(at);
  h.feeds.setRoute(FEED_PATHS['arxiv-cs.AI'], feed);
  const before = h.logs.length;
  await h.bot.ingest();
  const lines = h.logs.slice(before);
  expect(lines.filter((l) => l.msg === 'ingest run failed')).toEqual([]);
  return lines.find((l) => l.msg === 'subscriptions delivered')?.subscriptions;
}

const discordDm = (user: string): DiscordMessage[] => {
  const id = h.discord.dmChannel(user);
  return id ? h.discordMessages(id) : [];
};
const slackDm = (user: string): SlackMessage[] => {
  const id = h.slack.dmChannel(user);
  return id ? h.slackMessages(id) : [];
};
const subsOf = (platform: 'discord' | 'slack', scope: 'me' | 'channel', target: string): Subscription[] =>
  h.bot.stores.subscriptions.list(platform, scope, target);

/** Every Discord create-message body the bot sent into this channel (whether or not Discord took it). */
const discordBodies = (channel: string | undefined): unknown[] =>
  h.discord.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${channel}/messages`).map((r) => r.body);
const slackPosts = (channel: string | undefined): Record<string, unknown>[] =>
  h.slack.requests.filter((r) => r.method === 'chat.postMessage' && r.params.channel === channel).map((r) => r.params);

const sorted = (list: string[]): string[] => [...list].sort();
/** English UI strings that must not show in a Korean or Japanese message. */
const ENGLISH_UI = ['New papers on your topics', 'new papers for', 'new paper for', 'Authors', 'Abstract', 'Categories'];

describe('topic subscriptions, delivered after every ingest', () => {
  const delivered: unknown[] = [];

  beforeAll(async () => {
    h = await startHarness({ start: START });
    h.slack.addUser(SLACK_USER, { name: 'reader' });
    h.discord.blockDms(DISCORD_BLOCKING_USER);
    subscribe('discord', 'me', DISCORD_KO_USER, 'quokka', 'ko');
    subscribe('discord', 'me', DISCORD_BLOCKING_USER, 'quokka', 'en');
    subscribe('discord', 'me', DISCORD_BLOCKING_USER, 'wombat', 'en');
    subscribe('slack', 'channel', SLACK_CHANNEL, 'wombat', 'ja');
    subscribe('slack', 'me', SLACK_USER, 'quokka', 'en');
    subscribe('slack', 'me', SLACK_GONE_USER, 'wombat', 'en');
    delivered.push(await cycle(CYCLE1, CYCLE1_FEED));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('cycle 1: one Korean DM to the Discord user listing exactly the matching papers', () => {
    const dm = discordDm(DISCORD_KO_USER);
    expect(dm).toHaveLength(1);
    expect(sorted(arxivIds(dm[0]))).toEqual(sorted([Q1.id, QW.id]));
    const text = discordText(dm[0]!);
    expect(text).toContain('구독한 주제의 새 논문');
    expect(text).toContain('새 논문 2편');
    expect(text).toContain('Quokka Agents for Tool Use');
    expect(text).toContain('Wombat-Guided Quokka Planning');
    for (const word of ENGLISH_UI) expect(text).not.toContain(word);
    // The DM channel was opened for this user, and the bot posted nothing into the guild channels.
    const opens = h.discord.requests.filter((r) => r.method === 'POST' && r.path === '/api/v10/users/@me/channels');
    expect(opens.map((r) => r.body)).toContainEqual({ recipient_id: DISCORD_KO_USER });
    expect(h.discordMessages(CHANNELS.discordKo.channel)).toEqual([]);
  });

  it('cycle 1: one Japanese message to the Slack channel, and one DM to the Slack user', () => {
    const channel = h.slackMessages(SLACK_CHANNEL);
    expect(channel).toHaveLength(1);
    expect(sorted(arxivIds(channel[0]))).toEqual(sorted([QW.id, W1.id]));
    const ja = slackText(channel[0]!);
    expect(ja).toContain('購読トピックの新着論文');
    expect(ja).toContain('新着論文 2件');
    for (const word of ENGLISH_UI) expect(ja).not.toContain(word);

    const dm = slackDm(SLACK_USER);
    expect(h.slack.dmChannel(SLACK_USER)).toMatch(/^D/);
    expect(dm).toHaveLength(1);
    expect(sorted(arxivIds(dm[0]))).toEqual(sorted([Q1.id, QW.id]));
    expect(slackText(dm[0]!)).toContain('New papers on your topics');
  });

  it('cycle 1: a Discord user who blocks DMs, and a Slack user who is gone, are paused; the rest is served', () => {
    expect(delivered[0]).toEqual({ sent: 3, paused: 2, failed: 0 });
    // The bot tried the blocked user's DM channel once and Discord refused it.
    const blockedDm = h.discord.dmChannel(DISCORD_BLOCKING_USER);
    expect(blockedDm).toBeDefined();
    expect(discordBodies(blockedDm)).toHaveLength(1);
    expect(discordDm(DISCORD_BLOCKING_USER)).toEqual([]);
    expect(subsOf('discord', 'me', DISCORD_BLOCKING_USER).map((s) => s.pausedReason)).toEqual(['cannot_dm', 'cannot_dm']);
    expect(subsOf('slack', 'me', SLACK_GONE_USER).map((s) => s.pausedReason)).toEqual(['user_not_found']);
    expect(h.slack.dmChannel(SLACK_GONE_USER)).toBeUndefined();
    const active = h.bot.stores.subscriptions.active().map((s) => `${s.platform}:${s.scope}:${s.target}`);
    expect(sorted(active)).toEqual(sorted([`discord:me:${DISCORD_KO_USER}`, `slack:channel:${SLACK_CHANNEL}`, `slack:me:${SLACK_USER}`]));
    expect(h.logs.filter((l) => l.msg === 'subscriber unreachable; subscriptions paused').map((l) => l.reason)).toEqual(
      expect.arrayContaining(['cannot_dm', 'user_not_found']),
    );
  });

  describe('cycle 2, one more matching paper; cycle 3, nothing new', () => {
    beforeAll(async () => {
      delivered.push(await cycle(CYCLE2, CYCLE2_FEED));
      delivered.push(await cycle(CYCLE3, CYCLE2_FEED));
    }, 60_000);

    it('sends each reachable subscriber one more message with only the new paper, and nothing on an empty cycle', () => {
      expect(delivered.slice(1)).toEqual([
        { sent: 3, paused: 0, failed: 0 },
        { sent: 0, paused: 0, failed: 0 },
      ]);
      const byMessage = (list: (DiscordMessage | SlackMessage)[]) => list.map((m) => arxivIds(m));
      expect(byMessage(discordDm(DISCORD_KO_USER))).toEqual([expect.arrayContaining([Q1.id, QW.id]), [Q3.id]]);
      expect(byMessage(h.slackMessages(SLACK_CHANNEL))).toEqual([expect.arrayContaining([QW.id, W1.id]), [Q3.id]]);
      expect(byMessage(slackDm(SLACK_USER))).toEqual([expect.arrayContaining([Q1.id, QW.id]), [Q3.id]]);
      const second = discordText(discordDm(DISCORD_KO_USER)[1]!);
      expect(second).toContain('새 논문 1편');
      expect(second).toContain('Quokka and Wombat Swarms');
      expect(slackText(h.slackMessages(SLACK_CHANNEL)[1]!)).toContain('新着論文 1件');
    });

    it('never sends a paper twice to a subscriber', () => {
      for (const list of [discordDm(DISCORD_KO_USER), h.slackMessages(SLACK_CHANNEL), slackDm(SLACK_USER)]) {
        const ids = list.flatMap((m) => arxivIds(m));
        expect(ids).toEqual([...new Set(ids)]);
      }
      // Same DM channel every cycle.
      expect(new Set(discordDm(DISCORD_KO_USER).map((m) => m.channel_id)).size).toBe(1);
    });

    it('leaves paused subscribers alone: no further attempt, still paused', () => {
      expect(discordBodies(h.discord.dmChannel(DISCORD_BLOCKING_USER))).toHaveLength(1);
      expect(h.slack.requests.filter((r) => r.method === 'conversations.open' && r.params.users === SLACK_GONE_USER)).toHaveLength(1);
      expect(subsOf('discord', 'me', DISCORD_BLOCKING_USER).every((s) => s.pausedReason === 'cannot_dm')).toBe(true);
      expect(subsOf('slack', 'me', SLACK_GONE_USER)[0]?.pausedReason).toBe('user_not_found');
    });

    it('sent only messages the platforms take: Discord create-message bodies and Slack chat.postMessage arguments are valid', () => {
      const bodies = [...discordBodies(h.discord.dmChannel(DISCORD_KO_USER)), ...discordBodies(h.discord.dmChannel(DISCORD_BLOCKING_USER))];
      expect(bodies).toHaveLength(3);
      for (const b of bodies) expect(validateMessage(b)).toBeUndefined();
      const posts = [...slackPosts(SLACK_CHANNEL), ...slackPosts(h.slack.dmChannel(SLACK_USER))];
      expect(posts).toHaveLength(4);
      for (const p of posts) expect(validatePostMessage(p)).toBeUndefined();
    });
  });
});

describe('the fakes answer direct messages as the platforms do', () => {
  it('Discord: POST /users/@me/channels gives a stable type-1 channel; a user who blocks DMs answers 403 50007', async () => {
    const discord = await startFakeDiscord();
    try {
      const call = async (path: string, body: unknown) => {
        const res = await fetch(`${discord.apiUrl}/v10${path}`, {
          method: 'POST',
          headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const first = await call('/users/@me/channels', { recipient_id: DISCORD_KO_USER });
      expect(first).toMatchObject({ status: 200, body: { type: 1, recipients: [{ id: DISCORD_KO_USER }] } });
      const again = await call('/users/@me/channels', { recipient_id: DISCORD_KO_USER });
      expect(again.body.id).toBe(first.body.id);
      expect(discord.dmChannel(DISCORD_KO_USER)).toBe(first.body.id);
      expect((await call('/users/@me/channels', { recipient_id: 'nobody' })).status).toBe(400);

      const dm = String(first.body.id);
      const sent = await call(`/channels/${dm}/messages`, { content: 'hello' });
      expect(sent).toMatchObject({ status: 200, body: { channel_id: dm, content: 'hello' } });
      expect(sent.body.guild_id).toBeUndefined();
      expect(discord.channels.get(dm)?.map((m) => m.content)).toEqual(['hello']);

      discord.blockDms(DISCORD_KO_USER);
      expect(await call(`/channels/${dm}/messages`, { content: 'again' })).toEqual({
        status: 403,
        body: { message: 'Cannot send messages to this user', code: 50007 },
      });
      expect(discord.channels.get(dm)).toHaveLength(1);
    } finally {
      await discord.close();
    }
  });

  it('Slack: conversations.open gives a stable D… channel for a known user, user_not_found otherwise', async () => {
    const slack = await startFakeSlack({ users: { [SLACK_USER]: {} } });
    try {
      const call = async (method: string, params: Record<string, string>) => {
        const res = await fetch(`${slack.apiUrl}${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(params),
        });
        return (await res.json()) as Record<string, unknown>;
      };
      const first = await call('conversations.open', { users: SLACK_USER });
      expect(first).toMatchObject({ ok: true, channel: { id: expect.stringMatching(/^D/) as unknown } });
      const id = (first.channel as { id: string }).id;
      expect(await call('conversations.open', { users: SLACK_USER })).toMatchObject({ ok: true, already_open: true, channel: { id } });
      expect(slack.dmChannel(SLACK_USER)).toBe(id);
      expect(await call('conversations.open', { users: SLACK_GONE_USER })).toEqual({ ok: false, error: 'user_not_found' });
      expect(await call('chat.postMessage', { channel: id, text: 'hello' })).toMatchObject({ ok: true, channel: id });
      expect(slack.messages.get(id)?.map((m) => m.text)).toEqual(['hello']);
    } finally {
      await slack.close();
    }
  });
});
