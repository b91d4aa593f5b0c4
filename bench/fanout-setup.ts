/**
 * The world one fan-out scenario runs in: a temp database with N channels that share one local
 * digest time, a few papers every channel gets, and a digest runner built the way the bot builds
 * it (openStores + buildDigestRunner) around real chat clients pointed at a fake platform.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createChatClients, type ChatClients } from '../src/chat-clients.js';
import { loadEnv, parseConfig, type Config } from '../src/config.js';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSpec } from '../src/core/channel.js';
import type { ChatPoster, Platform } from '../src/core/chat-poster.js';
import type { DigestLayout } from '../src/core/digest-model.js';
import type { SourceEntry } from '../src/core/types.js';
import { buildDigestRunner, openStores, type Stores } from '../src/main.js';

/** The simulated day: channels exist from 08:00 UTC, papers arrive at 08:30, the digest is due at 09:00. */
const ADDED_AT = '2024-10-30T08:00:00.000Z';
const PAPERS_AT = '2024-10-30T08:30:00.000Z';
const TICK_AT = Date.parse('2024-10-30T09:00:05.000Z');
/** The most `digest.concurrency` the config schema accepts. */
export const CONFIG_MAX_CONCURRENCY = 256;

/** Discord snowflakes (19 digits) or Slack channel ids (C…), one per channel. */
export function channelIds(platform: Platform, n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    platform === 'discord' ? String(1_300_000_000_000_000_000n + BigInt(i)) : `C${String(i).padStart(9, '0')}`,
  );
}

function paper(n: number): SourceEntry {
  const id = `2410.${String(30000 + n)}`;
  return {
    entryKey: `arxiv:${id}`,
    kind: 'paper',
    arxivId: id,
    title: `Fan-out paper ${n}: retrieval at scale`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: `Abstract of paper ${n}. It studies how one digest reaches many channels.`,
    categories: ['cs.CL'],
    votes: 100 - n,
    links: { arxiv: `https://arxiv.org/abs/${id}` },
  };
}

/** Counts warnings and errors (failed sends, outlasted rate limits) and keeps the first few. */
export function countingLogger() {
  const seen = { warn: 0, error: 0, first: [] as string[] };
  const log = pino({ level: 'warn' }, {
    write(line: string) {
      const { level, msg } = JSON.parse(line) as { level: number; msg: string };
      if (level >= 50) seen.error++;
      else seen.warn++;
      if (seen.first.length < 3) seen.first.push(msg);
    },
  });
  return { log, seen };
}

/** `digest.concurrency` as an operator would set it; above the schema's maximum it is set directly. */
export function configWith(concurrency: number): Config {
  const config = parseConfig(`digest:\n  concurrency: ${Math.min(concurrency, CONFIG_MAX_CONCURRENCY)}\n`, 'fanout-bench');
  return concurrency <= CONFIG_MAX_CONCURRENCY ? config : { ...config, digest: { ...config.digest, concurrency } };
}

/** When the sends of one tick started and ended (the time before the first send is planning). */
export interface SendTiming {
  firstStart: number;
  lastEnd: number;
  sends: number;
  failures: number;
}

/** The chat clients with every poster wrapped to time its sends; everything else passes through. */
function timedChat(chat: ChatClients): { chat: ChatClients; timing: SendTiming } {
  const timing: SendTiming = { firstStart: Infinity, lastEnd: 0, sends: 0, failures: 0 };
  const wrapped = new Map<ChatPoster, ChatPoster>();
  const wrap = (p: ChatPoster): ChatPoster => ({
    platform: p.platform,
    render: (model, layout) => p.render(model, layout),
    requestBody: (channel, message, options) => p.requestBody(channel, message, options),
    findSent: (channel, key, since, message, threadOf) => p.findSent(channel, key, since, message, threadOf),
    openDirect: (userId) => p.openDirect(userId),
    async send(channel, message, options) {
      timing.firstStart = Math.min(timing.firstStart, performance.now());
      timing.sends++;
      try {
        return await p.send(channel, message, options);
      } catch (err) {
        timing.failures++;
        throw err;
      } finally {
        timing.lastEnd = Math.max(timing.lastEnd, performance.now());
      }
    },
  });
  const posterFor = (channel: Parameters<ChatClients['posterFor']>[0]): ChatPoster => {
    const poster = chat.posterFor(channel);
    let w = wrapped.get(poster);
    if (!w) wrapped.set(poster, (w = wrap(poster)));
    return w;
  };
  return { chat: { ...chat, posterFor }, timing };
}

export interface WorldOptions {
  platform: Platform;
  channels: string[];
  layout: DigestLayout;
  papers: number;
  concurrency: number;
  /** DISCORD_* or SLACK_* variables pointing at the fake. */
  env: Record<string, string>;
}

export interface World {
  stores: Stores;
  runner: ReturnType<typeof buildDigestRunner>;
  chat: ChatClients;
  timing: SendTiming;
  seen: ReturnType<typeof countingLogger>['seen'];
  close(): Promise<void>;
}

/** A temp database seeded with the channels and papers, and a runner whose clock stands at the slot. */
export function createWorld(o: WorldOptions): World {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-fanout-'));
  const stores = openStores(join(dir, 'fanout.db'));
  const settings = { ...DEFAULT_CHANNEL_SETTINGS, layout: o.layout, maxPapers: Math.max(o.papers, 1) };
  const specs: ChannelSpec[] = o.channels.map((channel) => ({ platform: o.platform, channel, locale: 'en', time: '09:00', timezone: 'UTC', settings }));
  stores.channels.syncFromConfig(specs, ADDED_AT);
  stores.ingest.applyEntries('arxiv', 'arxiv-rss', Array.from({ length: o.papers }, (_, i) => paper(i + 1)), PAPERS_AT);

  const { log, seen } = countingLogger();
  const env = loadEnv({ PAPERBOY_DB: join(dir, 'fanout.db'), ...o.env });
  const base = createChatClients(env, log, { connect: false });
  const { chat, timing } = timedChat(base);
  // The simulated clock starts at the slot and then runs with real time, so claim and sent times are ordered.
  const realStart = Date.now();
  const now = () => new Date(TICK_AT + (Date.now() - realStart));
  const runner = buildDigestRunner({ stores, config: configWith(o.concurrency), chat, log, ingest: async () => undefined, now });
  return {
    stores,
    runner,
    chat: base,
    timing,
    seen,
    async close() {
      await base.stop();
      stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
