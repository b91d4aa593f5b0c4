import { DiscordAPIError, REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const CHANNEL = '1200000000000000001';

async function start(): Promise<FakeDiscord> {
  fake = await startFakeDiscord();
  fake.addChannel(CHANNEL);
  return fake;
}

async function call(method: string, path: string, body?: unknown, auth: string | undefined = `Bot ${fake!.token}`) {
  const res = await fetch(`${fake!.apiUrl}/v10${path}`, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const post = (body: unknown) => call('POST', `/channels/${CHANNEL}/messages`, body);
const row = (...components: unknown[]) => ({ type: 1, components });
const button = (customId: string) => ({ type: 2, style: 1, label: 'Next', custom_id: customId });
const formError = (errors: unknown) => ({ status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } });
const error = (code: string) => ({ _errors: [expect.objectContaining({ code })] });

describe("the fake Discord checks every request against Discord's OpenAPI spec", () => {
  it('accepts a message with embeds, a button row, a nonce and allowed mentions', async () => {
    await start();
    const body = {
      content: 'Today: 3 papers', nonce: 'pb1-2024-10-30', enforce_nonce: true, allowed_mentions: { parse: [] },
      embeds: [{ title: 'A'.repeat(256), url: 'https://arxiv.org/abs/2410.21242', color: 0x5865f2, timestamp: '2024-10-30T08:00:00.000Z',
        fields: [{ name: 'Authors', value: 'Kim, Lee', inline: true }], footer: { text: 'arXiv cs.AI' } }],
      components: [row(button('pb1:page:2'), { type: 2, style: 5, label: 'PDF', url: 'https://arxiv.org/pdf/2410.21242' })],
    };
    expect(await post(body)).toMatchObject({ status: 200, body: { content: 'Today: 3 papers' } });
    expect(fake!.validationErrors).toEqual([]);
  });

  it('refuses an embed title of 257 characters at its path, and records the refusal', async () => {
    await start();
    const body = { embeds: [{ title: 'ok' }, { title: 'x'.repeat(257) }] };
    const answer = await post(body);
    expect(answer).toEqual(formError({ embeds: { 1: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } }));
    expect(fake!.channels.get(CHANNEL)).toEqual([]);
    expect(fake!.validationErrors).toEqual([{ method: 'POST', path: `/api/v10/channels/${CHANNEL}/messages`, body, answer: answer.body }]);
  });

  it('refuses a button custom_id over 100 characters, 11 embeds, and an unknown component type', async () => {
    await start();
    expect(await post({ content: 'x', components: [row(button('x'.repeat(101)))] })).toEqual(
      formError({ components: { 0: { components: { 0: { custom_id: error('BASE_TYPE_MAX_LENGTH') } } } } }),
    );
    expect(await post({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).toEqual(formError({ embeds: error('BASE_TYPE_MAX_LENGTH') }));
    expect(await post({ content: 'x', components: [{ type: 99, components: [] }] })).toEqual(
      formError({ components: { 0: { _errors: [{ code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1, 9, 10, 12, 13, 14, 17).' }] } } }),
    );
    expect(fake!.validationErrors).toHaveLength(3);
    expect(fake!.channels.get(CHANNEL)).toEqual([]);
  });

  it('checks interaction replies, edits and follow-ups, which carry no bot token', async () => {
    await start();
    const reply = { type: 4, data: { content: 'hi', flags: 64, components: [row(button('x'.repeat(101)))] } };
    expect(await call('POST', '/interactions/1300000000000000001/tok/callback', reply, undefined)).toEqual(
      formError({ data: { components: { 0: { components: { 0: { custom_id: error('BASE_TYPE_MAX_LENGTH') } } } } } }),
    );
    expect(await call('POST', '/interactions/1300000000000000001/tok/callback', { type: 42 }, undefined)).toEqual(formError({ _errors: [expect.objectContaining({ code: 'UNION_TYPE_CHOICES' })] }));
    // discord.js sends `@original` URL-encoded.
    const edit = await call('PATCH', `/webhooks/${fake!.bot.id}/tok/messages/%40original`, { embeds: [{ description: 'd'.repeat(4097) }] }, undefined);
    expect(edit).toEqual(formError({ embeds: { 0: { description: error('BASE_TYPE_MAX_LENGTH') } } }));
    expect(await call('POST', `/webhooks/${fake!.bot.id}/tok?wait=true`, { content: 'ok', flags: 64 }, undefined)).toMatchObject({ status: 200 });
    expect(fake!.interactionCallbacks).toEqual([]);
    expect(fake!.webhookCalls.map((c) => c.method)).toEqual(['POST']);
  });

  it('checks command registrations and thread names', async () => {
    await start();
    const command = { name: 'papers', description: 'Research papers', options: [{ type: 1, name: 'today', description: "Today's digest" }] };
    expect(await call('PUT', `/applications/${fake!.bot.id}/commands`, [command])).toMatchObject({ status: 200 });
    const badOption = { ...command, options: [{ type: 12, name: 'today', description: 'x' }] };
    expect(await call('PUT', `/applications/${fake!.bot.id}/guilds/1100000000000000001/commands`, [badOption])).toEqual(
      formError({ 0: { options: { 0: error('UNION_TYPE_CHOICES') } } }),
    );
    expect(fake!.commandRegistrations).toHaveLength(1);
    const message = (await post({ content: 'digest' })).body as { id: string };
    expect(await call('POST', `/channels/${CHANNEL}/messages/${message.id}/threads`, { name: '' })).toEqual(formError({ name: error('BASE_TYPE_MIN_LENGTH') }));
  });

  it('answers in the shape discord.js reads: its DiscordAPIError names the code and the field', async () => {
    await start();
    const rest = new REST({ api: fake!.apiUrl, retries: 0 }).setToken(fake!.token);
    const refused = await rest.post(`/channels/${CHANNEL}/messages`, { body: { content: 'x', components: [{ type: 99 }] } }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({ status: 400, code: 50035 });
    expect((refused as Error).message).toBe('Invalid Form Body\ncomponents[0][UNION_TYPE_CHOICES]: Value of field "type" must be one of (1, 9, 10, 12, 13, 14, 17).');
  });

  it('answers a route Discord does not have with 404, another method with 405, and a bad token before a bad body', async () => {
    await start();
    expect(await call('POST', `/channels/${CHANNEL}/posts`, { content: 'x' })).toEqual({ status: 404, body: { message: '404: Not Found', code: 0 } });
    expect(await call('PUT', `/channels/${CHANNEL}/messages`, { content: 'x' })).toEqual({ status: 405, body: { message: '405: Method Not Allowed', code: 0 } });
    expect(await call('POST', `/channels/${CHANNEL}/messages`, { embeds: 'x' }, 'Bot wrong')).toMatchObject({ status: 401 });
    expect(fake!.validationErrors).toEqual([]);
  });
});
