/**
 * Subscription fan-out: one cycle's messages to N subscribers by direct message (each needs its
 * DM channel opened, then one message), through the outbox (the bot's path: plan every message
 * with its papers, then claim, send and mark each, `digest.concurrency` subscribers at once)
 * against the old direct path (bench/subscription-direct-baseline.ts: open, send, record, one
 * subscriber after another). Same database layout, same papers, same real clients (Slack
 * web-api, discord.js REST) against the fakes, run alternately in one process; lost and doubled
 * messages are counted from what the fake stored.
 *
 *   node --import tsx bench/subscription-fanout-bench.ts [--subscribers 1000] [--discord 200] [--runs 2] [--concurrency 64]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createChatClients } from '../src/chat-clients.js';
import { loadEnv, parseConfig } from '../src/config.js';
import type { Platform } from '../src/core/chat-poster.js';
import { parseTopic, topicKey } from '../src/core/topic.js';
import type { SourceEntry } from '../src/core/types.js';
import { buildSubscriptionDelivery, openStores } from '../src/main.js';
import { startFakeDiscord } from '../test/fakes/fake-discord.js';
import { startFakeSlack } from '../test/fakes/fake-slack.js';
import { flag, isMain, table } from './bench-util.js';
import { deliverDirect } from './subscription-direct-baseline.js';

type Mode = 'direct (before)' | 'outbox (now)';
const NOW = new Date('2024-10-30T09:00:00.000Z');

function paper(n: number): SourceEntry {
  const id = `2410.${String(40000 + n)}`;
  return { entryKey: `arxiv:${id}`, kind: 'paper', arxivId: id, title: `Quokka paper ${n}`, authors: ['Ada Lovelace'], abstract: `Quokka agents, part ${n}.`, categories: ['cs.AI'], links: { arxiv: `https://arxiv.org/abs/${id}` } };
}

const userIds = (platform: Platform, n: number): string[] =>
  Array.from({ length: n }, (_, i) => (platform === 'slack' ? `U0B${String(i).padStart(7, '0')}` : String(1_600_000_000_000_000_000n + BigInt(i))));

/** One cycle to `n` subscribers of `platform` by `mode`; wall seconds and what the fake received. */
async function runOnce(platform: Platform, n: number, mode: Mode, concurrency: number) {
  const dir = mkdtempSync(join(os.tmpdir(), 'paperboy-subbench-'));
  const slack = platform === 'slack' ? await startFakeSlack() : undefined;
  const discord = platform === 'discord' ? await startFakeDiscord({ globalLimit: { limit: 50, windowMs: 1000 } }) : undefined;
  const users = userIds(platform, n);
  for (const u of users) slack?.addUser(u);
  const env = loadEnv(slack ? { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: 'bench' } : { DISCORD_TOKEN: discord!.token, DISCORD_API_URL: discord!.apiUrl });
  const log = pino({ level: 'error' });
  const chat = createChatClients(env, log, { connect: false });
  const stores = openStores(join(dir, 'paperboy.db'));
  try {
    const topic = parseTopic('quokka');
    const before = new Date(NOW.getTime() - 3_600_000).toISOString();
    stores.db.transaction(() => {
      for (const u of users) stores.subscriptions.add({ platform, scope: 'me', target: u, topic: topicKey(topic), topicJson: JSON.stringify(topic), locale: 'en', createdBy: u, now: before });
    })();
    stores.ingest.applyEntries('arxiv', 'arxiv-rss', [1, 2, 3].map(paper), new Date(NOW.getTime() - 60_000).toISOString());
    const config = parseConfig(`digest:\n  concurrency: ${concurrency}\n`, 'bench');
    const started = performance.now();
    if (mode === 'outbox (now)') await buildSubscriptionDelivery(stores, config, chat, log, () => NOW)();
    else await deliverDirect({ subscriptions: stores.subscriptions, reader: stores.reader, posterFor: (p) => chat.posters[p]!, now: NOW, maxPerMessage: 10 });
    const wallS = (performance.now() - started) / 1000;
    const received = users.map((u) => {
      if (slack) return (slack.messages.get(slack.dmChannel(u) ?? '') ?? []).length;
      return (discord!.channels.get(discord!.dmChannel(u) ?? '') ?? []).length;
    });
    return { wallS, lost: received.filter((r) => r === 0).length, doubled: received.filter((r) => r > 1).length };
  } finally {
    await chat.stop();
    stores.close();
    await Promise.all([slack?.close(), discord?.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runSubscriptionFanoutBench(o: { subscribers: number; discord: number; runs: number; concurrency: number }): Promise<void> {
  console.log(`\n## Subscription fan-out: one cycle by direct message, outbox vs direct\n`);
  const rows: string[][] = [];
  for (const [platform, n] of [['slack', o.subscribers], ['discord', o.discord]] as const) {
    if (n === 0) continue;
    const times: Record<Mode, number[]> = { 'direct (before)': [], 'outbox (now)': [] };
    const faults: Record<Mode, { lost: number; doubled: number }> = { 'direct (before)': { lost: 0, doubled: 0 }, 'outbox (now)': { lost: 0, doubled: 0 } };
    // Alternating, so a change in the machine's load hits both paths alike.
    for (let r = 0; r < o.runs; r++) {
      for (const mode of ['direct (before)', 'outbox (now)'] as const) {
        const res = await runOnce(platform, n, mode, o.concurrency);
        times[mode].push(res.wallS);
        faults[mode].lost += res.lost;
        faults[mode].doubled += res.doubled;
        console.log(`  ${platform} ×${n} ${mode}: ${res.wallS.toFixed(2)} s`);
      }
    }
    const base = median(times['direct (before)']);
    for (const mode of ['direct (before)', 'outbox (now)'] as const) {
      const m = median(times[mode]);
      rows.push([platform, String(n), mode, times[mode].map((t) => t.toFixed(2)).join(', '), m.toFixed(2), (n / m).toFixed(0), (m / base).toFixed(2), String(faults[mode].lost), String(faults[mode].doubled)]);
    }
  }
  console.log(`\n${table(['platform', 'subscribers', 'path', 'wall s per run', 'median s', 'subscribers/s', 'time vs direct', 'lost', 'doubled'], rows)}`);
  console.log(`\nconcurrency (outbox path) = digest.concurrency ${o.concurrency}; the direct path sends one subscriber at a time. Fakes run in this process.`);
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  console.log(`# Paperboy subscription fan-out benchmark\n\ndate: ${new Date().toISOString()}\nmachine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}`);
  console.log(`command: node --import tsx bench/subscription-fanout-bench.ts ${args.join(' ')}`.trimEnd());
  console.log(`load average at start (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await runSubscriptionFanoutBench({
    subscribers: Number(flag(args, 'subscribers') ?? 1000),
    discord: Number(flag(args, 'discord') ?? 200),
    runs: Number(flag(args, 'runs') ?? 2),
    concurrency: Number(flag(args, 'concurrency') ?? 64),
  });
  console.log(`load average at end (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
