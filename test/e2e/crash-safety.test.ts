/**
 * A real `paperboy run` process killed in the middle of a digest. The fake platform accepts and
 * records message N of the digest but never answers it, the process is SIGKILLed, and a second
 * process on the same database finishes the digest: every message exactly once and in order.
 * Discord gets the same nonce again (with enforce_nonce) and answers with the message it already
 * has; Slack has no nonce, so the bot must find the message through conversations.history /
 * replies and its metadata instead of posting it again. SIGTERM, instead, lets the message in
 * flight finish and exits 0; a later start sends the rest.
 */
import { hostname } from 'node:os';
import { describe, it, type TestContext } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { DeliveryRow, DigestRow } from '../../src/db/digest-store.js';
import { channelSpecs, openStores } from '../../src/main.js';
import { validateMessage, type FakeDiscordOptions } from '../fakes/fake-discord.js';
import { validatePostMessage } from '../fakes/fake-slack.js';
import { startBotFakes, type BotFakes } from './bot-fakes.js';
import { arxivIds, FEED_PATHS, FIXTURE_FEEDS, type ChannelYaml, type FeedName } from './bot-harness.js';
import { logged, spawnBot, terminate, waitFor, type BotProcess } from './bot-process.js';

const DISCORD_CHANNEL = '1400000000000000001';
const SLACK_CHANNEL = 'C0CRASH0001';
/** Two or three process starts, each waited for up to 120 s (a loaded machine starts a process in 10 s or more). */
const PROCESS_TEST_TIMEOUT = 300_000;
/** Create-message requests (not thread starts, which are POST …/messages/:id/threads). */
const CREATE_MESSAGE = /\/channels\/\d+\/messages$/;

type Child = BotProcess;

interface Setup extends BotFakes {
  spawnRun(): Child;
}

/** "HH:MM" in UTC, `minutes` before now: a slot that is due at start, well inside the catch-up window. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().slice(11, 16);
}

async function start(channel: ChannelYaml, onTestFinished: TestContext['onTestFinished'], discordOptions: FakeDiscordOptions = {}): Promise<Setup> {
  const fakes = await startBotFakes('crash', onTestFinished, {
    discord: { routeLimit: { limit: 100, windowMs: 1000 }, ...discordOptions },
    feeds: Object.fromEntries(Object.entries(FIXTURE_FEEDS).map(([name, r]) => [FEED_PATHS[name as FeedName], r])),
  });
  const { discord, slack, feeds } = fakes;
  // No body the bot sent may be one Discord refuses.
  onTestFinished(({ expect }) => expect(discord.validationErrors).toEqual([]));
  if (channel.platform === 'discord') discord.addChannel(channel.channel);
  else slack.addChannel(channel.channel);
  const yaml = fakes.writeConfig({
    timezone: 'UTC',
    ingest: { timeoutSeconds: 5 },
    digest: { catchUpHours: 6 },
    sources: Object.entries(FEED_PATHS).map(([name, path]) => ({ name, url: feeds.url(path) })),
    channels: [channel],
  });
  // The channel has been in the config for an hour, so today's slot (minutes ago) is its to post.
  const stores = openStores(fakes.dbFile);
  stores.channels.syncFromConfig(channelSpecs(parseConfig(yaml, fakes.configFile)), new Date(Date.now() - 3_600_000).toISOString());
  stores.close();
  const spawnRun = (): Child => {
    const child = spawnBot(fakes.dir, fakes.env);
    fakes.bots.push(child);
    return child;
  };
  return { ...fakes, spawnRun };
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
