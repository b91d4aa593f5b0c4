/**
 * A subscription fan-out to 1,000 subscribers (900 Slack users and 100 Discord users, by direct
 * message) by a real `paperboy run` process that is SIGKILLed eight times at seeded random points
 * (while a message's answer is held back by the fake, or after a seeded number of further sends) and
 * restarted each time, until a last process finishes. Then, per subscriber, the fake must hold
 * exactly the messages planned for it, each once: 0 lost, 0 doubled.
 * Nine process starts dominate the run time: 138 s measured at a load average of 20 on 2 cores
 * (hence the long timeout; no assertion depends on timing).
 */
import { describe, it, type TestContext } from 'vitest';
import { parseTopic, topicKey } from '../../src/core/topic.js';
import { openStores } from '../../src/main.js';
import { startBotFakes, type BotFakes } from './bot-fakes.js';
import { arxivRss, type ArxivItem } from './bot-harness.js';
import { logged, seededRandom, spawnBot, terminate, waitFor } from './bot-process.js';

const SLACK_USERS = Array.from({ length: 900 }, (_, i) => `U0SUB${String(i).padStart(5, '0')}`);
const DISCORD_USERS = Array.from({ length: 100 }, (_, i) => `15000000000000${String(i).padStart(5, '0')}`);
const KILLS = 8;
const SEED = 20261207;
const CREATE_MESSAGE = /\/channels\/\d+\/messages$/;
const DATE = 'Thu, 31 Oct 2024 00:00:00 -0400';
const paper = (id: string, title: string): ArxivItem => ({ id, title, abstract: 'Agents that plan with a shared memory.', authors: 'Ada Lovelace', categories: ['cs.AI'], pubDate: DATE });
// "Quokka" is in no other fixture: every subscriber matches exactly these three papers.
const PAPERS = [paper('2410.25001', 'Quokka Agents for Tool Use'), paper('2410.25002', 'Quokka Planning'), paper('2410.25003', 'Quokka Swarms')];

async function start(onTestFinished: TestContext['onTestFinished']): Promise<BotFakes> {
  // Looser than Discord's 50/s, so the bot's own 50/s cap (@discordjs/rest) is what paces it.
  const setup = await startBotFakes('subcrash', onTestFinished, {
    discord: { globalLimit: { limit: 200, windowMs: 1000 } },
    feeds: { '/rss/cs.AI': arxivRss(PAPERS, DATE) },
  });
  const { slack, feeds } = setup;
  for (const u of SLACK_USERS) slack.addUser(u);
  setup.writeConfig({ timezone: 'UTC', ingest: { timeoutSeconds: 5 }, sources: [{ name: 'arxiv', url: feeds.url('/rss/cs.AI') }] });
  // The subscriptions were made an hour ago: the papers the bot ingests at start are news to them.
  const stores = openStores(setup.dbFile);
  const topic = parseTopic('quokka');
  const made = new Date(Date.now() - 3_600_000).toISOString();
  const subscribe = (platform: 'discord' | 'slack', user: string) =>
    stores.subscriptions.add({ platform, scope: 'me', target: user, topic: topicKey(topic), topicJson: JSON.stringify(topic), locale: 'en', createdBy: user, now: made });
  stores.db.transaction(() => {
    // Interleaved, so both platforms are being sent to when a kill lands.
    SLACK_USERS.forEach((u, i) => {
      subscribe('slack', u);
      if (i % 9 === 8) subscribe('discord', DISCORD_USERS[(i - 8) / 9]!);
    });
  })();
  stores.close();
  return setup;
}

/** Discord messages the fake has stored so far (every conversation here is a subscriber's DM). */
const discordStored = (s: BotFakes): number => [...s.discord.channels.values()].reduce((n, m) => n + m.length, 0);
const createCalls = (s: BotFakes): number => s.slack.requests.filter((r) => r.method === 'chat.postMessage').length + s.discord.requests.filter((r) => r.method === 'POST' && CREATE_MESSAGE.test(r.path)).length;

/**
 * One run killed at a seeded point: when a message's answer is held back, or once the fakes have
 * seen a seeded number of further sends. Both are counted in messages, never in time, and each
 * stays well inside what is left to send, so no run can finish the fan-out before its kill however
 * fast the machine is (eight runs use at most 8 × 60 of the 1,000 messages, plus what is in flight).
 */
async function runAndKill(s: BotFakes, rnd: () => number): Promise<'killed' | 'finished'> {
  const hold = rnd() < 0.6;
  const onSlack = rnd() < 0.7;
  const skip = Math.floor(rnd() * 60);
  const after = 1 + Math.floor(rnd() * 60);
  const discordLeft = DISCORD_USERS.length - discordStored(s);
  const heldBefore = s.slack.held + s.discord.held;
  if (hold) {
    // Discord's share is a ninth: hold one of its few messages only while enough of them are left.
    const discordSkip = skip % 8;
    if (!onSlack && discordLeft > discordSkip + 20) s.discord.failNext(CREATE_MESSAGE, 'hold', { skip: discordSkip });
    else s.slack.failNext('chat.postMessage', 'hold', { skip });
  }
  const bot = spawnBot(s.dir, s.env);
  s.bots.push(bot);
  const done = logged(bot, 'subscriptions delivered');
  if (hold) await waitFor(() => s.slack.held + s.discord.held > heldBefore || done(), 'a held answer', bot);
  else {
    await waitFor(logged(bot, 'paperboy started'), 'the bot to start', bot);
    const sends = createCalls(s);
    await waitFor(() => createCalls(s) >= sends + after || done(), `${after} more sends`, bot);
  }
  if (done()) {
    await terminate(bot);
    return 'finished';
  }
  bot.proc.kill('SIGKILL');
  await bot.exited;
  return 'killed';
}

interface Planned {
  platform: 'discord' | 'slack';
  target: string;
  state: string;
  keys: string;
}

describe('a subscription fan-out killed at random points', () => {
  it('delivers every one of 1,000 subscribers its planned message exactly once across 8 SIGKILLs and restarts', async ({ expect, onTestFinished }) => {
    const s = await start(onTestFinished);
    const rnd = seededRandom(SEED);
    let kills = 0;
    while (kills < KILLS && (await runAndKill(s, rnd)) === 'killed') kills++;
    expect(kills).toBe(KILLS);

    const last = spawnBot(s.dir, s.env);
    s.bots.push(last);
    await waitFor(logged(last, 'subscriptions delivered'), 'the last bot to finish the fan-out', last);
    expect(await terminate(last)).toMatchObject({ code: 0, signal: null });

    const stores = openStores(s.dbFile);
    const planned = stores.db
      .prepare<[], Planned>(
        `SELECT m.platform, m.target, m.state, json_group_array(d.key) AS keys
         FROM subscription_messages m JOIN deliveries d ON d.subscription_message_id = m.id
         GROUP BY m.id ORDER BY m.id`,
      )
      .all();
    const unsent = stores.db.prepare("SELECT count(*) AS n FROM deliveries WHERE state <> 'sent'").get() as { n: number };
    const recovered = stores.db.prepare('SELECT count(*) AS n FROM deliveries WHERE attempts > 1').get() as { n: number };
    stores.close();

    // One message per subscriber for the cycle, all sent.
    expect(planned).toHaveLength(SLACK_USERS.length + DISCORD_USERS.length);
    expect(new Set(planned.map((p) => `${p.platform}:${p.target}`)).size).toBe(planned.length);
    expect(planned.filter((p) => p.state !== 'sent')).toEqual([]);
    expect(unsent.n).toBe(0);

    // What each subscriber's DM conversation holds, by delivery key, against what was planned for it.
    const seen = (p: Planned): string[] => {
      if (p.platform === 'slack') return (s.slack.messages.get(s.slack.dmChannel(p.target) ?? '') ?? []).map((m) => String(m.metadata?.event_payload.key));
      return (s.discord.channels.get(s.discord.dmChannel(p.target) ?? '') ?? []).map((m) => String(m.nonce));
    };
    let lost = 0;
    let doubled = 0;
    for (const p of planned) {
      const keys = JSON.parse(p.keys) as string[];
      const got = seen(p);
      lost += keys.filter((k) => !got.includes(k)).length;
      doubled += got.length - new Set(got).size + got.filter((k) => !keys.includes(k)).length;
    }
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
    // The kills landed mid-send: some deliveries were claimed twice and found on the platform after a restart.
    expect(recovered.n).toBeGreaterThan(0);
    expect(s.bots.some((b) => b.logs.some((l) => l.msg === 'delivery found already posted after a restart'))).toBe(true);
  }, 300_000);
});
