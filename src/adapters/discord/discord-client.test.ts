import { pino } from 'pino';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log.js';
import { startFakeDiscord, type FakeDiscord } from '../../../test/fakes/fake-discord.js';
import { createDiscordClient, DiscordLoginError, loginDiscord } from './discord-client.js';

let fake: FakeDiscord | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = fake = undefined;
});

describe('createDiscordClient and loginDiscord', () => {
  it('logs in over the gateway with the Guilds, GuildMessageReactions, DirectMessageReactions and GuildMessages intents (no privileged one), discord.js debug going to pino', async () => {
    fake = await startFakeDiscord();
    const lines: { msg: string; detail?: string }[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    client = createDiscordClient({ apiUrl: fake.apiUrl, log });
    await loginDiscord(client, fake.token, 2000);
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.bot.id);
    // Guilds (1 << 0), GuildMessages (1 << 9), GuildMessageReactions (1 << 10) and DirectMessageReactions (1 << 13), as IDENTIFY sent them; nothing privileged (MessageContent is 1 << 15).
    expect(fake.identifies.map((d) => d.intents)).toEqual([1 | (1 << 9) | (1 << 10) | (1 << 13)]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v10/gateway/bot']);
    expect(lines.some((l) => l.msg === 'discord.js debug' && /Fetched Gateway Information/.test(l.detail ?? ''))).toBe(true);
  });

  it('rejects a token Discord refuses with invalid_token', async () => {
    fake = await startFakeDiscord();
    client = createDiscordClient({ apiUrl: fake.apiUrl, log: silentLogger() });
    const err = await loginDiscord(client, 'wrong-token', 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordLoginError);
    expect(err).toMatchObject({ reason: 'invalid_token' });
  });

  it('gives up with timeout when the gateway never gets ready', async () => {
    fake = await startFakeDiscord();
    fake.failNext('/gateway/bot', 'hang');
    client = createDiscordClient({ apiUrl: fake.apiUrl, log: silentLogger(), rest: { timeout: 10_000 } });
    const started = Date.now();
    const err = await loginDiscord(client, fake.token, 300).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DiscordLoginError', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
