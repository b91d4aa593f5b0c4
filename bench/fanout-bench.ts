/**
 * Fan-out of one day's digest to many channels through the real posters (discord.js REST,
 * Slack web-api) against the fakes with their rate limits on: Discord 50 requests/s globally and
 * 5 messages per 5 s per channel, Slack 1 message/s per channel. One `runner.tick()` sends every
 * channel's digest; measured: wall time against the floor the limits allow (target ≤ 1.10×),
 * 429s served (target < 1% of requests), messages lost or doubled (target 0), checked against
 * both the fake's stored messages and the outbox.
 *
 *   node --import tsx bench/fanout-bench.ts [--channels 1000] [--only discord|slack]
 *     [--discord-concurrency 32,256] [--slack-concurrency 256,1000] [--slack-papers 2]
 *     [--thread-channels 10] [--thread-papers 15]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Platform } from '../src/core/chat-poster.js';
import type { DigestLayout } from '../src/core/digest-model.js';
import type { TickReport } from '../src/pipeline/run-digests.js';
import { flag, int, isMain, table } from './bench-util.js';
import { startFakeProcess } from './fanout-fake-process.js';
import { channelIds, CONFIG_MAX_CONCURRENCY, createWorld, type World } from './fanout-setup.js';
import { discordFloor, plannedDeliveries, slackFloor, verify, type Delivery, type Floor } from './fanout-verify.js';

export interface Scenario {
  platform: Platform;
  layout: DigestLayout;
  channels: number;
  papers: number;
  concurrency: number;
  /** Why this scenario is in the run. */
  note: string;
}

export interface ScenarioResult {
  scenario: Scenario;
  messages: number;
  requests: number;
  served429: number;
  floor: Floor;
  planS: number;
  wallS: number;
  /** CPU seconds the benchmark process (client side) and the fake's process spent in the tick. */
  clientCpuS: number;
  fakeCpuS: number;
  delivery: Delivery;
  outcomes: Record<string, number>;
  warnings: number;
  errors: number;
  firstLogs: string[];
}

export interface FanoutOptions {
  channels: number;
  only?: Platform;
  discordConcurrency: number[];
  slackConcurrency: number[];
  slackPapers: number;
  threadChannels: number;
  threadPapers: number;
}

export function scenarios(o: FanoutOptions): Scenario[] {
  const discord: Scenario[] = [
    ...o.discordConcurrency.map((concurrency) => ({
      platform: 'discord' as const, layout: 'digest' as const, channels: o.channels, papers: 3, concurrency,
      note: 'digest layout, 1 message per channel: the 50/s global limit binds',
    })),
    { platform: 'discord', layout: 'thread', channels: o.threadChannels, papers: o.threadPapers, concurrency: o.discordConcurrency[0] ?? 32,
      note: `thread layout, header + thread + ${o.threadPapers} replies: the 5-per-5-s limit of each thread binds` },
  ];
  const slack: Scenario[] = o.slackConcurrency.map((concurrency) => ({
    platform: 'slack', layout: 'thread', channels: o.channels, papers: o.slackPapers, concurrency,
    note: `thread layout, ${o.slackPapers + 1} messages per channel: 1 message/s per channel binds`,
  }));
  return [...(o.only === 'slack' ? [] : discord), ...(o.only === 'discord' ? [] : slack)];
}

function tally(report: TickReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of report.results) out[r.outcome] = (out[r.outcome] ?? 0) + 1;
  return out;
}

export async function runScenario(s: Scenario): Promise<ScenarioResult> {
  const ids = channelIds(s.platform, s.channels);
  const fake = await startFakeProcess(s.platform, ids);
  const env: Record<string, string> = s.platform === 'discord'
    ? { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }
    : { SLACK_BOT_TOKEN: fake.token, SLACK_API_URL: fake.apiUrl, SLACK_SIGNING_SECRET: 'fanout-bench-secret' };
  let world: World | undefined;
  try {
    world = createWorld({ ...s, channels: ids, env });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const report = await world.runner.tick();
    const ended = performance.now();
    const { user, system } = process.cpuUsage(cpu);
    const planned = plannedDeliveries(world.stores.db);
    const { requests, served429, received, cpuS } = await fake.collect();
    return {
      scenario: s,
      messages: planned.length,
      requests,
      served429,
      floor: s.platform === 'discord' ? discordFloor(planned) : slackFloor(planned),
      planS: (Math.min(world.timing.firstStart, ended) - started) / 1000,
      wallS: (ended - started) / 1000,
      clientCpuS: (user + system) / 1e6,
      fakeCpuS: cpuS,
      delivery: verify(s.platform, planned, received),
      outcomes: tally(report),
      warnings: world.seen.warn,
      errors: world.seen.error,
      firstLogs: world.seen.first,
    };
  } finally {
    await world?.close();
    fake.kill();
  }
}

const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((a / b) * 100).toFixed(a === 0 ? 0 : 2)}%`);
const sec = (s: number): string => s.toFixed(s < 10 ? 2 : 1);
const mark = (ok: boolean): string => (ok ? '' : ' ✗');

export function resultTable(results: ScenarioResult[]): string {
  const rows = results.map((r) => {
    const s = r.scenario;
    const d = r.delivery;
    const ratio = r.wallS / r.floor.floorS;
    const conc = s.concurrency > CONFIG_MAX_CONCURRENCY ? `${s.concurrency}*` : String(s.concurrency);
    return [
      s.platform, s.layout, int(s.channels), int(r.messages), int(r.requests), conc,
      sec(r.floor.floorS), sec(r.planS), sec(r.wallS), `${ratio.toFixed(2)}×${mark(ratio <= 1.1)}`,
      `${int(r.served429)} (${pct(r.served429, r.requests)})${mark(r.served429 < r.requests * 0.01)}`,
      `${int(d.lost)}${mark(d.lost === 0)}`, `${int(d.doubled)}${mark(d.doubled === 0)}`,
      `${int(d.outboxSent)}/${int(d.planned)}${mark(d.outboxSent === d.planned && d.digestsUnsent === 0 && d.misplaced === 0 && d.idMismatch === 0)}`,
      `${r.clientCpuS.toFixed(1)} / ${r.fakeCpuS.toFixed(1)}`,
    ];
  });
  return table(
    ['platform', 'layout', 'channels', 'messages', 'requests', 'concurrency', 'floor s', 'plan s', 'wall s', 'wall/floor', '429s (% of requests)', 'lost', 'doubled', 'outbox sent', 'CPU s bench / fake'],
    rows,
  );
}

function details(results: ScenarioResult[]): string {
  return results
    .map((r) => {
      const s = r.scenario;
      const f = r.floor;
      const d = r.delivery;
      const outcomes = Object.entries(r.outcomes).map(([k, v]) => `${k} ${int(v)}`).join(', ');
      const logs = r.warnings + r.errors ? `; log: ${r.warnings} warnings, ${r.errors} errors (first: ${r.firstLogs.join(' | ')})` : '';
      return (
        `- ${s.platform} ${s.layout} ×${int(s.channels)} @ concurrency ${s.concurrency} (${s.note}): ` +
        `floor = max(global ${sec(f.globalS)} s, per channel ${sec(f.perChannelS)} s) for ${int(f.requests)} necessary requests; ` +
        `send phase ${sec(r.wallS - r.planS)} s = ${((r.wallS - r.planS) / f.floorS).toFixed(2)}× floor; ` +
        `bench CPU ${((r.clientCpuS / Math.max(1, r.messages)) * 1000).toFixed(2)} ms per message (planning included); ` +
        `digests: ${outcomes}; received ${int(d.received)}, unique ${int(d.unique)}, misplaced ${d.misplaced}, ` +
        `outbox id ≠ platform id ${d.idMismatch}, digests not 'sent' ${d.digestsUnsent}${logs}`
      );
    })
    .join('\n');
}

export async function runFanoutBench(o: FanoutOptions): Promise<ScenarioResult[]> {
  console.log(`\n## Fan-out: one day's digest to ${int(o.channels)} channels\n`);
  const results: ScenarioResult[] = [];
  for (const s of scenarios(o)) {
    const t = performance.now();
    const r = await runScenario(s);
    results.push(r);
    console.log(`  ${s.platform} ${s.layout} ×${int(s.channels)} @ ${s.concurrency}: wall ${sec(r.wallS)} s (scenario ${sec((performance.now() - t) / 1000)} s)`);
  }
  console.log(`\n${resultTable(results)}\n`);
  console.log(details(results));
  console.log(
    `\nfloor: Discord = max(necessary requests / 50 per s, (⌈m/5⌉ − 1) × 5 s for the busiest bucket of m messages; a thread is its own bucket);` +
      ` a fixed 1-s window admits the last 50 requests at the start of the last second, so the strict global minimum is 1 s under requests/50.` +
      ` Slack = (messages per channel − 1) × 1 s. wall = the whole runner.tick() (planning every digest into the outbox, then sending);` +
      ` plan s = tick start to the first send. * = above the config's maximum digest.concurrency (${CONFIG_MAX_CONCURRENCY}), set directly.` +
      ` ✗ = target missed (wall ≤ 1.10× floor, 429s < 1% of requests, 0 lost, 0 doubled, every delivery 'sent' where planned).` +
      ` The fake runs in a child process; CPU s = CPU time of the benchmark process during the tick / of the fake's process.`,
  );
  return results;
}

function list(value: string | undefined, fallback: number[], channels: number): number[] {
  if (!value) return fallback;
  return value.split(',').map((v) => (v.trim() === 'N' ? channels : Number(v)));
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const channels = Number(flag(args, 'channels') ?? 1000);
  const only = flag(args, 'only');
  console.log(`# Paperboy fan-out benchmark\n\ndate: ${new Date().toISOString()}\nmachine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}`);
  console.log(`command: node --import tsx bench/fanout-bench.ts ${args.join(' ')}`.trimEnd());
  const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`load average at start (1/5/15 min): ${load()}`);
  const started = performance.now();
  await runFanoutBench({
    channels,
    ...(only === 'discord' || only === 'slack' ? { only } : {}),
    discordConcurrency: list(flag(args, 'discord-concurrency'), [32, CONFIG_MAX_CONCURRENCY], channels),
    slackConcurrency: list(flag(args, 'slack-concurrency'), [CONFIG_MAX_CONCURRENCY, channels], channels),
    slackPapers: Number(flag(args, 'slack-papers') ?? 2),
    threadChannels: Number(flag(args, 'thread-channels') ?? 10),
    threadPapers: Number(flag(args, 'thread-papers') ?? 15),
  });
  console.log(`\ntotal ${sec((performance.now() - started) / 1000)} s; load average at end: ${load()}`);
}
