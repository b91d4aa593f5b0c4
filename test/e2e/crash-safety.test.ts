/**
 * A real `paperboy run` process killed in the middle of a digest. The fake platform accepts and
 * records message N of the digest but never answers it, the process is SIGKILLed, and a second
 * process on the same database finishes the digest: every message exactly once and in order.
 * Discord gets the same nonce again (with enforce_nonce) and answers with the message it already
 * has; Slack has no nonce, so the bot must find the message through conversations.history /
 * replies and its metadata instead of posting it again. SIGTERM, instead, lets the message in
 * flight finish and exits 0; a later start sends the rest.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { parseConfig } from '../../src/config.js';
import type { DeliveryRow, DigestRow } from '../../src/db/digest-store.js';
import { channelSpecs, openStores } from '../../src/main.js';
import { startFakeDiscord, validateMessage, type FakeDiscord, type FakeDiscordOptions } from '../fakes/fake-discord.js';
import { startFakeSlack, validatePostMessage, type FakeSlack } from '../fakes/fake-slack.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { arxivIds, FEED_PATHS, FIXTURE_FEEDS, type ChannelYaml, type FeedName } from './bot-harness.js';
import { spawnBot, type BotProcess } from './bot-process.js';

const DISCORD_CHANNEL = '1400000000000000001';
const SLACK_CHANNEL = 'C0CRASH0001';
const PROCESS_TEST_TIMEOUT = 50_000;
/** Create-message requests (not thread starts, which are POST …/messages/:id/threads). */
const CREATE_MESSAGE = /\/channels\/\d+\/messages$/;

type Child = BotProcess;

interface Setup {
  dir: string;
  dbFile: string;
  discord: FakeDiscord;
  slack: FakeSlack;
  feeds: FeedServer;
  children: Child[];
  spawnRun(): Child;
}

/** Kills what is still running, closes the fakes, removes the temp folder. */
async function cleanUp({ children, discord, slack, feeds, dir }: Setup): Promise<void> {
  for (const c of children) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await c.exited;
  }
  await Promise.all([discord.close(), slack.close(), feeds.close()]);
  rmSync(dir, { recursive: true, force: true });
  expect(discord.validationErrors).toEqual([]); // no body the bot sent was one Discord refuses
}

/** "HH:MM" in UTC, `minutes` before now: a slot that is due at start, well inside the catch-up window. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().slice(11, 16);
}

async function start(channel: ChannelYaml, onTestFinished: TestContext['onTestFinished'], discordOptions: FakeDiscordOptions = {}): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-crash-'));
  const discord = await startFakeDiscord({ routeLimit: { limit: 100, windowMs: 1000 }, ...discordOptions });
  const slack = await startFakeSlack();
  const feeds = await startFeedServer(Object.fromEntries(Object.entries(FIXTURE_FEEDS).map(([name, r]) => [FEED_PATHS[name as FeedName], r])));
  if (channel.platform === 'discord') discord.addChannel(channel.channel);
  else slack.addChannel(channel.channel);
  const configFile = join(dir, 'paperboy.yaml');
  const yaml = toYaml({
    timezone: 'UTC',
    ingest: { timeoutSeconds: 5 },
    digest: { catchUpHours: 6 },
    sources: Object.entries(FEED_PATHS).map(([name, path]) => ({ name, url: feeds.url(path) })),
    channels: [channel],
  });
  writeFileSync(configFile, yaml);
  const dbFile = join(dir, 'paperboy.db');
  // The channel has been in the config for an hour, so today's slot (minutes ago) is its to post.
  const stores = openStores(dbFile);
  stores.channels.syncFromConfig(channelSpecs(parseConfig(yaml, configFile)), new Date(Date.now() - 3_600_000).toISOString());
  stores.close();

  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    PAPERBOY_CONFIG: configFile,
    PAPERBOY_DB: dbFile,
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: 'crash-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    SLACK_PORT: '0',
    LOG_LEVEL: 'info',
  };
  const children: Child[] = [];
  const spawnRun = (): Child => {
    // cwd is the temp folder: no developer's .env is read.
    const child = spawnBot(dir, env);
    children.push(child);
    return child;
  };
  const setup = { dir, dbFile, discord, slack, feeds, children, spawnRun };
  onTestFinished(() => cleanUp(setup));
  return setup;
}

/** Polls `condition` until it holds; fails naming `what` (and the child's last log lines) after `timeoutMs`. */
async function waitFor(condition: () => boolean, what: string, child?: Child, timeoutMs = 25_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last logs: ${JSON.stringify(child?.logs.slice(-5))}`);
    if (child && child.proc.exitCode !== null) throw new Error(`the bot exited (${child.proc.exitCode}) before ${what}; last logs: ${JSON.stringify(child.logs.slice(-5))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const logged = (child: Child, msg: string) => () => child.logs.some((l) => l.msg === msg);

/** Stops a child with SIGTERM and returns how it exited and how long that took. */
async function terminate(child: Child): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  child.proc.kill('SIGTERM');
  const exit = await child.exited;
  return { ...exit, ms: Date.now() - started };
}

/** The channel's one digest and its outbox, read from the database the bot wrote. */
function outbox(dbFile: string, channel: string): { digest: DigestRow; deliveries: DeliveryRow[] } {
  const stores = openStores(dbFile);
  try {
    const c = stores.channels.find(channel)!;
    const digest = stores.digests.last(c.id)!;
    return { digest, deliveries: stores.digests.deliveries(digest.id) };
  } finally {
    stores.close();
  }
}

// Each test starts two or three bot processes (a second or two each on an idle machine, much
// more on a busy one): hence the longer test timeout.
describe('a paperboy process killed in the middle of a digest', () => {
  it('Discord: after SIGKILL with message 4 recorded but unanswered, a restart finds it in the thread history (or its nonce) and every message ends up posted once, in order', async ({ expect, onTestFinished }) => {
    const setup = await start({ platform: 'discord', channel: DISCORD_CHANNEL, locale: 'ko', time: minutesAgo(2), timezone: 'UTC', layout: 'thread' }, onTestFinished);
    const { discord, dbFile } = setup;
    discord.failNext(CREATE_MESSAGE, 'hold', { skip: 3 });

    const first = setup.spawnRun();
    await waitFor(() => discord.held === 1, 'the fake Discord to record message 4', first);
    const header = discord.channels.get(DISCORD_CHANNEL)!;
    expect(header).toHaveLength(1);
    expect(discord.channels.get(header[0]!.id)).toHaveLength(3);
    first.proc.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const killed = outbox(dbFile, DISCORD_CHANNEL);
    expect(killed.deliveries.map((d) => d.state)).toEqual(['sent', 'sent', 'sent', 'sending', 'planned', 'planned', 'planned', 'planned', 'planned']);
    expect(killed.deliveries[3]!.claimed_by).toBe(`${hostname()}:${first.proc.pid}`);

    const second = setup.spawnRun();
    await waitFor(logged(second, 'digest sent'), 'the restarted bot to finish the digest', second);
    expect(await terminate(second)).toMatchObject({ code: 0, signal: null });

    const { digest, deliveries } = outbox(dbFile, DISCORD_CHANNEL);
    expect(digest.state).toBe('sent');
    expect(deliveries.map((d) => d.state)).toEqual(deliveries.map(() => 'sent'));
    const top = discord.channels.get(DISCORD_CHANNEL)!;
    const thread = discord.channels.get(top[0]!.id)!;
    expect(top).toHaveLength(1);
    expect(thread).toHaveLength(8);
    // Every message once, in the digest's order, each with its delivery's key as the nonce.
    expect([...top, ...thread].map((m) => m.nonce)).toEqual(deliveries.map((d) => d.key));
    expect([...top, ...thread].map((m) => m.id)).toEqual(deliveries.map((d) => d.message_id));
    expect(top[0]!.content.split('\n')[1]).toBe('새 논문 8편');
    const ids = thread.flatMap((m) => arxivIds(m));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6);
    // After the restart the bot found message 4 in the thread's history and did not send it again.
    const key4 = deliveries[3]!.key;
    const creates = discord.requests.filter((r) => r.method === 'POST' && CREATE_MESSAGE.test(r.path));
    const sends4 = creates.filter((r) => (r.body as { nonce?: string }).nonce === key4);
    expect(sends4.map((r) => (r.body as { enforce_nonce?: boolean }).enforce_nonce)).toEqual([true]);
    expect(discord.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/channels/${top[0]!.id}/messages`))).toBe(true);
    expect(deliveries[3]!.attempts).toBe(2);
    for (const r of creates) expect(validateMessage(r.body)).toBeUndefined();
  }, PROCESS_TEST_TIMEOUT);

  it('Slack: after SIGKILL with message 2 (a thread reply) recorded but unanswered, a restart finds it in the thread by its metadata and posts only the rest', async ({ expect, onTestFinished }) => {
    // Header, two papers, "6 more": few posts, since Slack is paced at one a second per channel.
    const setup = await start({ platform: 'slack', channel: SLACK_CHANNEL, locale: 'ja', time: minutesAgo(2), timezone: 'UTC', layout: 'thread', maxPapers: 2 }, onTestFinished);
    const { slack, dbFile } = setup;
    slack.failNext('chat.postMessage', 'hold', { skip: 1 });

    const first = setup.spawnRun();
    await waitFor(() => slack.held === 1, 'the fake Slack to record message 2', first);
    expect(slack.messages.get(SLACK_CHANNEL)).toHaveLength(2);
    first.proc.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(outbox(dbFile, SLACK_CHANNEL).deliveries.map((d) => d.state)).toEqual(['sent', 'sending', 'planned', 'planned']);
    expect(slack.requests.filter((r) => r.method === 'chat.postMessage')).toHaveLength(2);

    const second = setup.spawnRun();
    await waitFor(logged(second, 'digest sent'), 'the restarted bot to finish the digest', second);
    expect(await terminate(second)).toMatchObject({ code: 0, signal: null });

    const { digest, deliveries } = outbox(dbFile, SLACK_CHANNEL);
    expect(digest.state).toBe('sent');
    const messages = slack.messages.get(SLACK_CHANNEL)!;
    // The header, then two papers and "6 more" in its thread: each once, in order, keyed by the outbox.
    expect(messages).toHaveLength(4);
    expect(messages.map((m) => m.metadata?.event_payload.key)).toEqual(deliveries.map((d) => d.key));
    expect(messages.map((m) => m.ts)).toEqual(deliveries.map((d) => d.message_id));
    expect(messages.map((m) => m.thread_ts)).toEqual(messages.map(() => messages[0]!.ts));
    expect(messages[0]!.text.split('\n')[1]).toBe('新着論文 8件');
    expect(messages.slice(1, 3).map((m) => arxivIds(m))).toEqual([['2410.21465'], ['2410.22304']]);
    expect(messages[3]!.text).toBe('ほかに6件の論文があります');
    // Found, not posted again: two more posts after the restart, and a look at the history first.
    const after = slack.requests.slice(slack.requests.findIndex((r, i) => i > 0 && r.method === 'auth.test'));
    expect(after.filter((r) => r.method === 'chat.postMessage')).toHaveLength(2);
    expect(after.map((r) => r.method).slice(0, 3)).toEqual(['auth.test', 'conversations.history', 'conversations.replies']);
    expect(after[1]!.params).toMatchObject({ channel: SLACK_CHANNEL, include_all_metadata: 'true' });
    // Claimed by both processes, posted by the first only.
    expect(deliveries[1]!.attempts).toBe(2);
    for (const r of slack.requests.filter((x) => x.method === 'chat.postMessage')) expect(validatePostMessage(r.params)).toBeUndefined();
  }, PROCESS_TEST_TIMEOUT);

  it('SIGTERM mid-digest lets the message in flight finish and exits 0 within seconds; a restart sends the rest, nothing twice', async ({ expect, onTestFinished }) => {
    const setup = await start({ platform: 'discord', channel: DISCORD_CHANNEL, locale: 'en', time: minutesAgo(2), timezone: 'UTC', layout: 'thread' }, onTestFinished);
    const { discord, dbFile } = setup;
    discord.failNext(CREATE_MESSAGE, 'hold', { skip: 3 });

    const first = setup.spawnRun();
    await waitFor(() => discord.held === 1, 'the fake Discord to record message 4', first);
    const started = Date.now();
    first.proc.kill('SIGTERM');
    await waitFor(logged(first, 'stopping: finishing the message in flight'), 'the bot to start stopping', first);
    discord.release();
    const exit = await first.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    const stopped = outbox(dbFile, DISCORD_CHANNEL);
    expect(stopped.digest.state).toBe('planned');
    expect(stopped.deliveries.map((d) => d.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'planned', 'planned', 'planned', 'planned', 'planned']);
    const top = discord.channels.get(DISCORD_CHANNEL)!;
    expect(discord.channels.get(top[0]!.id)).toHaveLength(3);

    const second = setup.spawnRun();
    await waitFor(logged(second, 'digest sent'), 'the restarted bot to finish the digest', second);
    expect(await terminate(second)).toMatchObject({ code: 0, signal: null });

    const { digest, deliveries } = outbox(dbFile, DISCORD_CHANNEL);
    expect(digest.state).toBe('sent');
    const thread = discord.channels.get(top[0]!.id)!;
    expect([...top, ...thread].map((m) => m.nonce)).toEqual(deliveries.map((d) => d.key));
    expect(top[0]!.content).toMatch(/^\*\*📰 Daily Papers — .+\*\*\n8 new papers$/);
    // Every message was sent exactly once: the finished one was not sent again after the restart.
    const nonces = discord.requests.filter((r) => r.method === 'POST' && CREATE_MESSAGE.test(r.path)).map((r) => (r.body as { nonce: string }).nonce);
    expect(nonces).toEqual(deliveries.map((d) => d.key));
  }, PROCESS_TEST_TIMEOUT);

  // Discord honours an enforced nonce for a few minutes only; a restart after that looks for the
  // message in the channel's history (same content and embed titles, by this bot) before re-sending.
  // Here the fake's nonce window is 300 ms in place of Discord's minutes.
  it('Discord: a restart after the nonce window has passed still posts the unanswered message only once', async ({ expect, onTestFinished }) => {
    const setup = await start({ platform: 'discord', channel: DISCORD_CHANNEL, locale: 'ko', time: minutesAgo(2), timezone: 'UTC', layout: 'thread' }, onTestFinished, { nonceWindowMs: 300 });
    const { discord, dbFile } = setup;
    discord.failNext(CREATE_MESSAGE, 'hold', { skip: 3 });
    const first = setup.spawnRun();
    await waitFor(() => discord.held === 1, 'the fake Discord to record message 4', first);
    first.proc.kill('SIGKILL');
    await first.exited;
    await new Promise((resolve) => setTimeout(resolve, 500));

    const second = setup.spawnRun();
    await waitFor(logged(second, 'digest sent'), 'the restarted bot to finish the digest', second);
    expect(await terminate(second)).toMatchObject({ code: 0, signal: null });
    const { deliveries } = outbox(dbFile, DISCORD_CHANNEL);
    const top = discord.channels.get(DISCORD_CHANNEL)!;
    expect([...top, ...discord.channels.get(top[0]!.id)!].map((m) => m.nonce)).toEqual(deliveries.map((d) => d.key));
  }, PROCESS_TEST_TIMEOUT);
});
