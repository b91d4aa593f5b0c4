/**
 * SIGTERM under load, against the fakes: a real `paperboy run` stopped in the middle of a
 * subscription fan-out (200 Slack users by DM) and then of a digest (Discord, thread layout),
 * each time with one send whose answer never comes. The bot stops claiming, waits at most
 * `shutdown.graceSeconds` for what is in flight, gives the stuck send back to the outbox, closes
 * the database and exits 0 well within a generous bound; a restart finds the stuck messages on the
 * platform and sends the rest, so the platforms end up with exactly the planned messages, once.
 */
import { describe, it, type TestContext } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { parseTopic, topicKey } from '../../src/core/topic.js';
import { channelSpecs, openStores } from '../../src/main.js';
import { startBotFakes, type BotFakes } from './bot-fakes.js';
import { arxivRss, FEED_PATHS, FIXTURE_FEEDS, type ArxivItem, type FeedName } from './bot-harness.js';
import { logged, spawnBot, terminate, waitFor } from './bot-process.js';

const SLACK_USERS = Array.from({ length: 200 }, (_, i) => `U0STOP${String(i).padStart(4, '0')}`);
const DISCORD_CHANNEL = '1400000000000000077';
const CREATE_MESSAGE = /\/channels\/\d+\/messages$/;
const GRACE_SECONDS = 2;
/** Generous: the grace period plus closing, on a loaded machine. The point is "bounded", not fast. */
const EXIT_BOUND_MS = 30_000;
const DATE = 'Thu, 31 Oct 2024 00:00:00 -0400';
const quokka: ArxivItem = { id: '2410.26001', title: 'Quokka Agents', abstract: 'Small agents.', authors: 'Ada Lovelace', categories: ['cs.AI'], pubDate: DATE };

async function start(onTestFinished: TestContext['onTestFinished']): Promise<BotFakes> {
  const routes = Object.fromEntries(Object.entries(FIXTURE_FEEDS).map(([name, r]) => [FEED_PATHS[name as FeedName], r]));
  const s = await startBotFakes('stop', onTestFinished, {
    discord: { routeLimit: { limit: 100, windowMs: 1000 } },
    feeds: { ...routes, '/rss/quokka': arxivRss([quokka], DATE) },
  });
  const { discord, slack, feeds } = s;
  discord.addChannel(DISCORD_CHANNEL);
  for (const u of SLACK_USERS) slack.addUser(u);
  // A digest slot two minutes ago, for a channel in the config for an hour: due at start.
  const time = new Date(Date.now() - 2 * 60_000).toISOString().slice(11, 16);
  const sources = [...Object.entries(FEED_PATHS).map(([name, path]) => ({ name, url: feeds.url(path) })), { name: 'quokka', url: feeds.url('/rss/quokka') }];
  const channel = { platform: 'discord', channel: DISCORD_CHANNEL, locale: 'en', time, timezone: 'UTC', layout: 'thread' };
  const yaml = s.writeConfig({ timezone: 'UTC', ingest: { timeoutSeconds: 5 }, shutdown: { graceSeconds: GRACE_SECONDS }, sources, channels: [channel] });
  const stores = openStores(s.dbFile);
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  stores.channels.syncFromConfig(channelSpecs(parseConfig(yaml, s.configFile)), hourAgo);
  const topic = parseTopic('quokka');
  for (const u of SLACK_USERS) {
    stores.subscriptions.add({ platform: 'slack', scope: 'me', target: u, topic: topicKey(topic), topicJson: JSON.stringify(topic), locale: 'en', createdBy: u, now: hourAgo });
  }
  stores.close();
  return s;
}

/** Deliveries still claimed by a process (none may be left after a clean stop), and the ones given back. */
function claims(dbFile: string): { held: number; released: number } {
  const stores = openStores(dbFile);
  try {
    const count = (sql: string) => (stores.db.prepare(sql).get() as { n: number }).n;
    return {
      held: count("SELECT count(*) AS n FROM deliveries WHERE state = 'sending' AND claimed_by IS NOT NULL"),
      released: count("SELECT count(*) AS n FROM deliveries WHERE state = 'sending' AND claimed_by IS NULL"),
    };
  } finally {
    stores.close();
  }
}

const graceOver = 'shutdown grace period over; sends in flight released to the outbox';

describe('SIGTERM in the middle of a fan-out', () => {
  it('exits 0 within a bounded time, gives stuck sends back to the outbox, and a restart delivers exactly the planned messages once', async ({ expect, onTestFinished }) => {
    const s = await start(onTestFinished);

    // 1. Mid subscription fan-out: the 41st Slack post is stored, its answer never comes.
    s.slack.failNext('chat.postMessage', 'hold', { skip: 40 });
    const first = spawnBot(s.dir, s.env);
    s.bots.push(first);
    await waitFor(() => s.slack.held === 1, 'the fake Slack to hold a post', first);
    const stop1 = await terminate(first);
    expect(stop1).toMatchObject({ code: 0, signal: null });
    expect(stop1.ms).toBeLessThan(EXIT_BOUND_MS);
    expect(first.logs.find((l) => l.msg === graceOver)).toMatchObject({ released: 1, graceSeconds: GRACE_SECONDS });
    expect(first.logs.at(-1)?.msg).toBe('stopped');
    expect(claims(s.dbFile)).toEqual({ held: 0, released: 1 });

    // 2. Mid digest: the restart finishes the subscriptions, then message 4 of the digest hangs.
    s.discord.failNext(CREATE_MESSAGE, 'hold', { skip: 3 });
    const second = spawnBot(s.dir, s.env);
    s.bots.push(second);
    await waitFor(() => s.discord.held === 1 && logged(second, 'subscriptions delivered')(), 'the digest to hang at message 4', second);
    const stop2 = await terminate(second);
    expect(stop2).toMatchObject({ code: 0, signal: null });
    expect(stop2.ms).toBeLessThan(EXIT_BOUND_MS);
    expect(second.logs.find((l) => l.msg === graceOver)).toMatchObject({ released: 1 });
    expect(claims(s.dbFile)).toEqual({ held: 0, released: 1 });

    // 3. A last start finishes the digest; nothing is stuck, so it stops without waiting out the grace period.
    const third = spawnBot(s.dir, s.env);
    s.bots.push(third);
    await waitFor(() => logged(third, 'digest sent')() && logged(third, 'subscriptions delivered')(), 'the digest to finish', third);
    expect(await terminate(third)).toMatchObject({ code: 0, signal: null });
    expect(third.logs.some((l) => l.msg === graceOver)).toBe(false);
    expect(claims(s.dbFile)).toEqual({ held: 0, released: 0 });

    const stores = openStores(s.dbFile);
    const keysOf = (sql: string) => (stores.db.prepare(sql).all() as { key: string }[]).map((r) => r.key);
    const subscriptionKeys = keysOf("SELECT key FROM deliveries WHERE subscription_message_id IS NOT NULL AND state = 'sent' ORDER BY id");
    const digestKeys = keysOf("SELECT key FROM deliveries WHERE digest_id IS NOT NULL AND state = 'sent' ORDER BY seq");
    const unsent = keysOf("SELECT key FROM deliveries WHERE state <> 'sent'");
    stores.close();
    expect(unsent).toEqual([]);
    // Every Slack subscriber got its one message, and every post request carried a different key.
    expect(subscriptionKeys).toHaveLength(SLACK_USERS.length);
    const slackPosts = s.slack.requests.filter((r) => r.method === 'chat.postMessage').map((r) => (JSON.parse(String(r.params.metadata)) as { event_payload: { key: string } }).event_payload.key);
    expect(slackPosts.sort()).toEqual([...subscriptionKeys].sort());
    for (const u of SLACK_USERS) expect(s.slack.messages.get(s.slack.dmChannel(u)!)).toHaveLength(1);
    // The digest: header and thread hold each planned message once, in order; no nonce was sent twice.
    const top = s.discord.channels.get(DISCORD_CHANNEL)!;
    const thread = s.discord.channels.get(top[0]!.id)!;
    expect([...top, ...thread].map((m) => m.nonce)).toEqual(digestKeys);
    const nonces = s.discord.requests.filter((r) => r.method === 'POST' && CREATE_MESSAGE.test(r.path)).map((r) => (r.body as { nonce: string }).nonce);
    expect(nonces).toEqual(digestKeys);
  }, 240_000);
});
