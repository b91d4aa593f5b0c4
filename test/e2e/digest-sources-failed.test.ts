/**
 * The real bot when every source fails on a digest morning: the channel is not told "no new
 * papers"; `paperboy status` and /healthz say the digest is waiting for its sources; once the
 * feeds answer again within the catch-up window, the retried ingest reads them and the digest
 * posts the papers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { route, type Route } from '../fakes/feed-server.js';
import { CHANNELS, FEED_PATHS, FIXTURE_ARXIV_IDS, FIXTURE_FEEDS, idsIn, startHarness, type FeedName, type Harness } from './bot-harness.js';

const { discordKo } = CHANNELS;
const sorted = (list: string[]): string[] => [...list].sort();
const serve = (h: Harness, routes: (name: FeedName) => Route) => {
  for (const name of Object.keys(FEED_PATHS) as FeedName[]) h.feeds.setRoute(FEED_PATHS[name], routes(name));
};

describe('a digest morning on which every source fails', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('posts nothing, says so in status and /healthz, and posts the papers when the sources recover within the window', async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z', channels: [discordKo], http: {} });
    serve(h, () => route.error(500));
    const report = await h.tickAt('2024-10-30T00:00:30Z');
    expect(report.waiting).toEqual([{ channel: discordKo.channel, date: '2024-10-30' }]);
    expect(h.received(discordKo)).toEqual([]);

    const status = await runCli(['status', '--db', h.dbFile], { PAPERBOY_CONFIG: h.env.PAPERBOY_CONFIG });
    expect(status.stdout).toContain(`- discord:${discordKo.channel} [ko, 09:00 Asia/Seoul]: ok; digest 2024-10-30 waiting (retrying): sources failed: arxiv-cs.AI, hf-daily, ko-digest, ja-blog (HTTP 500`);
    const health = await fetch(`http://127.0.0.1:${h.bot.httpPort}/healthz`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { problems: string[] };
    expect(body.problems).toContain(`digest 2024-10-30 for discord:${discordKo.channel} waiting: sources failed: arxiv-cs.AI, hf-daily, ko-digest, ja-blog`);
    expect(h.logs.filter((l) => l.msg === 'digest waiting: no source of the channel could be read; retrying the ingest')).toHaveLength(1);

    serve(h, (name) => FIXTURE_FEEDS[name]);
    // Within the retry interval nothing is tried; after it, the bot's own ingest reads the feeds again.
    expect((await h.tickAt('2024-10-30T00:10:00Z')).waiting).toEqual([]);
    expect(h.received(discordKo)).toEqual([]);
    const recovered = await h.tickAt('2024-10-30T00:16:00Z');
    expect(recovered.results).toEqual([{ channel: discordKo.channel, date: '2024-10-30', outcome: 'sent' }]);
    expect(sorted(idsIn(h.received(discordKo)))).toEqual(sorted(FIXTURE_ARXIV_IDS));
    const after = (await (await fetch(`http://127.0.0.1:${h.bot.httpPort}/healthz`)).json()) as { problems: string[] };
    expect(after.problems.filter((p) => p.includes('sources failed'))).toEqual([]);
  });

  it('posts what the other sources gave when one fails, naming the one it could not read', async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z', channels: [discordKo] });
    serve(h, (name) => (name === 'arxiv-cs.AI' ? route.error(503) : FIXTURE_FEEDS[name]));
    const report = await h.tickAt('2024-10-30T00:00:30Z');
    expect(report.results).toEqual([{ channel: discordKo.channel, date: '2024-10-30', outcome: 'sent' }]);
    const [header] = h.received(discordKo);
    expect(header!.text.split('\n').slice(0, 2)).toEqual(['**📰 오늘의 논문 — 2024년 10월 30일 수요일**', expect.stringMatching(/^새 논문 \d+편 · 이번에는 다음 소스를 읽지 못했습니다: arxiv-cs\.AI\.$/)]);
    expect(idsIn(h.received(discordKo)).length).toBeGreaterThan(0);
    expect(h.bot.stores.holds.activeFor(h.bot.stores.channels.find(discordKo.channel)!.id)).toBeUndefined();
  });
});
