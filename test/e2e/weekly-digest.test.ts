/**
 * The weekly digest end to end on the fake Discord: a channel with daily and weekly digests gets
 * its daily ones, its members click 👍 on the cards during the week (INTERACTION_CREATE over the
 * fake gateway) and discuss one paper in its thread (MESSAGE_CREATE), and Monday's weekly digest
 * ranks the papers by those, each with its counts. The
 * weekly send fails half-way (Discord 502s), the bot is restarted, and the digest is finished from
 * the outbox: every message once, and nothing more however often the clock ticks or the bot restarts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage as DiscordMessage, Json } from '../fakes/fake-discord.js';
import { arxivRss, idsIn, startHarness, type ChannelYaml, type Harness, type Received } from './bot-harness.js';
import { eventually } from '../helpers/eventually.js';

const CHANNEL: ChannelYaml = { platform: 'discord', channel: '1300000000000000007', locale: 'en', time: '08:00', timezone: 'UTC', layout: 'thread', maxPapers: 4, cadence: 'both', weekly: { weekday: 'mon', time: '09:00' } };
const GUILD = '1100000000000000007';
const THU = 'Thu, 31 Oct 2024 00:00:00 -0400';
const item = (id: string, title: string) => ({ id, title, abstract: `${title}: made up for the weekly digest test.`, authors: 'Ada Lovelace', categories: ['cs.AI'], pubDate: THU });
const BAD_GATEWAY = { status: 502, body: { message: '502: Bad Gateway', code: 0 } };
const CREATE_MESSAGE = /\/channels\/\d+\/messages$/;

let h: Harness;
let seq = 0;

/** The paper ids of a message's 👍 buttons, in order. */
function upButtons(m: Received): number[] {
  return [...JSON.stringify((m.raw as DiscordMessage).components ?? []).matchAll(/"pb1:up:(\d+)"/g)].map((x) => Number(x[1]));
}

/**
 * A member clicks a paper card's button (a message-component interaction, as Discord sends it) and
 * gets the ephemeral answer: 👍 by default, on a made-up message in the channel; or on `card`, a
 * message the bot posted in a digest's thread.
 */
async function like(paperId: number, user: string, verb = 'up', card?: DiscordMessage): Promise<void> {
  seq++;
  const member = { user: { id: user, username: `reader${user.slice(-2)}`, discriminator: '0', global_name: null, avatar: null }, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '0' };
  const message = card ?? { id: String(1400000000000000000n + BigInt(seq)), channel_id: CHANNEL.channel, type: 0, author: { id: h.discord.bot.id, username: 'paperboy', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: '', embeds: [], components: [], flags: 0, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false };
  const channel = card ? { id: String(card.channel_id), type: 11, guild_id: GUILD, parent_id: CHANNEL.channel, name: 'digest' } : { id: CHANNEL.channel, type: 0, guild_id: GUILD, name: 'papers' };
  // 2048 (Send Messages), plus for threads 1 << 35 (Create Public Threads) and 1 << 38 (Send Messages in Threads).
  const payload: Json = { id: String(1300000000000000000n + BigInt(seq)), application_id: h.discord.bot.id, type: 3, data: { custom_id: `pb1:${verb}:${paperId}`, component_type: 2 }, token: `weekly-${seq}`, version: 1,
    locale: 'en-US', app_permissions: String(2048n | (1n << 35n) | (1n << 38n)), entitlements: [], authorizing_integration_owners: {}, guild_id: GUILD, channel_id: channel.id, guild_locale: 'en-US', context: 0,
    channel, message, member };
  h.discord.dispatch('INTERACTION_CREATE', payload);
  await eventually(() => h.discord.interactionCallbacks.some((c) => c.token === payload.token), 'the answer to the click');
}

/** The weekly digest's messages: its header and the thread under it. */
function weekly(): Received[] {
  const all = h.received(CHANNEL);
  const start = all.findIndex((m) => m.text.startsWith('**📰 Weekly Papers'));
  if (start < 0) return [];
  const end = all.findIndex((m, i) => i > start && !m.inThread);
  return all.slice(start, end < 0 ? undefined : end);
}

const arxivOf = (id: number) => h.bot.stores.reader.getById(id)!.arxivId;

const repliesRecorded = () => h.bot.stores.db.prepare('SELECT count(*) FROM discuss_replies').pluck().get() as number;

/** Someone writes in a thread (MESSAGE_CREATE over the gateway); waits until the bot has recorded it when it counts (events arrive in order, so a later one that counts shows the earlier was handled). */
async function write(thread: string, user: string, counts = true, bot = false): Promise<string> {
  const before = repliesRecorded();
  const message = h.discord.say(thread, { id: user, bot }, '', []);
  if (counts) await eventually(() => (repliesRecorded() > before ? true : undefined));
  return String(message.id);
}

describe('a week of clicks, then the weekly digest', () => {
  let mostLiked: number;
  let likedOnce: number;
  let discussed: number;
  let discussion: string;
  let pendingAfterFailure: unknown;
  let beforeRestart = 0;

  beforeAll(async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z', channels: [CHANNEL] });
    await h.publish({});
    await h.tickAt('2024-10-30T08:00:00Z');
    // Wednesday's daily digest: the header and four cards, by votes; its last card is the least voted shown.
    const wednesday = h.received(CHANNEL).flatMap(upButtons);
    mostLiked = wednesday.at(-1)!;
    h.clock.set('2024-10-30T10:00:00Z');
    await like(mostLiked, '2000000000000000001');
    await like(mostLiked, '2000000000000000002');
    h.clock.set('2024-10-30T18:00:00Z');
    await h.publish({ 'arxiv-cs.AI': arxivRss([item('2410.23201', 'Weekly Ranking of Research Digests'), item('2410.23202', 'Counting Clicks Without Counting Twice')], THU) });
    await h.tickAt('2024-10-31T08:00:00Z');
    const thursday = h.received(CHANNEL).flatMap(upButtons).filter((id) => !wednesday.includes(id));
    likedOnce = thursday.at(-1)!;
    h.clock.set('2024-11-01T12:00:00Z');
    await like(mostLiked, '2000000000000000003');
    await like(likedOnce, '2000000000000000001');
    // The same person clicking again changes nothing.
    await like(likedOnce, '2000000000000000001');
    // Wednesday's first card (nobody liked it) is discussed: 💬 on the card in the digest's thread opens a thread in the channel.
    discussed = wednesday[0]!;
    const card = h.received(CHANNEL).find((m) => upButtons(m)[0] === discussed)!.raw as DiscordMessage;
    await like(discussed, '2000000000000000004', 'discuss', card);
    const key = h.bot.stores.reader.getById(discussed)!.key;
    discussion = await eventually(() => h.bot.stores.discuss.threadFor('discord', CHANNEL.channel, key)?.thread);
    // The bot's own message (as Discord sends it) does not count; then five by two people, one deleted again.
    await write(discussion, h.discord.bot.id, false, true);
    for (const user of ['2000000000000000004', '2000000000000000005', '2000000000000000004', '2000000000000000005']) await write(discussion, user);
    const deleted = await write(discussion, '2000000000000000005');
    h.discord.unsay(discussion, deleted);
    await eventually(() => (repliesRecorded() === 4 ? true : undefined));
    await h.tickAt('2024-11-04T08:00:00Z');
    // Monday 09:00: the weekly digest; the third message (the second card) fails four times (the request and discord.js's three retries).
    for (let i = 0; i < 4; i++) h.discord.failNext(CREATE_MESSAGE, BAD_GATEWAY, { skip: i === 0 ? 2 : 0 });
    pendingAfterFailure = (await h.tickAt('2024-11-04T09:00:00Z')).results;
    beforeRestart = weekly().length;
    await h.stop();
    await h.start();
    await h.tickAt('2024-11-04T09:01:00Z');
  }, 40_000);

  afterAll(async () => {
    await h?.close();
  });

  it('stops the weekly digest half-way when Discord fails, and finishes it after a restart', () => {
    expect(pendingAfterFailure).toEqual([{ channel: CHANNEL.channel, date: '2024-W45', kind: 'weekly', outcome: 'pending' }]);
    // The header and the first card; the second card is what failed.
    expect(beforeRestart).toBe(2);
    const channel = h.bot.stores.channels.find(CHANNEL.channel)!;
    expect(h.bot.stores.digests.getWeekly(channel.id, '2024-W45')).toMatchObject({ state: 'sent', kind: 'weekly', local_date: '2024-11-04' });
  });

  it('ranks the most liked paper first, then the discussed one (four replies count as two 👍), then the one liked once, each with its counts', () => {
    const messages = weekly();
    expect(messages[0]!.text).toBe('**📰 Weekly Papers — Oct 28, 2024 – Nov 4, 2024**\n10 new papers this week');
    const cards = messages.slice(1).filter((m) => upButtons(m).length > 0);
    expect(cards.map((m) => upButtons(m)[0])).toHaveLength(4);
    expect(upButtons(cards[0]!)).toEqual([mostLiked]);
    expect(cards[0]!.text).toContain('3 👍');
    expect(upButtons(cards[1]!)).toEqual([discussed]);
    expect(cards[1]!.text).toContain('thread with 4 replies');
    expect(cards[1]!.text).not.toMatch(/\d 👍/);
    expect(upButtons(cards[2]!)).toEqual([likedOnce]);
    expect(cards[2]!.text).toContain('1 👍');
    expect(cards.slice(3).some((m) => m.text.includes('👍,') || /\d 👍/.test(m.text) || m.text.includes('thread with'))).toBe(false);
    expect(idsIn(cards)).toEqual([arxivOf(mostLiked), arxivOf(discussed), arxivOf(likedOnce), ...idsIn(cards.slice(3))]);
  });

  it('posts every message of the weekly digest once: as many Discord messages as outbox rows, each paper once', () => {
    const messages = weekly();
    const channel = h.bot.stores.channels.find(CHANNEL.channel)!;
    const digest = h.bot.stores.digests.getWeekly(channel.id, '2024-W45')!;
    expect(messages).toHaveLength(h.bot.stores.digests.deliveries(digest.id).length);
    const ids = idsIn(messages);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('posts nothing more for the week however often it ticks, across another restart', async () => {
    const before = h.received(CHANNEL).length;
    for (const at of ['2024-11-04T09:02:00Z', '2024-11-04T12:00:00Z']) await h.tickAt(at);
    await h.stop();
    await h.start();
    await h.tickAt('2024-11-04T14:00:00Z');
    expect(h.received(CHANNEL)).toHaveLength(before);
    expect(h.received(CHANNEL).filter((m) => m.text.startsWith('**📰 Weekly Papers'))).toHaveLength(1);
  });
});
