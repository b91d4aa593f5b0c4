/**
 * The reading list on Discord end to end: a real discord.js client logged in to the fake Discord;
 * ⭐ clicks, `/papers save|unsave|saved|export` delivered as INTERACTION_CREATE; the export comes
 * back as a multipart/form-data interaction response (`payload_json` checked against Discord's
 * OpenAPI spec, `files[n]` read by the fake), cut into parts when the interaction's
 * `attachment_size_limit` is smaller than the list. The file, imported into a fresh profile,
 * gives the same papers.
 */
import type { Client } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachInteractionHandler } from '../../src/adapters/discord/commands/interaction-handler.js';
import { createDiscordClient, loginDiscord } from '../../src/adapters/discord/discord-client.js';
import { createSeedMatcher } from '../../src/db/seed-matcher.js';
import { readLibrary } from '../../src/library/read-library.js';
import { silentLogger } from '../../src/log.js';
import { seedsFromLibrary } from '../../src/pipeline/import-interests.js';
import { startFakeDiscord, type FakeDiscord, type Json, type UploadedFile } from '../fakes/fake-discord.js';
import { setupCommands } from '../pipeline/command-setup.js';
import { ODD_PAPERS } from '../reading-list/library-papers.js';
import { eventually } from '../helpers/eventually.js';

const GUILD = '1100000000000000001';
const CHANNEL = '111111111111111111';
const USER = { id: '222222222222222222', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
const OTHER = { ...USER, id: '222222222222222223', username: 'other' };

let fake: FakeDiscord;
let client: Client;
let t: ReturnType<typeof setupCommands>;
let off: () => void;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeDiscord({ routeLimit: { limit: 100, windowMs: 1000 } });
  fake.addChannel(CHANNEL, { guildId: GUILD });
  t = setupCommands();
  t.stores.ingest.applyEntries('arxiv', 'arxiv-rss', ODD_PAPERS, '2024-10-30T01:00:00Z');
  client = createDiscordClient({ apiUrl: fake.apiUrl, log: silentLogger(), rest: { retries: 0, timeout: 5000 } });
  await loginDiscord(client, fake.token, 5000);
  off = attachInteractionHandler(client, t.deps, silentLogger());
});

afterEach(() => {
  // Every reply, edit and follow-up (multipart ones included) must be a body Discord accepts.
  expect(fake.validationErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  off?.();
  await client?.destroy();
  await fake?.close();
  t?.stores.close();
});

const idOf = (arxiv: string) => t.stores.reader.getByKey(`arxiv:${arxiv}`)!.id;
const mine = () => t.deps.saved!.list({ platform: 'discord', workspace: GUILD, user: USER.id }).map((p) => p.paperId);

type Where = { user?: typeof USER; ephemeralMessage?: boolean; limit?: number };
/** An interaction as Discord sends it, with the clicked message for components and the server's attachment limit. */
function interaction(type: 2 | 3, data: Json, { user = USER, ephemeralMessage = false, limit = 10 * 1024 * 1024 }: Where = {}) {
  seq++;
  const message = { id: String(1400000000000000000n + BigInt(seq)), channel_id: CHANNEL, type: 0, author: { id: fake.bot.id, username: 'paperboy', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: '', embeds: [], components: [], flags: ephemeralMessage ? 64 : 0, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false,
    mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false };
  return { id: String(1300000000000000000n + BigInt(seq)), application_id: fake.bot.id, type, data, token: `token-${seq}`, version: 1, locale: 'en-US',
    app_permissions: '2048', entitlements: [], authorizing_integration_owners: {}, attachment_size_limit: limit, guild_id: GUILD, channel_id: CHANNEL, guild_locale: 'en-US', context: 0,
    channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'papers' }, ...(type === 3 ? { message } : {}),
    member: { user, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '0' } };
}
const button = (customId: string, where?: Where) => interaction(3, { custom_id: customId, component_type: 2 }, where);
const select = (customId: string, value: string) => interaction(3, { custom_id: customId, component_type: 3, values: [value] });
const command = (sub: string, options: Json[] = [], where?: Where) =>
  interaction(2, { id: '1200000000000000001', name: 'papers', type: 1, options: [{ type: 1, name: sub, options }] }, where);

type Message = Json & { flags?: number; content?: string; embeds?: { title?: string }[]; components?: { components: Json[] }[]; attachments?: Json[] };
type Callback = { type: number; data?: Message };
async function send(payload: ReturnType<typeof interaction>): Promise<Callback> {
  fake.dispatch('INTERACTION_CREATE', payload);
  return (await eventually(() => fake.interactionCallbacks.find((c) => c.token === payload.token))).body as Callback;
}
/** A deferred command's edit of @original and its follow-ups, once `count` calls arrived. */
async function webhookCalls(token: string, count: number) {
  return eventually(() => {
    const calls = fake.webhookCalls.filter((c) => c.token === token);
    return calls.length >= count ? calls : undefined;
  });
}
const text = (f: UploadedFile) => f.content.toString('utf8');

describe('the reading list on Discord', () => {
  it('saves with the ⭐ button and with the save menu, and Undo on the confirmation unsaves in place', async () => {
    const dense = idOf('2410.20001');
    const robot = idOf('2410.20002');
    const saved = await send(button(`pb1:save:${dense}`));
    expect(saved).toMatchObject({ type: 4, data: { flags: 64, content: '⭐ Saved “Dense retrieval with feedback” to your reading list (1 paper).' } });
    expect(saved.data?.components?.[0]?.components).toEqual([{ type: 2, style: 4, label: 'Undo', custom_id: `pb1:unsave:${dense}` }]);
    await send(select('pb1:menu:save', `pb1:save:${robot}`));
    expect(mine()).toEqual([robot, dense]);
    const undone = await send(button(`pb1:unsave:${robot}`, { ephemeralMessage: true }));
    expect(undone).toMatchObject({ type: 7, data: { content: 'Removed “Robot grasping at scale” from your reading list.' } });
    expect(undone.data?.components?.[0]?.components).toEqual([expect.objectContaining({ label: '⭐ Save', custom_id: `pb1:save:${robot}` })]);
    expect(mine()).toEqual([dense]);
    await send(button(`pb1:unsave:${dense}`));
  });

  it('saves by command, pages /papers saved (newest first) with its buttons, searches it in Korean, and keeps each person’s list apart', async () => {
    for (const p of ODD_PAPERS) await send(command('save', [{ type: 3, name: 'id', value: p.arxivId! }]));
    expect(mine()).toHaveLength(5);
    const page1 = await send(command('saved'));
    expect(page1.data?.content).toContain('Your reading list: 5 papers (page 1 of 5)');
    expect(page1.data?.embeds?.map((e) => e.title)).toEqual([ODD_PAPERS[4]!.title]);
    const rows = page1.data?.components ?? [];
    expect(rows.at(-1)!.components).toEqual([expect.objectContaining({ custom_id: 'saved|2|', label: 'Next' })]);
    expect(rows[0]!.components.map((c) => String(c.custom_id).split(':')[1])).toEqual(['up', 'down', 'similar', 'save', 'discuss']);
    const page2 = await send(button('saved|2|'));
    expect(page2.type).toBe(7);
    expect(page2.data?.embeds?.map((e) => e.title)).toEqual([ODD_PAPERS[3]!.title]);
    const korean = await send(command('saved', [{ type: 3, name: 'query', value: '강화학습' }]));
    expect(korean.data?.embeds?.map((e) => e.title)).toEqual([ODD_PAPERS[0]!.title]);
    const other = await send(command('saved', [], { user: OTHER }));
    expect(other.data?.content).toMatch(/^Your reading list is empty/);
  });

  it('exports as a file attached to the deferred answer, which imports into a fresh profile as the same papers', async () => {
    const payload = command('export', [{ type: 3, name: 'format', value: 'csl-json' }]);
    expect(await send(payload)).toMatchObject({ type: 5, data: { flags: 64 } });
    const [edit] = await webhookCalls(payload.token, 1);
    expect(edit).toMatchObject({ method: 'PATCH', messageId: '@original' });
    expect((edit!.body as Message).content).toBe('📚 Your reading list: 5 papers as CSL-JSON.');
    expect((edit!.body as Message).attachments).toEqual([expect.objectContaining({ id: '0' })]);
    expect(edit!.files?.map((f) => [f.index, f.name])).toEqual([[0, 'paperboy-reading-list-2024-10-30.json']]);
    const read = readLibrary(text(edit!.files![0]!), 'list.json');
    const report = seedsFromLibrary(read.entries, createSeedMatcher(t.stores.db), { value: 1, origin: 'import', now: '2024-10-30T12:00:00Z' });
    expect(report).toMatchObject({ matched: 5, textOnly: 0, waiting: 0 });
    expect(report.seeds.map((s) => s.paperId)).toEqual(mine());
  });

  it('cuts the export into parts under a small attachment limit, one file per message, each within the limit', async () => {
    const payload = command('export', [], { limit: 1200 });
    await send(payload);
    const first = await webhookCalls(payload.token, 1);
    const parts = Number(/in (\d+) files/.exec(String((first[0]!.body as Message).content))?.[1]);
    expect(parts).toBeGreaterThan(1);
    const calls = await webhookCalls(payload.token, parts);
    expect(calls.map((c) => c.method)).toEqual(['PATCH', ...Array(parts - 1).fill('POST')]);
    const files = calls.map((c) => c.files ?? []);
    expect(files.every((f) => f.length === 1 && f[0]!.content.length <= 1200)).toBe(true);
    const ids = files.flatMap((f) => readLibrary(text(f[0]!), f[0]!.name).entries.map((e) => e.arxivId));
    expect(ids.sort()).toEqual(ODD_PAPERS.map((p) => p.arxivId).sort());
  });

  it('refuses clearly, attaching nothing, when the list fits no allowed number of files, and when it is empty', async () => {
    const tooLarge = command('export', [], { limit: 100 });
    await send(tooLarge);
    const [refusal] = await webhookCalls(tooLarge.token, 1);
    expect((refusal!.body as Message).content).toMatch(/^Your reading list \(5 papers, \d+ KiB\) does not fit in 10 files of 1 KiB/);
    expect(refusal!.files).toBeUndefined();
    const empty = command('export', [], { user: OTHER });
    await send(empty);
    const [nothing] = await webhookCalls(empty.token, 1);
    expect((nothing!.body as Message).content).toMatch(/^Your reading list is empty, so there is nothing to export yet/);
    expect(nothing!.files).toBeUndefined();
  });
});
