/**
 * The real bot against the fake platforms when things go wrong: a channel that does not exist,
 * rate limits and server errors, a restart on a day already posted, a bot that was down at a
 * slot (within and past digest.catchUpHours) — and, skipped, the src/ bugs these tests found.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { rateLimited } from '../fakes/fake-discord.js';
import { CHANNELS, FIXTURE_ARXIV_IDS as DAY1_IDS, idsIn as ids, startHarness, type ChannelYaml, type Harness } from './bot-harness.js';

const { discordKo, discordEn, slackJa, slackEn } = CHANNELS;
const ALL: ChannelYaml[] = [discordKo, discordEn, slackJa, slackEn];
const sorted = (list: string[]): string[] => [...list].sort();

describe('the bot when things go wrong', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('marks a channel Discord does not know as failing and still posts every other channel', async () => {
    const gone: ChannelYaml = { platform: 'discord', channel: '1300000000000000999', locale: 'ko', time: '09:00', timezone: 'Asia/Seoul' };
    h = await startHarness({ start: '2024-10-29T22:00:00Z', unknownChannels: [gone] });
    await h.publish({});
    const report = await h.tickAt('2024-10-30T00:00:00Z');
    expect(sorted(report.results.map((r) => `${r.channel} ${r.outcome}`))).toEqual([
      `${discordKo.channel} sent`,
      `${gone.channel} failed`,
      `${slackJa.channel} sent`,
    ]);
    const channel = h.bot.stores.channels.find(gone.channel)!;
    expect([channel.failingReason, channel.failingSince]).toEqual(['unknown_channel', '2024-10-30T00:00:00.000Z']);
    expect(h.bot.stores.digests.get(channel.id, '2024-10-30')).toMatchObject({ state: 'failed', error: 'unknown_channel' });
    const refused = h.discord.requests.filter((r) => r.path === `/api/v10/channels/${gone.channel}/messages`);
    expect(refused).toHaveLength(1);

    await h.tickAt('2024-10-30T07:00:00Z');
    await h.tickAt('2024-10-30T11:00:00Z');
    for (const c of ALL) expect(sorted(ids(h.received(c))), c.channel).toEqual(DAY1_IDS);
    // The next day it is tried once more and is still failing; the others get their digests.
    await h.tickAt('2024-10-31T00:00:00Z');
    expect(h.discord.requests.filter((r) => r.path === `/api/v10/channels/${gone.channel}/messages`)).toHaveLength(2);
    expect(h.bot.stores.channels.find(gone.channel)).toMatchObject({ failingReason: 'unknown_channel', failingSince: '2024-10-30T00:00:00.000Z' });
    expect(h.received(discordKo).at(-1)!.text).toContain('2024년 10월 31일 목요일');
    expect(h.received(slackJa).at(-1)!.text).toContain('2024年10月31日木曜日');

    // `paperboy status` on the bot's database says which channel fails and why; the others are fine.
    const status = await runCli(['status', '--json', '--db', h.dbFile], { PAPERBOY_CONFIG: h.env.PAPERBOY_CONFIG });
    expect(status.code).toBe(0);
    const channels = (JSON.parse(status.stdout) as { channels: { channel: string; failing: string | null; failingSince: string | null; lastDigest: unknown }[] }).channels;
    expect(channels.find((c) => c.channel === gone.channel)).toMatchObject({
      failing: 'unknown_channel',
      failingSince: '2024-10-30T00:00:00.000Z',
      lastDigest: { date: '2024-10-31', state: 'failed', error: 'unknown_channel' },
    });
    expect(channels.filter((c) => c.failing !== null).map((c) => c.channel)).toEqual([gone.channel]);
    expect(channels.find((c) => c.channel === discordKo.channel)?.lastDigest).toMatchObject({ date: '2024-10-31', state: 'sent' });
  });

  it('waits out a Discord 429 and retries a Discord 502 and a Slack 429: every message arrives exactly once', async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z', channels: [discordKo, discordEn, slackJa] });
    await h.publish({});
    h.discord.failNext(/\/channels\/\d+\/messages$/, rateLimited(0.25));
    h.discord.failNext(/\/channels\/\d+\/messages$/, { status: 502, body: { message: '502: Bad Gateway', code: 0 } });
    h.slack.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
    const started = Date.now();
    const morning = await h.tickAt('2024-10-30T00:00:00Z');
    expect(sorted(morning.results.map((r) => `${r.channel} ${r.outcome}`))).toEqual([`${discordKo.channel} sent`, `${slackJa.channel} sent`]);
    // Discord's thread layout: the header, then a 429 and a 502 on the first replies.
    h.discord.failNext(/\/channels\/\d+\/messages$/, rateLimited(0.25), { skip: 1 });
    h.discord.failNext(/\/channels\/\d+\/messages$/, { status: 502, body: { message: '502: Bad Gateway', code: 0 } }, { skip: 1 });
    const berlin = await h.tickAt('2024-10-30T07:00:00Z');
    expect(berlin.results).toEqual([{ channel: discordEn.channel, date: '2024-10-30', outcome: 'sent' }]);
    expect(Date.now() - started).toBeLessThan(20_000);

    expect(h.discord.served429).toBe(2);
    expect(h.slack.requests.filter((r) => r.method === 'chat.postMessage').map((r) => r.status)).toEqual([429, 200]);
    const posted = h.discord.requests.filter((r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path));
    const nonces = posted.map((r) => (r.body as { nonce: string }).nonce);
    // Two answers lost to the failures, then every message once.
    expect(posted).toHaveLength(1 + 2 + 9 + 2);
    const stored = [...h.discord.channels.values()].flat().map((m) => m.nonce);
    expect(stored).toHaveLength(1 + 9);
    expect(new Set(stored).size).toBe(stored.length);
    expect(new Set(nonces)).toEqual(new Set(stored));
    expect(h.received(discordKo).map((m) => ids([m]).length)).toEqual([6]);
    expect(h.received(discordEn)).toHaveLength(9);
    expect(h.received(slackJa)).toHaveLength(1);
    expect(sorted(ids(h.received(slackJa)))).toEqual(DAY1_IDS);
  });

  it('finishes a digest after a Slack 500 on the next tick, checking the history first and posting each message once', async () => {
    // Header, the two papers with the most votes, "6 more": four posts, Slack paced at one a second.
    h = await startHarness({ start: '2024-10-29T22:00:00Z', channels: [{ ...slackJa, layout: 'thread', maxPapers: 2 }] });
    await h.publish({});
    h.slack.failNext('chat.postMessage', { status: 500 }, { skip: 2 });
    const first = await h.tickAt('2024-10-30T00:00:00Z');
    expect(first.results).toEqual([{ channel: slackJa.channel, date: '2024-10-30', outcome: 'pending' }]);
    expect(h.received(slackJa)).toHaveLength(2);
    const second = await h.tickAt('2024-10-30T00:01:00Z');
    expect(second.results).toEqual([{ channel: slackJa.channel, date: '2024-10-30', outcome: 'sent' }]);
    const received = h.received(slackJa);
    expect(received.map((m) => m.inThread)).toEqual([false, true, true, true]);
    expect(ids(received)).toEqual(['2410.21465', '2410.22304']);
    expect(received[3]!.text).toContain('ほかに6件の論文があります');
    const methods = h.slack.requests.map((r) => r.method).filter((m) => m !== 'auth.test');
    expect(methods.slice(0, 4)).toEqual(['chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'conversations.history']);
  });

  it('does not post again when the bot is restarted on a day it already posted', async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z' });
    await h.publish({});
    await h.tickAt('2024-10-30T00:00:00Z');
    const before = ALL.map((c) => h!.received(c).length);
    expect(before).toEqual([1, 0, 1, 0]);
    await h.stop();
    await h.start();
    for (const at of ['2024-10-30T00:00:00Z', '2024-10-30T00:02:00Z', '2024-10-30T05:00:00Z']) await h.tickAt(at);
    expect(ALL.map((c) => h!.received(c).length)).toEqual(before);
    // The restarted bot still posts the channels whose slot comes later that day, once.
    await h.stop();
    await h.start();
    await h.tickAt('2024-10-30T07:00:00Z');
    await h.tickAt('2024-10-30T11:00:00Z');
    await h.stop();
    await h.start();
    await h.tickAt('2024-10-30T11:30:00Z');
    expect(ALL.map((c) => h!.received(c).length)).toEqual([1, 9, 1, 1]);
  });

  it('posts a digest missed while the bot was down if it is back within digest.catchUpHours, and records it as missed later', async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z', catchUpHours: 4 });
    await h.publish({});
    await h.stop();
    // Back 3 h after the Seoul and Tokyo slots (09:00 there, 00:00 UTC): within 4 h, posted.
    h.clock.set('2024-10-30T03:00:00Z');
    await h.start();
    const late = await h.tick();
    expect(sorted(late.results.map((r) => `${r.channel} ${r.date} ${r.outcome}`))).toEqual([`${discordKo.channel} 2024-10-30 sent`, `${slackJa.channel} 2024-10-30 sent`]);
    expect(late.missed).toEqual([]);
    expect(h.received(discordKo)[0]!.text).toContain('2024년 10월 30일 수요일');
    await h.stop();
    // Back at 12:00 UTC: 5 h after Berlin's 08:00 (missed), 1 h after New York's 07:00 (posted).
    h.clock.set('2024-10-30T12:00:00Z');
    await h.start();
    const later = await h.tick();
    expect(later.missed).toEqual([{ channel: discordEn.channel, date: '2024-10-30' }]);
    expect(later.results).toEqual([{ channel: slackEn.channel, date: '2024-10-30', outcome: 'sent' }]);
    expect(h.received(discordEn)).toEqual([]);
    const berlin = h.bot.stores.channels.find(discordEn.channel)!;
    expect(h.bot.stores.digests.get(berlin.id, '2024-10-30')).toMatchObject({ state: 'missed', paper_count: 0 });
    expect(h.logs.filter((l) => l.msg === 'digest missed: the bot was down past the catch-up window').map((l) => l.channel)).toEqual([discordEn.channel]);
    // Nothing more for that date, however often it ticks; the missed papers go in the next digest.
    await h.tickAt('2024-10-30T13:00:00Z');
    expect(h.received(discordEn)).toEqual([]);
    await h.tickAt('2024-10-31T07:00:00Z');
    const thursday = h.received(discordEn);
    expect(thursday[0]!.text).toBe('**📰 Daily Papers — Thursday, October 31, 2024**\n8 new papers');
    expect(sorted(ids(thursday))).toEqual(DAY1_IDS);
  });

  // stop() waits for a pass in flight and starts none: no ingest, no digest planned while shutting down.
  it('starts no new work while stopping: no ingest, no digest planned for later', async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z', channels: [discordKo] });
    await h.publish({});
    const fetched = h.feeds.requests.length;
    h.clock.set('2024-10-30T00:00:30Z'); // the slot has come; the minute cron has not ticked yet
    await h.stop();
    expect(h.feeds.requests.length).toBe(fetched);
    await h.start();
    const channel = h.bot.stores.channels.find(discordKo.channel)!;
    expect(h.bot.stores.digests.get(channel.id, '2024-10-30')).toBeUndefined();
    await h.stop();
    h.clock.set('2024-11-05T00:00:30Z');
    await h.start();
    await h.tick();
    // Only the latest slot is considered: 30 October was never planned, 5 November is posted.
    expect(h.bot.stores.digests.get(channel.id, '2024-10-30')).toBeUndefined();
    expect(h.received(discordKo).map((m) => m.text.split('\n')[0])).toEqual(['**📰 오늘의 논문 — 2024년 11월 5일 화요일**']);
  });

  // The ingest that runs just before a digest stamps papers with the injected clock too.
  it('digests the papers that the ingest just before a slot stored, on the injected clock', async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z', channels: [discordKo] });
    await h.tickAt('2024-10-30T00:00:00Z');
    const [message] = h.received(discordKo);
    expect(message!.text.split('\n').slice(0, 2)).toEqual(['**📰 오늘의 논문 — 2024년 10월 30일 수요일**', '새 논문 8편']);
    expect(sorted(ids([message!]))).toEqual(DAY1_IDS);
  });
});
