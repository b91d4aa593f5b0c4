/**
 * `/papers` on Discord end to end: a real discord.js client logged in to the fake Discord, the
 * interaction handler attached, interactions delivered over the fake gateway, and what the bot
 * sent back read from the fake's interaction callbacks and webhook calls.
 */
import type { Client } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachInteractionHandler } from '../../src/adapters/discord/commands/interaction-handler.js';
import { createDiscordClient, loginDiscord } from '../../src/adapters/discord/discord-client.js';
import { registerCommandsCommand } from '../../src/cli/commands/register-commands.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord, type Json } from '../fakes/fake-discord.js';
import { setupCommands } from '../pipeline/command-setup.js';
import { eventually } from '../helpers/eventually.js';

const GUILD = '1100000000000000001';
const CHANNEL = '111111111111111111';
const USER = { id: '222222222222222222', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
const MANAGE_CHANNELS = String(1 << 4);
const HANGUL = /[\uac00-\ud7a3]/;

let fake: FakeDiscord;
let client: Client;
let t: ReturnType<typeof setupCommands>;
let detach: () => void;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeDiscord();
  fake.addChannel(CHANNEL, { guildId: GUILD });
  t = setupCommands();
  client = createDiscordClient({ apiUrl: fake.apiUrl, log: silentLogger(), rest: { retries: 0, timeout: 2000 } });
  await loginDiscord(client, fake.token, 5000);
  detach = attachInteractionHandler(client, t.deps, silentLogger());
});

// Every reply, edit and registration must be a body Discord accepts (its OpenAPI schema, checked by the fake).
afterEach(() => expect(fake.validationErrors.splice(0)).toEqual([]));

afterAll(async () => {
  detach?.();
  await client?.destroy();
  await fake?.close();
  t?.stores.close();
});

type Where = { permissions?: string; locale?: string; direct?: boolean };

/** A full interaction object as Discord sends it in INTERACTION_CREATE. */
function interaction(type: number, data: Json, { permissions = '0', locale = 'ko', direct = false }: Where = {}, extra: Json = {}) {
  seq++;
  const where = direct
    ? { channel_id: '333333333333333333', channel: { id: '333333333333333333', type: 1 }, user: USER, context: 1 }
    : { guild_id: GUILD, channel_id: CHANNEL, channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'papers' }, guild_locale: 'ko', context: 0,
        member: { user: USER, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions } };
  return { id: String(1300000000000000000n + BigInt(seq)), application_id: fake.bot.id, type, data, token: `token-${seq}`, version: 1,
    locale, app_permissions: '2048', entitlements: [], authorizing_integration_owners: {}, ...where, ...extra };
}

const papers = (sub: string, options: Json[] = []) => ({ id: '1200000000000000001', name: 'papers', type: 1, options: [{ type: 1, name: sub, options }] });

/** Delivers an interaction and waits for its first callback (and, when asked, its webhook edit). */
async function send(payload: ReturnType<typeof interaction>) {
  fake.dispatch('INTERACTION_CREATE', payload);
  const callback = await eventually(() => fake.interactionCallbacks.find((c) => c.token === payload.token));
  return callback.body as { type: number; data?: Json & { flags?: number; content?: string; embeds?: Json[]; components?: Json[]; choices?: Json[] } };
}
const edit = (token: string) => eventually(() => fake.webhookCalls.find((c) => c.token === token && c.messageId === '@original')).then((c) => c.body as Json);

describe('/papers on Discord', () => {
  it('defers a search ephemerally, then edits in Korean cards with a next-page button', async () => {
    const payload = interaction(2, papers('search', [{ type: 3, name: 'query', value: '검색' }]));
    const callback = await send(payload);
    expect(callback).toMatchObject({ type: 5, data: { flags: 64 } });
    const body = await edit(payload.token);
    expect(body.content).toContain('“검색” 검색 결과 (1쪽)');
    const embeds = body.embeds as Json[];
    expect(embeds[0]).toMatchObject({ title: 'Dense retrieval with feedback' });
    expect(String(embeds[0]!.description)).toContain('검색 품질을 높이는');
    expect((embeds[0]!.fields as { name: string }[]).some((f) => HANGUL.test(f.name))).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('pages a search with its button by updating the message in place', async () => {
    const first = interaction(2, papers('search', [{ type: 3, name: 'query', value: 'retrieval' }]));
    await send(first);
    const page1 = await edit(first.token);
    // The card's 👍 / 👎 / more-like-this row comes first; the paging row after it.
    const button = (page1.components as { components: Json[] }[]).flatMap((r) => r.components).find((c) => String(c.custom_id).startsWith('search|'))!;
    expect((page1.components as { components: Json[] }[])[0]!.components.map((c) => String(c.custom_id).split(':')[1])).toEqual(['up', 'down', 'similar', 'save', 'discuss']);
    expect(button).toMatchObject({ type: 2, custom_id: 'search|2|retrieval', label: '다음' });
    const message = { id: '1400000000000000001', channel_id: CHANNEL, type: 20, author: { ...USER, id: fake.bot.id, bot: true }, content: page1.content,
      embeds: page1.embeds, components: page1.components, flags: 64, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false,
      mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false };
    const click = await send(interaction(3, { custom_id: button.custom_id as string, component_type: 2 }, {}, { message }));
    expect(click.type).toBe(7);
    expect(click.data?.content).toContain('(2쪽)');
    expect(click.data?.embeds).toHaveLength(1);
    expect(JSON.stringify(click.data?.components)).toContain('search|1|retrieval');
  });

  it('answers show with an unknown id by a localized ephemeral error', async () => {
    const callback = await send(interaction(2, papers('show', [{ type: 3, name: 'id', value: '2410.99999' }])));
    expect(callback).toMatchObject({ type: 4, data: { flags: 64, content: '2410.99999에 해당하는 논문을 찾을 수 없습니다.' } });
  });

  it('shows a paper directly, in Japanese for a Japanese client', async () => {
    const callback = await send(interaction(2, papers('show', [{ type: 3, name: 'id', value: 'arXiv:2410.20002' }]), { locale: 'ja' }));
    expect(callback.type).toBe(4);
    expect(callback.data?.embeds?.[0]).toMatchObject({ title: 'Robot grasping at scale' });
    expect(String(callback.data?.embeds?.[0]?.description)).toContain('ロボットの把持');
  });

  it('refuses a channel subscription without Manage Channels, and accepts it with', async () => {
    const topic = [{ type: 3, name: 'topic', value: 'cat:cs.CL' }, { type: 5, name: 'channel', value: true }];
    const refused = await send(interaction(2, papers('subscribe', topic)));
    expect(refused).toMatchObject({ type: 4, data: { flags: 64, content: '이 작업을 할 권한이 없습니다.' } });
    const accepted = await send(interaction(2, papers('subscribe', topic), { permissions: MANAGE_CHANNELS }));
    expect(accepted.type).toBe(4);
    expect(accepted.data?.content).not.toBe('이 작업을 할 권한이 없습니다.');
    expect(t.deps.subscriptions.count('discord', 'channel', CHANNEL)).toBe(1);
  });

  it('refuses the channel scope in a DM but subscribes the asker there', async () => {
    const channel = await send(interaction(2, papers('subscribe', [{ type: 3, name: 'topic', value: 'robots' }, { type: 5, name: 'channel', value: true }]), { direct: true }));
    expect(channel.data?.content).toBe('이 작업을 할 권한이 없습니다.');
    const own = await send(interaction(2, papers('subscribe', [{ type: 3, name: 'topic', value: 'robots' }]), { direct: true }));
    expect(own.data?.content).toContain('robots');
    expect(t.deps.subscriptions.count('discord', 'me', USER.id)).toBe(1);
  });

  it('suggests papers for show and categories for subscribe (callback type 8, at most 25)', async () => {
    const focused = (sub: string, name: string, value: string) => papers(sub, [{ type: 3, name, value, focused: true }]);
    const show = await send(interaction(4, focused('show', 'id', 'retrieval')));
    expect(show.type).toBe(8);
    const choices = show.data?.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('2410.20001');
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
    const topic = await send(interaction(4, focused('subscribe', 'topic', 'cs.c')));
    expect((topic.data?.choices as { value: string }[]).map((c) => c.value)).toEqual(expect.arrayContaining(['cat:cs.CL', 'cat:cs.CV']));
  });

  it('puts a pasted arXiv URL of a known paper first among the suggestions', async () => {
    const url = await send(interaction(4, papers('show', [{ type: 3, name: 'id', value: 'https://arxiv.org/abs/2410.20002v1', focused: true }])));
    expect((url.data?.choices as { name: string; value: string }[])[0]).toEqual({ name: '2410.20002 · Robot grasping at scale', value: '2410.20002' });
  });

  it('answers a failing autocomplete with no choices rather than silence', async () => {
    const search = t.deps.search.search;
    t.deps.search.search = () => {
      throw new Error('database is locked');
    };
    try {
      const callback = await send(interaction(4, papers('show', [{ type: 3, name: 'id', value: 'retrieval', focused: true }])));
      expect(callback).toEqual({ type: 8, data: { choices: [] } });
    } finally {
      t.deps.search.search = search;
    }
  });

  it('answers with the generic localized error when the first reply fails', async () => {
    fake.failNext(/\/interactions\/\d+\/token-\d+\/callback/, { status: 500, body: { message: 'boom', code: 0 } });
    const payload = interaction(2, papers('help'), { locale: 'ja' });
    fake.dispatch('INTERACTION_CREATE', payload);
    const callback = await eventually(() => fake.interactionCallbacks.find((c) => c.token === payload.token));
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/[\u3040-\u30ff]/) } });
  });

  it('lists help in Japanese as a direct reply', async () => {
    const callback = await send(interaction(2, papers('help'), { locale: 'ja' }));
    expect(callback.type).toBe(4);
    expect(String(callback.data?.embeds?.[0]?.description)).toMatch(/[\u3040-\u30ff]/);
  });

  it('answers an unknown subcommand with a localized error instead of failing silently', async () => {
    const callback = await send(interaction(2, papers('dance')));
    expect(callback).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(callback.data?.content).toMatch(HANGUL);
  });
});

describe('paperboy register-commands', () => {
  const run = async (args: string[], env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await registerCommandsCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s), env, isTty: false });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const env = () => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.bot.id, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });

  it('bulk-overwrites the guild commands with Korean and Japanese names', async () => {
    const result = await run(['--guild', GUILD], env());
    expect(result).toMatchObject({ code: 0 });
    const registration = fake.commandRegistrations.at(-1)!;
    expect(registration).toMatchObject({ applicationId: fake.bot.id, guildId: GUILD });
    const [command] = registration.body as { name: string; name_localizations: Json; options: { name: string; name_localizations: Json }[] }[];
    expect(command).toMatchObject({ name: 'papers', name_localizations: { ko: '논문', ja: '論文' } });
    expect(command!.options.find((o) => o.name === 'search')?.name_localizations).toEqual({ ko: '검색', ja: '検索' });
    expect(result.out).toContain('/papers');
  });

  it('registers globally without --guild', async () => {
    expect((await run([], env())).code).toBe(0);
    expect(fake.commandRegistrations.at(-1)).not.toHaveProperty('guildId');
  });

  it('exits 2 and names what is missing when the token or application id is not set', async () => {
    const result = await run([], { DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  });
});
