/**
 * 👍 / 👎 / "more like this" on Discord end to end: a real discord.js client logged in to the fake
 * Discord, clicks delivered as INTERACTION_CREATE (message components) and reactions as
 * MESSAGE_REACTION_ADD / REMOVE over the fake gateway, votes read back from the feedback store.
 */
import { Routes, type Client } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachInteractionHandler } from '../../src/adapters/discord/commands/interaction-handler.js';
import { createDiscordClient, loginDiscord } from '../../src/adapters/discord/discord-client.js';
import { attachReactionVotes } from '../../src/adapters/discord/reaction-votes.js';
import { renderDiscordDigest } from '../../src/adapters/discord/render-digest.js';
import type { PaperCard } from '../../src/core/digest-model.js';
import type { ProfileRef } from '../../src/core/personal-ranking/profile-ref.js';
import { createRankDocReader } from '../../src/db/rank-doc-reader.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord, type Json } from '../fakes/fake-discord.js';
import { setupCommands } from '../pipeline/command-setup.js';
import { paper } from '../pipeline/digest-setup.js';
import { eventually } from '../helpers/eventually.js';

const GUILD = '1100000000000000001';
const GUILD_B = '1100000000000000002';
const CHANNEL = '111111111111111111';
const CHANNEL_B = '111111111111111112';
const USER = { id: '222222222222222222', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
const OTHER = '222222222222222223';

let fake: FakeDiscord;
let client: Client;
let t: ReturnType<typeof setupCommands>;
let detach: (() => void)[] = [];
let seq = 0;
let lookups = 0;
let dense: number;
let robot: number;
let lookAlike: number;

beforeAll(async () => {
  // Several digests are posted into one channel here: a roomier per-channel limit than Discord's 5 per 5 s.
  fake = await startFakeDiscord({ routeLimit: { limit: 100, windowMs: 1000 } });
  fake.addChannel(CHANNEL, { guildId: GUILD });
  fake.addChannel(CHANNEL_B, { guildId: GUILD_B });
  t = setupCommands();
  dense = t.stores.reader.getByKey('arxiv:2410.20001')!.id;
  robot = t.stores.reader.getByKey('arxiv:2410.20002')!.id;
  t.stores.ingest.applyEntries('arxiv', 'arxiv-rss', [paper(3, 1, { announcedOn: '2024-10-29', title: 'Dense retrieval feedback for search', abstract: 'Dense retrieval with relevance feedback improves search.' })], '2024-10-29T03:00:00Z');
  lookAlike = t.stores.reader.getByKey('arxiv:2410.20003')!.id;
  client = createDiscordClient({ apiUrl: fake.apiUrl, log: silentLogger(), rest: { retries: 0, timeout: 2000 } });
  await loginDiscord(client, fake.token, 5000);
  detach = [
    attachInteractionHandler(client, t.deps, silentLogger()),
    attachReactionVotes(client, (id) => (lookups++, t.stores.outbox.papersOfMessage(id)), t.deps, silentLogger()),
  ];
});

// Every reply and every posted message must be a body Discord accepts (its OpenAPI schema, checked by the fake).
afterEach(() => {
  expect(fake.validationErrors.splice(0)).toEqual([]);
  t.stores.db.prepare('DELETE FROM feedback_events').run();
});

afterAll(async () => {
  for (const off of detach) off();
  await client?.destroy();
  await fake?.close();
  t?.stores.close();
});

type Where = { guild?: string; channel?: string; user?: typeof USER; ephemeralMessage?: boolean };

/** A message-component interaction as Discord sends it: the clicked message comes with it. */
function click(data: Json, { guild = GUILD, channel = CHANNEL, user = USER, ephemeralMessage = false }: Where = {}, id?: string) {
  seq++;
  const message = { id: String(1400000000000000000n + BigInt(seq)), channel_id: channel, type: 0, author: { id: fake.bot.id, username: 'paperboy', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: '', embeds: [], components: [], flags: ephemeralMessage ? 64 : 0, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false,
    mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false };
  return { id: id ?? String(1300000000000000000n + BigInt(seq)), application_id: fake.bot.id, type: 3, data, token: `token-${seq}`, version: 1, locale: 'ko',
    app_permissions: '2048', entitlements: [], authorizing_integration_owners: {}, guild_id: guild, channel_id: channel, guild_locale: 'ko', context: 0,
    channel: { id: channel, type: 0, guild_id: guild, name: 'papers' }, message,
    member: { user, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '0' } };
}
const button = (customId: string) => ({ custom_id: customId, component_type: 2 });
const select = (customId: string, value: string) => ({ custom_id: customId, component_type: 3, values: [value] });

type Callback = { type: number; data?: Json & { flags?: number; content?: string; embeds?: Json[]; components?: { components: Json[] }[] } };
async function send(payload: ReturnType<typeof click>): Promise<Callback> {
  fake.dispatch('INTERACTION_CREATE', payload);
  return (await eventually(() => fake.interactionCallbacks.find((c) => c.token === payload.token))).body as Callback;
}

const channelRef = (channel = CHANNEL): ProfileRef => ({ kind: 'channel', platform: 'discord', channel });
const personRef = (workspace = GUILD, user = USER.id): ProfileRef => ({ kind: 'person', platform: 'discord', workspace, user });
const votes = (ref: ProfileRef) => t.deps.relevance!.feedback.votes(ref).map((v) => [v.paperId, v.value]);
const events = () => t.stores.db.prepare('SELECT count(*) FROM feedback_events').pluck().get() as number;

describe('paper buttons and selects on Discord', () => {
  it('records a 👍 click for the channel and the person, and answers ephemerally in Korean with an undo', async () => {
    const answer = await send(click(button(`pb1:up:${robot}`)));
    expect(answer).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Robot grasping at scale') } });
    expect(answer.data?.content).toMatch(/[\uac00-\ud7a3]/);
    expect(answer.data?.components?.[0]?.components).toEqual([{ type: 2, style: 4, label: '취소', custom_id: `pb1:undo:${robot}` }]);
    expect(votes(channelRef())).toEqual([[robot, 1]]);
    expect(votes(personRef())).toEqual([[robot, 1]]);
  });

  it('records one vote when the same interaction is delivered twice, and one per person under a double click', async () => {
    const first = click(button(`pb1:up:${dense}`));
    await send(first);
    await send({ ...first, token: `${first.token}-again` });
    expect(events()).toBe(1);
    await send(click(button(`pb1:up:${dense}`)));
    expect(t.deps.relevance!.feedback.votes(channelRef())).toEqual([expect.objectContaining({ paperId: dense, value: 1, up: 1, down: 0 })]);
  });

  it('lets the last vote win and undoes in place from the confirmation', async () => {
    await send(click(select('pb1:menu:vote', `pb1:up:${dense}`)));
    await send(click(select('pb1:menu:vote', `pb1:down:${dense}`)));
    expect(votes(channelRef())).toEqual([[dense, -1]]);
    const undo = await send(click(button(`pb1:undo:${dense}`), { ephemeralMessage: true }));
    expect(undo.type).toBe(7); // UPDATE_MESSAGE: the confirmation becomes "undone"
    expect(undo.data?.content).toContain('Dense retrieval with feedback');
    expect(votes(channelRef())).toEqual([]);
    expect(votes(personRef())).toEqual([]);
  });

  it('keeps clicks from two servers apart: each server’s person profile and channel see only their own', async () => {
    await send(click(button(`pb1:up:${dense}`)));
    await send(click(button(`pb1:down:${robot}`), { guild: GUILD_B, channel: CHANNEL_B }));
    expect(votes(personRef(GUILD))).toEqual([[dense, 1]]);
    expect(votes(personRef(GUILD_B))).toEqual([[robot, -1]]);
    expect(votes(channelRef(CHANNEL))).toEqual([[dense, 1]]);
    expect(votes(channelRef(CHANNEL_B))).toEqual([[robot, -1]]);
  });

  it('answers a paper that is gone, a stale id and a foreign button clearly, recording nothing', async () => {
    const gone = await send(click(button('pb1:up:999999')));
    expect(gone).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('저장소에 없습니다') } });
    for (const id of ['pb2:vote:up:1', 'pb1:zap:1', 'someone-elses-button']) {
      const stale = await send(click(button(id)));
      expect(stale, id).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('다른 버전의 Paperboy') } });
    }
    const foreignMenu = await send(click(select('their-menu', `pb1:up:${dense}`)));
    expect(foreignMenu.data?.content).toContain('다른 버전의 Paperboy');
    expect(events()).toBe(0);
  });

  it('answers "more like this" after deferring, with cards, their reason and their own controls', async () => {
    const payload = click(select('pb1:menu:similar', `pb1:similar:${dense}`));
    expect(await send(payload)).toMatchObject({ type: 5, data: { flags: 64 } });
    const edit = (await eventually(() => fake.webhookCalls.find((c) => c.token === payload.token))).body as Json & { embeds: { title: string; description: string }[]; components: { components: Json[] }[] };
    expect(edit.content).toContain('Dense retrieval with feedback');
    expect(edit.embeds[0]!.title).toBe('Dense retrieval feedback for search');
    expect(edit.embeds[0]!.description).toMatch(/^\*[^*\n]+\*(\n\n|$)/); // the reason line, in italics, first
    expect(edit.components[0]!.components.map((c) => c.custom_id)).toEqual([`pb1:up:${lookAlike}`, `pb1:down:${lookAlike}`, `pb1:similar:${lookAlike}`, `pb1:save:${lookAlike}`, `pb1:discuss:${lookAlike}`]);
  });

  it('changes the channel’s order: after a 👍 on the paper with fewer votes, the relevance ranking puts it first', async () => {
    const candidates = createRankDocReader(t.stores.db).byIds([dense, robot]);
    expect(t.deps.relevance!.ranker.rank(channelRef(), candidates)).toBeUndefined(); // no profile yet: votes order (dense first)
    await send(click(button(`pb1:up:${robot}`)));
    const ranked = t.deps.relevance!.ranker.rank(channelRef(), candidates);
    expect(ranked?.[0]?.id).toBe(robot);
  });
});

describe('/papers like, dislike, similar and interests on Discord', () => {
  const command = (sub: string, options: Json[] = [], permissions = '0') => {
    const base = click({});
    return { ...base, type: 2, data: { id: '1200000000000000001', name: 'papers', type: 1, options: [{ type: 1, name: sub, options }] },
      member: { ...base.member, permissions } };
  };

  it('likes by arXiv id, lists it under the person’s interests, and removes it from there', async () => {
    const liked = await send(command('like', [{ type: 3, name: 'id', value: 'arXiv:2410.20002' }]));
    expect(liked).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Robot grasping at scale') } });
    expect(votes(personRef())).toEqual([[robot, 1]]);
    const listed = await send(command('interests'));
    expect(JSON.stringify(listed.data?.embeds)).toContain('Robot grasping at scale');
    await send(command('interests', [{ type: 3, name: 'remove', value: '2410.20002' }]));
    expect(votes(personRef())).toEqual([]);
  });

  it('dislikes, and refuses to clear the channel’s profile without Manage Channels', async () => {
    await send(command('dislike', [{ type: 3, name: 'id', value: '2410.20001' }]));
    expect(votes(channelRef())).toEqual([[dense, -1]]);
    const refused = await send(command('interests', [{ type: 5, name: 'channel', value: true }, { type: 5, name: 'clear', value: true }]));
    expect(refused.data?.content).toBe('이 작업을 할 권한이 없습니다.');
    await send(command('interests', [{ type: 5, name: 'channel', value: true }, { type: 5, name: 'clear', value: true }], String(1 << 4)));
    expect(votes(channelRef())).toEqual([]);
  });

  it('answers similar by id after deferring, and suggests papers for its id as the user types', async () => {
    const payload = command('similar', [{ type: 3, name: 'id', value: '2410.20001' }]);
    expect(await send(payload)).toMatchObject({ type: 5 });
    const edit = (await eventually(() => fake.webhookCalls.find((c) => c.token === payload.token))).body as { embeds: { title: string }[] };
    expect(edit.embeds[0]!.title).toBe('Dense retrieval feedback for search');
    const typed = { ...command('like', [{ type: 3, name: 'id', value: 'robot', focused: true }]), type: 4 };
    const choices = (await send(typed)).data?.choices as { value: string }[];
    expect(choices.map((c) => c.value)).toContain('2410.20002');
  });
});

/** Plans a digest for CHANNEL and posts its messages to the fake, as the outbox does; returns the posted ids. */
async function postDigest(cards: PaperCard[], layout: 'digest' | 'thread'): Promise<string[]> {
  const messages = renderDiscordDigest({ locale: 'ko', date: `2024-10-${30 + seq++}`, title: 'Daily Papers', intro: 'x', papers: cards }, layout);
  const channelId = t.stores.channels.find(CHANNEL)!.id;
  const digest = t.stores.digests.create({ channelId, localDate: `2024-11-${String(seq).padStart(2, '0')}`, slotAt: 'x', windowStart: 'x', windowEnd: 'x', state: 'planned', paperIds: [],
    deliveries: messages.map((m, i) => ({ key: `k${seq}-${i}`, body: m.body, ...(m.paperIds ? { paperIds: m.paperIds } : {}) })), now: 'x' })!;
  const ids: string[] = [];
  for (const [i, row] of t.stores.digests.deliveries(digest).entries()) {
    const { paperboy_thread_name: _name, ...body } = messages[i]!.body;
    const posted = (await client.rest.post(Routes.channelMessages(CHANNEL), { body })) as { id: string };
    t.stores.outbox.markSent(row.id, posted.id, 'x');
    ids.push(posted.id);
  }
  return ids;
}

const cardOf = (paperId: number, title: string): PaperCard => ({ key: `k${paperId}`, paperId, title, url: 'https://arxiv.org/abs/2410.20001', facts: [], links: [] });

/** The guild as Discord sends it on connect (GUILD_CREATE), with CHANNEL and a digest thread in it, so discord.js knows the thread's parent. */
function guildCreate(thread: string) {
  const channel = { id: CHANNEL, type: 0, guild_id: GUILD, name: 'papers', position: 0, permission_overwrites: [], flags: 0 };
  const threadObject = { id: thread, type: 11, guild_id: GUILD, parent_id: CHANNEL, owner_id: fake.bot.id, name: 'Daily Papers', flags: 0, last_message_id: null,
    rate_limit_per_user: 0, message_count: 1, member_count: 1,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } };
  return { id: GUILD, name: 'Lab', icon: null, owner_id: USER.id, afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0,
    roles: [], emojis: [], stickers: [], features: [], mfa_level: 0, system_channel_flags: 0, premium_tier: 0, preferred_locale: 'ko', nsfw_level: 0,
    unavailable: false, member_count: 2, large: false, joined_at: '2024-01-01T00:00:00.000000+00:00', members: [], presences: [], voice_states: [],
    channels: [channel], threads: [threadObject], stage_instances: [], guild_scheduled_events: [] };
}

describe('clicks and reactions inside a digest thread', () => {
  it('count for the channel the digest was posted in', async () => {
    const thread = '111111111111119999';
    fake.addChannel(thread, { guildId: GUILD, kind: 'thread' });
    fake.dispatch('GUILD_CREATE', guildCreate(thread));
    await eventually(() => (client.channels.cache.get(thread)?.isThread() ? true : undefined));
    await send(click(button(`pb1:up:${robot}`), { channel: thread }));
    expect(votes(channelRef(CHANNEL))).toEqual([[robot, 1]]);
    expect(votes(channelRef(thread))).toEqual([]);
    const [, paper] = await postDigest([cardOf(dense, 'Dense retrieval')], 'thread');
    fake.react('add', { userId: USER.id, channelId: thread, messageId: paper!, emoji: '👎' });
    await eventually(() => (votes(channelRef(CHANNEL)).length === 2 ? true : undefined));
    expect(votes(channelRef(CHANNEL))).toEqual([[robot, 1], [dense, -1]]);
  });
});

describe('reactions on Discord', () => {
  it('counts 👍 on a one-paper message as a vote and its removal as an undo; ignores bots, other emoji and multi-paper messages', async () => {
    const [header, paper] = await postDigest([cardOf(robot, 'Robot grasping at scale')], 'thread');
    fake.react('add', { userId: USER.id, channelId: CHANNEL, messageId: paper!, emoji: '👍' });
    await eventually(() => (votes(channelRef()).length ? true : undefined));
    expect(votes(personRef())).toEqual([[robot, 1]]);
    const before = lookups;
    fake.react('add', { userId: OTHER, channelId: CHANNEL, messageId: paper!, emoji: '👍', bot: true });
    fake.react('add', { userId: OTHER, channelId: CHANNEL, messageId: paper!, emoji: '🎉' });
    fake.react('add', { userId: OTHER, channelId: CHANNEL, messageId: header!, emoji: '👍' });
    const [several] = await postDigest([cardOf(robot, 'Robot'), cardOf(dense, 'Dense')], 'digest');
    fake.react('add', { userId: OTHER, channelId: CHANNEL, messageId: several!, emoji: '👎' });
    fake.react('add', { userId: OTHER, channelId: CHANNEL, messageId: '1500000000000000001', emoji: '👍', authorId: USER.id }); // someone's own message
    fake.react('remove', { userId: USER.id, channelId: CHANNEL, messageId: paper!, emoji: '👍' });
    await eventually(() => (votes(channelRef()).length ? undefined : true));
    expect(events()).toBe(2); // the add and its undo; nothing from the bot, the 🎉, the header or the two-paper message
    // The header's 👍, the two-paper message's 👎 and the removal; the bot, the 🎉 and a person's own message are dropped before any lookup.
    expect(lookups - before).toBe(3);
  });

  it('leaves a 👎 standing when the earlier 👍 is removed after it', async () => {
    const [, paper] = await postDigest([cardOf(dense, 'Dense retrieval')], 'thread');
    fake.react('add', { userId: USER.id, channelId: CHANNEL, messageId: paper!, emoji: '👍' });
    fake.react('add', { userId: USER.id, channelId: CHANNEL, messageId: paper!, emoji: '👎' });
    await eventually(() => (votes(channelRef())[0]?.[1] === -1 ? true : undefined));
    fake.react('remove', { userId: USER.id, channelId: CHANNEL, messageId: paper!, emoji: '👍' });
    fake.react('add', { userId: OTHER, channelId: CHANNEL, messageId: paper!, emoji: '👍' }); // a marker that the remove was handled
    await eventually(() => (events() === 3 ? true : undefined));
    expect(votes(personRef())).toEqual([[dense, -1]]);
  });
});
