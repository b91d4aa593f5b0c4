/**
 * The optional HTTP listener, scraped over HTTP while the bot runs against the fake Discord, the
 * fake Slack and the feed server: /healthz says what is wrong (503) and /metrics counts ingests,
 * digests per platform, command latency and the outbox depth.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { route } from '../fakes/feed-server.js';
import { CHANNELS, startHarness, type Harness } from './bot-harness.js';
import { eventually } from '../helpers/eventually.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const base = () => `http://127.0.0.1:${h!.bot.httpPort}`;

async function healthz(): Promise<{ status: number; body: { status: string; problems: string[]; ingest: { ok: boolean; lastSuccessAt: string | null }; chat: Record<string, boolean>; connections: Record<string, unknown>; database: { writable: boolean } } }> {
  const res = await fetch(`${base()}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

async function metrics(): Promise<string> {
  const res = await fetch(`${base()}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return res.text();
}

/** The value of one sample, e.g. value(text, 'paperboy_digests_total', { platform: 'slack', outcome: 'sent' }). */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const found = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (found) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('health and metrics listener', () => {
  it('is off unless http.port is set', async () => {
    h = await startHarness({ start: '2024-10-30T06:00:00Z', channels: [CHANNELS.discordKo] });
    expect(h.bot.httpPort).toBeUndefined();
  });

  it('reports healthy, then counts ingests, digests per platform, commands and the outbox depth', async () => {
    h = await startHarness({ start: '2024-10-30T06:00:00Z', channels: [CHANNELS.discordKo, CHANNELS.slackJa], http: {} });
    const first = await healthz();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'ok', problems: [], database: { writable: true }, chat: { discord: true, slack: true } });
    // Slack over HTTP here: connected means its receiver listens, since the bot started.
    expect(first.body.connections).toEqual({ slack: { state: 'connected', since: '2024-10-30T06:00:00.000Z', seconds: 0 } });
    expect(first.body.ingest.lastSuccessAt).toBeNull();

    // One source breaks; the others are counted as read.
    h.feeds.setRoute('/api/daily_papers', route.error(500));
    await h.bot.ingest();
    let text = await metrics();
    expect(value(text, 'paperboy_ingest_runs_total', { source: 'hf-daily', outcome: 'failed' })).toBe(1);
    expect(value(text, 'paperboy_ingest_runs_total', { source: 'arxiv-cs.AI', outcome: 'ok' })).toBe(1);
    expect(value(text, 'paperboy_ingest_entries_total', { source: 'arxiv-cs.AI', result: 'new' })).toBeGreaterThan(0);
    expect(value(text, 'paperboy_source_last_success_timestamp_seconds', { source: 'arxiv-cs.AI' })).toBe(Date.parse('2024-10-30T06:00:00Z') / 1000);
    expect(value(text, 'paperboy_source_last_success_timestamp_seconds', { source: 'hf-daily' })).toBeUndefined();
    expect(value(text, 'paperboy_chat_connected', { platform: 'discord' })).toBe(1);
    expect(value(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // The Discord digest's first message is held on the way back: it is in flight while we scrape.
    h.discord.failNext(/\/channels\/\d+\/messages$/, 'hold');
    h.clock.set('2024-10-31T00:00:00Z');
    const tick = h.tick();
    await eventually(() => h!.discord.held === 1);
    text = await metrics();
    expect(value(text, 'paperboy_outbox_depth', { platform: 'discord', state: 'sending' })).toBe(1);
    h.discord.release();
    await tick;
    text = await metrics();
    expect(value(text, 'paperboy_outbox_depth', { platform: 'discord', state: 'sending' })).toBe(0);
    expect(value(text, 'paperboy_outbox_depth', { platform: 'discord', state: 'planned' })).toBe(0);
    expect(value(text, 'paperboy_digests_total', { platform: 'discord', outcome: 'sent' })).toBe(1);
    expect(value(text, 'paperboy_digests_total', { platform: 'slack', outcome: 'sent' })).toBe(1);

    // A slash command over the gateway shows in the latency histogram.
    const token = 'metrics-help';
    h.discord.dispatch('INTERACTION_CREATE', {
      id: '1300000000000000001', application_id: h.discord.bot.id, type: 2, token, version: 1, locale: 'en-US',
      data: { id: '1200000000000000001', name: 'papers', type: 1, options: [{ type: 1, name: 'help', options: [] }] },
      channel_id: CHANNELS.discordKo.channel, channel: { id: CHANNELS.discordKo.channel, type: 1 }, context: 1,
      user: { id: '444444444444444444', username: 'reader', discriminator: '0', global_name: null, avatar: null },
      app_permissions: '2048', entitlements: [], authorizing_integration_owners: {},
    });
    await eventually(() => h!.discord.interactionCallbacks.some((c) => c.token === token));
    text = await metrics();
    expect(value(text, 'paperboy_command_duration_seconds_count', { platform: 'discord', command: 'help', outcome: 'ok' })).toBe(1);
  });

  it('turns unhealthy (503) with the reason: stale ingest, a lost platform connection, stopping', async () => {
    h = await startHarness({ start: '2024-10-30T06:00:00Z', channels: [CHANNELS.discordKo], http: { maxIngestAgeHours: 2 } });
    await h.bot.ingest();
    expect((await healthz()).status).toBe(200);

    h.clock.advance(3 * 3_600_000);
    const stale = await healthz();
    expect(stale.status).toBe(503);
    expect(stale.body.ingest.ok).toBe(false);
    expect(stale.body.problems).toEqual(['last successful ingest 180 min ago']);

    await h.bot.ingest();
    expect((await healthz()).status).toBe(200);

    await h.bot.chat.discord!.destroy();
    const lost = await healthz();
    expect(lost.status).toBe(503);
    expect(lost.body.chat).toEqual({ discord: false, slack: true });
    expect(lost.body.problems).toEqual(['discord not connected']);
  });

  it('answers only GET /healthz and /metrics', async () => {
    h = await startHarness({ start: '2024-10-30T06:00:00Z', channels: [CHANNELS.discordKo], http: {} });
    expect((await fetch(`${base()}/`)).status).toBe(404);
    const post = await fetch(`${base()}/metrics`, { method: 'POST', body: '' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
