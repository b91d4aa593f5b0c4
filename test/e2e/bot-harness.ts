/**
 * The real bot (`startBot`) against local fakes on 127.0.0.1: a fake Discord (REST + gateway), a
 * fake Slack Web API (the Bolt app runs in HTTP mode on a free port), and a feed server serving
 * the fixtures as arXiv RSS, the Hugging Face daily papers API, a Korean digest and a Japanese
 * blog. The config is a real YAML file and the database a real SQLite file in a temp folder.
 *
 * The digest clock is simulated (`clock`), and the cron jobs are off (`schedule: false`): a test
 * calls `tick()` where the minute cron would, and `publish()` plays the ingest cron — it changes
 * what the feed server serves and ingests it at the simulated time. (The bot's own ingest, which
 * `tick()` runs before a digest, stamps papers with the real time — see BUG in
 * digest-resilience.test.ts — but everything `publish()` stored is already known to it.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { stringify as toYaml } from 'yaml';
import { startBot, type Bot } from '../../src/bot.js';
import { loadEnv, parseConfig, type Config, type Env } from '../../src/config.js';
import { sourceSpecs } from '../../src/main.js';
import { createIngestRunner } from '../../src/pipeline/run-ingest.js';
import type { TickReport } from '../../src/pipeline/run-digests.js';
import { startFakeDiscord, type FakeDiscord, type FakeMessage as DiscordMessage, type Limit } from '../fakes/fake-discord.js';
import { startFakeSlack, type FakeMessage as SlackMessage, type FakeSlack } from '../fakes/fake-slack.js';
import { route, startFeedServer, type FeedServer, type Route } from '../fakes/feed-server.js';

export const RSS = 'application/rss+xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const MARKDOWN = 'text/markdown; charset=utf-8';
export const TEXT = 'text/plain; charset=utf-8';

/** Where each source lives on the feed server, by source name. */
export const FEED_PATHS = {
  'arxiv-cs.AI': '/rss/cs.AI',
  'hf-daily': '/api/daily_papers',
  'ko-digest': '/digests/ko/latest.md',
  'ja-blog': '/blog/ja/latest.txt',
} as const;
const FORMATS = { 'arxiv-cs.AI': 'arxiv-rss', 'hf-daily': 'hf-daily', 'ko-digest': 'ko-digest', 'ja-blog': 'ja-blog' } as const;
// What cards credit: the Korean digest by its configured label; the others by their defaults.
const LABELS: Partial<Record<string, Record<string, string>>> = { 'ko-digest': { en: 'Daily Papers (Korean)', ko: '데일리 페이퍼', ja: '韓国語デイリー論文' } };
export type FeedName = keyof typeof FEED_PATHS;

/** What the feed server serves on the first day: the fixtures of Wednesday 30 October 2024. */
export const FIXTURE_FEEDS: Record<FeedName, Route> = {
  'arxiv-cs.AI': route.fixture('arxiv/cs.AI.rss.xml', RSS),
  'hf-daily': route.fixture('hf/daily_papers-2024-10-30.json', JSON_TYPE),
  'ko-digest': route.fixture('digests/ko/2024/10/30.md', MARKDOWN),
  'ja-blog': route.fixture('digests/ja/2025-02-24.txt', TEXT),
};

/**
 * The papers with arXiv ids in the first day's fixtures (the Japanese blog adds two more, REGENT
 * and TDMPBC, that name none).
 */
export const FIXTURE_ARXIV_IDS = ['2410.18057', '2410.21242', '2410.21465', '2410.21845', '2410.22304', '2410.22325'];

/** One channel of the config, as in config/paperboy.yaml. */
export interface ChannelYaml {
  platform: 'discord' | 'slack';
  channel: string;
  locale: string;
  time: string;
  timezone: string;
  layout?: 'digest' | 'thread';
  maxPapers?: number;
  emptyDay?: 'notice' | 'silent';
  order?: 'votes' | 'date';
  cadence?: 'daily' | 'weekly' | 'both';
  weekly?: { weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'; time?: string };
}

/** Four channels on two platforms, in three languages and four time zones. */
export const CHANNELS = {
  discordKo: { platform: 'discord', channel: '1300000000000000001', locale: 'ko', time: '09:00', timezone: 'Asia/Seoul' },
  discordEn: { platform: 'discord', channel: '1300000000000000002', locale: 'en', time: '08:00', timezone: 'Europe/Berlin', layout: 'thread' },
  slackJa: { platform: 'slack', channel: 'C0JA0000001', locale: 'ja', time: '09:00', timezone: 'Asia/Tokyo' },
  slackEn: { platform: 'slack', channel: 'C0EN0000001', locale: 'en', time: '07:00', timezone: 'America/New_York' },
} as const satisfies Record<string, ChannelYaml>;

/** One message as a channel member sees it. */
export interface Received {
  /** Platform id: the Discord message id, or the Slack channel and ts. */
  id: string;
  /** A reply in the thread of the message before it. */
  inThread: boolean;
  /** The text a reader sees: content and embeds (Discord), fallback text and blocks (Slack). */
  text: string;
  raw: DiscordMessage | SlackMessage;
}

export interface HarnessOptions {
  /** Simulated time at start (ISO). */
  start: string;
  channels?: ChannelYaml[];
  /** Channels in the config that the fake platforms do not know (Discord answers 10003). */
  unknownChannels?: ChannelYaml[];
  catchUpHours?: number;
  /** The fake Discord's per-channel limit; generous by default so only injected 429s happen. */
  discordRouteLimit?: Limit;
  /** Start the /healthz and /metrics listener on a free port (config `http`). */
  http?: { maxIngestAgeHours?: number };
  /** Slack over Socket Mode (the fake's app-level token) instead of HTTP, with config `slack`. */
  slackSocketMode?: { reconnectDelaySeconds?: number };
  /** An OpenAI-compatible endpoint (a fake LLM's base URL) as LLM_BASE_URL, with LLM_MODEL `test-model`. */
  llmBaseUrl?: string;
  /** More top-level config sections (e.g. `discuss`), as in the YAML file. */
  config?: Record<string, unknown>;
}

export interface Clock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export interface Harness {
  clock: Clock;
  discord: FakeDiscord;
  slack: FakeSlack;
  feeds: FeedServer;
  config: Config;
  env: Env;
  dbFile: string;
  /** The running bot; replaced by `start()`. */
  readonly bot: Bot;
  /** Log lines of every bot started so far (pino JSON). */
  logs: Record<string, unknown>[];
  /** One pass of the digest clock, as the minute cron runs it. */
  tick(): Promise<TickReport>;
  /** Sets the clock, then ticks. */
  tickAt(iso: string): Promise<TickReport>;
  /** Serves these bodies from now on and runs the ingest cron at the simulated time. */
  publish(feeds: Partial<Record<FeedName, Route>>): Promise<void>;
  /** Stops the bot (finishing the message in flight), as SIGTERM does. */
  stop(): Promise<void>;
  /** Starts a new bot on the same config and database. */
  start(): Promise<void>;
  /** Top-level messages the fake Discord stored in a channel (a thread's messages are under the header's id). */
  discordMessages(channel: string): DiscordMessage[];
  /** Messages the fake Slack stored in a channel, thread replies included, in posting order. */
  slackMessages(channel: string): SlackMessage[];
  /** Every message a channel received on either platform, each top-level message followed by its thread. */
  received(channel: ChannelYaml): Received[];
  close(): Promise<void>;
}

function capturingLogger(lines: Record<string, unknown>[]) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return pino({ level: 'info' }, stream);
}

export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-e2e-'));
  const closers: (() => Promise<void>)[] = [() => Promise.resolve(rmSync(dir, { recursive: true, force: true }))];
  // The bot must never send Discord a body Discord would refuse: closing fails the test if it did.
  const refusedBodies: FakeDiscord['validationErrors'] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
    if (refusedBodies.length) throw new Error(`Discord refused ${refusedBodies.length} request bodies:\n${JSON.stringify(refusedBodies.splice(0), null, 1)}`);
  };
  try {
    const discord = await startFakeDiscord({ routeLimit: o.discordRouteLimit ?? { limit: 100, windowMs: 1000 }, globalLimit: { limit: 500, windowMs: 1000 } });
    closers.push(() => discord.close());
    closers.push(async () => void refusedBodies.push(...discord.validationErrors));
    const slack = await startFakeSlack();
    closers.push(() => slack.close());
    const feeds = await startFeedServer(Object.fromEntries(Object.entries(FIXTURE_FEEDS).map(([name, r]) => [FEED_PATHS[name as FeedName], r])));
    closers.push(() => feeds.close());

    const channels = o.channels ?? Object.values(CHANNELS);
    for (const c of channels) {
      if (c.platform === 'discord') discord.addChannel(c.channel);
      else slack.addChannel(c.channel);
    }
    const configFile = join(dir, 'paperboy.yaml');
    const yaml = toYaml({
      timezone: 'UTC',
      ingest: { timeoutSeconds: 5 },
      digest: { catchUpHours: o.catchUpHours ?? 6, firstDigestLookbackHours: 24 },
      ...(o.http ? { http: { port: 0, ...o.http } } : {}),
      ...(o.slackSocketMode ? { slack: o.slackSocketMode } : {}),
      ...(o.llmBaseUrl ? { llm: { timeoutSeconds: 5, retries: 0 } } : {}),
      ...o.config,
      sources: Object.entries(FEED_PATHS).map(([name, path]) => ({ name, url: feeds.url(path), format: FORMATS[name as FeedName], ...(LABELS[name] ? { label: LABELS[name] } : {}) })),
      channels: [...channels, ...(o.unknownChannels ?? [])],
    });
    writeFileSync(configFile, yaml);
    const config = parseConfig(yaml, configFile);
    const dbFile = join(dir, 'paperboy.db');
    const env = loadEnv({
      PAPERBOY_CONFIG: configFile,
      PAPERBOY_DB: dbFile,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'e2e-signing-secret',
      ...(o.slackSocketMode ? { SLACK_APP_TOKEN: slack.appToken } : {}),
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: '0',
      LOG_LEVEL: 'info',
      ...(o.llmBaseUrl ? { LLM_BASE_URL: o.llmBaseUrl, LLM_MODEL: 'test-model' } : {}),
    });

    let now = new Date(o.start);
    const clock: Clock = {
      now: () => new Date(now),
      set: (iso) => void (now = new Date(iso)),
      advance: (ms) => void (now = new Date(now.getTime() + ms)),
    };
    const logs: Record<string, unknown>[] = [];
    const log = capturingLogger(logs);
    let bot: Bot | undefined;
    const running = (): Bot => {
      if (!bot) throw new Error('the bot is not running');
      return bot;
    };
    const stop = async () => {
      const b = bot;
      bot = undefined;
      await b?.stop();
    };
    const start = async () => {
      if (bot) throw new Error('the bot is already running');
      bot = await startBot({ env, config, dbFile, log, now: clock.now, schedule: false, write: () => undefined });
    };
    closers.push(stop);
    await start();

    const harness: Harness = {
      clock,
      discord,
      slack,
      feeds,
      config,
      env,
      dbFile,
      get bot() {
        return running();
      },
      logs,
      tick: () => running().tick(),
      async tickAt(iso) {
        clock.set(iso);
        return running().tick();
      },
      async publish(routes) {
        for (const [name, r] of Object.entries(routes)) feeds.setRoute(FEED_PATHS[name as FeedName], r);
        const { stores } = running();
        const runner = createIngestRunner({
          store: stores.ingest,
          status: stores.status,
          reader: stores.reader,
          facts: stores.sourceFacts,
          load: { timeoutMs: 5000, maxBytes: 1_000_000 },
          log,
          now: clock.now,
        });
        const report = await runner.run(sourceSpecs(config));
        const failed = report.sources.filter((s) => s.failed);
        if (failed.length) throw new Error(`ingest failed: ${JSON.stringify(failed)}`);
      },
      stop,
      start,
      discordMessages: (channel) => discord.channels.get(channel) ?? [],
      slackMessages: (channel) => slack.messages.get(channel) ?? [],
      received: (c) => (c.platform === 'discord' ? receivedOnDiscord(discord, c.channel) : receivedOnSlack(slack, c.channel)),
      close,
    };
    return harness;
  } catch (err) {
    await close();
    throw err;
  }
}

// ---- feeds for later days -----------------------------------------------------------------

export interface ArxivItem {
  id: string;
  title: string;
  abstract: string;
  authors: string;
  categories: string[];
  /** RFC 822 date, e.g. "Thu, 31 Oct 2024 00:00:00 -0400". */
  pubDate: string;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An arXiv RSS feed (as rss.arxiv.org serves it) with these items. */
export function arxivRss(items: ArxivItem[], pubDate: string): Route {
  const body = `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title>cs.AI updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/cs.AI</link>
    <description>cs.AI updates on the arXiv.org e-print archive.</description>
    <language>en-us</language>
    <pubDate>${pubDate}</pubDate>
${items
  .map(
    (i) => `    <item>
      <title>${escapeXml(i.title)}</title>
      <link>https://arxiv.org/abs/${i.id}</link>
      <description>arXiv:${i.id}v1 Announce Type: new
Abstract: ${escapeXml(i.abstract)}</description>
      <guid isPermaLink="false">oai:arXiv.org:${i.id}v1</guid>
${i.categories.map((c) => `      <category>${c}</category>`).join('\n')}
      <pubDate>${i.pubDate}</pubDate>
      <arxiv:announce_type>new</arxiv:announce_type>
      <dc:creator>${escapeXml(i.authors)}</dc:creator>
    </item>`,
  )
  .join('\n')}
  </channel>
</rss>
`;
  return route.body(body, { contentType: RSS });
}

// ---- reading what the fakes received --------------------------------------------------------

function receivedOnDiscord(discord: FakeDiscord, channel: string): Received[] {
  return (discord.channels.get(channel) ?? []).flatMap((m) => [
    { id: m.id, inThread: false, text: discordText(m), raw: m },
    // A thread started from a message is the channel with that message's id.
    ...(discord.channels.get(m.id) ?? []).map((r) => ({ id: r.id, inThread: true, text: discordText(r), raw: r })),
  ]);
}

function receivedOnSlack(slack: FakeSlack, channel: string): Received[] {
  return (slack.messages.get(channel) ?? []).map((m) => ({
    id: `${channel}/${m.ts}`,
    inThread: m.thread_ts !== undefined && m.thread_ts !== m.ts,
    text: slackText(m),
    raw: m,
  }));
}

const ARXIV_ID = /arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/g;

/** The arXiv ids a message links to, each once, in order of appearance. */
export function arxivIds(message: unknown): string[] {
  return [...new Set([...JSON.stringify(message).matchAll(ARXIV_ID)].map((m) => m[1]!))];
}

/** The arXiv ids the messages link to, message by message (a paper twice in the list was sent twice). */
export function idsIn(messages: Received[]): string[] {
  return messages.flatMap((m) => arxivIds(m.raw));
}

/** Everything a reader sees in a Discord message: content and embed texts, in order. */
export function discordText(m: DiscordMessage): string {
  const parts: string[] = [m.content];
  for (const e of m.embeds) {
    const embed = e as { title?: string; description?: string; author?: { name?: string }; fields?: { name: string; value: string }[] };
    parts.push(embed.title ?? '', embed.author?.name ?? '', embed.description ?? '');
    for (const f of embed.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.filter(Boolean).join('\n');
}

/** Everything a reader sees in a Slack message: the blocks' texts (and the fallback text). */
export function slackText(m: SlackMessage): string {
  const parts: string[] = [m.text];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.text === 'string') parts.push(o.text);
    for (const [k, child] of Object.entries(o)) if (k !== 'text' || typeof child !== 'string') visit(child);
  };
  visit(m.blocks);
  return parts.join('\n');
}
