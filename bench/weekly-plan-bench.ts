/**
 * Weekly digest planning for many channels (issue 13: 1,000 channels in under 5 s): for every
 * channel, the week's stored papers, its members' 👍/👎 on them, the ranking, the rendered
 * messages (Discord embeds or Slack blocks) and the digest + outbox written in one transaction —
 * everything the digest clock does before it sends. Three ways, alternating in one process on the
 * same database (each round starts from no digests):
 *
 * - naive (baseline): the week's papers queried per channel, and the 👍/👎 of each paper counted
 *   with a query of its own (one query per channel and paper);
 * - batched (ours, the runner's path): the week's papers queried once per distinct week, sources
 *   and keyword need and shared (in votes order), the counts of a channel's week in one query,
 *   the papers' views read once per tick;
 * - daily (reference): the daily digest of the same channels planned for one day of papers.
 *
 *   node --expose-gc --import tsx bench/weekly-plan-bench.ts [--channels 1000] [--per-day 500] [--clicks 20] [--rounds 3] [--arms naive,batched,daily]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discordRenderer } from '../src/adapters/discord/discord-poster.js';
import { slackRenderer } from '../src/adapters/slack/slack-poster.js';
import { DEFAULT_CHANNEL_SETTINGS, type Channel, type ChannelSpec } from '../src/core/channel.js';
import type { ChatPoster } from '../src/core/chat-poster.js';
import { latestWeeklySlot } from '../src/core/iso-week.js';
import type { SourceEntry } from '../src/core/types.js';
import { NO_ENGAGEMENT } from '../src/core/weekly-ranking.js';
import { latestSlot } from '../src/core/zoned-time.js';
import { createFeedbackStore } from '../src/db/feedback-store.js';
import { buildWeeklyEngagement, openStores, type Stores } from '../src/main.js';
import { planDigest, type PlanDeps } from '../src/pipeline/plan-digest.js';
import { planWeeklyDigest, sharedPaperViews, sharedWeekCandidates, type WeeklyPlanDeps } from '../src/pipeline/plan-weekly.js';
import type { WeeklyEngagement } from '../src/pipeline/weekly-engagement.js';
import { flag, gc, isMain, median, ms, ratio, table } from './bench-util.js';

const ZONES = ['Asia/Seoul', 'Asia/Tokyo', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'UTC', 'Australia/Sydney'];
const SOURCES = ['arxiv-cs.AI', 'hf-daily'];
const WEEK_START = Date.parse('2024-10-27T00:00:00Z');
/** Tuesday after the week: every zone's Monday 09:00 slot of 2024-W45 has passed. */
const NOW = new Date('2024-11-05T02:00:00Z');

function entry(n: number): SourceEntry {
  const id = `2410.${String(50000 + n)}`;
  return {
    entryKey: `arxiv:${id}`, kind: 'paper', arxivId: id, title: `Weekly bench paper ${n} on ${n % 3 === 0 ? 'retrieval' : 'agents'}`, authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: `Abstract ${n}: a made-up study for the weekly planning benchmark. `.repeat(4), categories: [n % 2 === 0 ? 'cs.CL' : 'cs.AI'], votes: n % 97,
    links: { arxiv: `https://arxiv.org/abs/${id}` }, summaries: [{ locale: 'ko', sections: [{ kind: 'whats_new', text: `논문 ${n}의 요약. `.repeat(10) }] }],
  } as SourceEntry;
}

function specs(channels: number): ChannelSpec[] {
  return Array.from({ length: channels }, (_, i) => ({
    platform: i % 2 === 0 ? 'discord' : 'slack',
    channel: i % 2 === 0 ? String(1_500_000_000_000_000_000n + BigInt(i)) : `C0W${String(i).padStart(7, '0')}`,
    locale: ['en', 'ko', 'ja'][i % 3]!,
    time: '09:00',
    timezone: ZONES[i % ZONES.length]!,
    settings: {
      ...DEFAULT_CHANNEL_SETTINGS,
      cadence: 'both',
      weekly: { weekday: 'mon', time: '09:00' },
      // One channel in ten reads only one source, one in ten only cs.CL.
      ...(i % 10 === 3 ? { sources: ['hf-daily'] } : {}),
      ...(i % 10 === 7 ? { categories: ['cs.CL'] } : {}),
    },
  }));
}

/** A week of papers (per day, first stored through the day), the channels, and `clicks` 👍/👎 per channel on the week's papers. */
function build(file: string, o: { channels: number; perDay: number; clicks: number }): Stores {
  const stores = openStores(file);
  for (let day = 0; day < 8; day++) {
    for (const [s, source] of SOURCES.entries()) {
      const n = s === 0 ? o.perDay - 20 : 20;
      const entries = Array.from({ length: n }, (_, k) => entry(day * o.perDay + s * 10_000 + k));
      stores.ingest.applyEntries(source, source === 'hf-daily' ? 'hf-daily' : 'arxiv-rss', entries, new Date(WEEK_START + day * 86_400_000 + 3_600_000 * (s + 1)).toISOString());
    }
  }
  stores.channels.syncFromConfig(specs(o.channels), '2024-10-01T00:00:00Z');
  const ids = stores.db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
  const feedback = createFeedbackStore(stores.db);
  let seed = 1;
  const rand = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
  stores.db.transaction(() => {
    for (const c of stores.channels.list()) {
      for (let k = 0; k < o.clicks; k++) {
        feedback.record({ platform: c.platform, workspace: 'w', channel: c.channel, actor: `u${rand(8)}`, paperId: ids[rand(ids.length)]!, value: rand(5) === 0 ? -1 : 1, origin: 'button', at: new Date(WEEK_START + rand(7 * 86_400_000)).toISOString() });
      }
    }
  })();
  return stores;
}

/** The naive counter: one query per paper (the latest vote of each person in the channel). */
function naiveEngagement(stores: Stores): WeeklyEngagement {
  const one = stores.db.prepare<[string, string, number, string, string], { likes: number; dislikes: number }>(
    `SELECT coalesce(sum(value = 1), 0) AS likes, coalesce(sum(value = -1), 0) AS dislikes FROM feedback_events f
     WHERE id IN (SELECT max(id) FROM feedback_events WHERE platform = ? AND channel = ? AND paper_id = ? AND at > ? AND at <= ? GROUP BY actor)`,
  );
  return (channel, ids, w) => new Map(ids.map((id) => [id, { ...NO_ENGAGEMENT, ...one.get(channel.platform, channel.channel, id, w.from, w.until)! }]));
}

const posterFor = (c: Channel): ChatPoster => ({
  ...(c.platform === 'discord' ? discordRenderer : slackRenderer),
  platform: c.platform,
  send: () => Promise.reject(new Error('planning only')),
  openDirect: () => Promise.reject(new Error('planning only')),
  findSent: () => Promise.resolve(undefined),
});

type Arm = 'naive (baseline)' | 'batched (ours)' | 'daily (reference)';

function plan(stores: Stores, arm: Arm): { ms: number; cpu: number; papers: number } {
  stores.db.prepare('DELETE FROM digests').run();
  gc();
  const base: PlanDeps = { digests: stores.digests, reader: stores.reader, firstDigestLookbackHours: 24 };
  const t = performance.now();
  const cpu = process.cpuUsage();
  const channels = stores.channels.list();
  if (arm === 'daily (reference)') {
    for (const c of channels) planDigest(base, c, posterFor(c), latestSlot(NOW, c.time, c.timezone), NOW);
  } else {
    const deps: WeeklyPlanDeps = arm === 'batched (ours)'
      ? { ...base, engagement: buildWeeklyEngagement(stores.db), weekCandidates: sharedWeekCandidates(stores.digests), views: sharedPaperViews(stores.reader) }
      : { ...base, engagement: naiveEngagement(stores) };
    for (const c of channels) planWeeklyDigest(deps, c, posterFor(c), latestWeeklySlot(NOW, { ...c.settings.weekly, timezone: c.timezone }), NOW);
  }
  const elapsed = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const papers = stores.db.prepare('SELECT coalesce(sum(paper_count), 0) FROM digests').pluck().get() as number;
  return { ms: elapsed, cpu: (used.user + used.system) / 1000, papers };
}

export function runWeeklyPlanBench(o: { channels: number; perDay: number; clicks: number; rounds: number; arms?: string }): void {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-weekly-'));
  try {
    const t = performance.now();
    const stores = build(join(dir, 'weekly.db'), o);
    const built = performance.now() - t;
    const arms = (['naive (baseline)', 'batched (ours)', 'daily (reference)'] as Arm[]).filter((a) => !o.arms || o.arms.split(',').some((x) => a.startsWith(x)));
    const times = new Map<Arm, number[]>(arms.map((a) => [a, []]));
    const cpus = new Map<Arm, number[]>(arms.map((a) => [a, []]));
    const shown = new Map<Arm, number>();
    for (let round = 0; round < o.rounds; round++) {
      for (const arm of round % 2 === 0 ? arms : [...arms].reverse()) {
        const r = plan(stores, arm);
        times.get(arm)!.push(r.ms);
        cpus.get(arm)!.push(r.cpu);
        shown.set(arm, r.papers);
      }
    }
    const papers = stores.db.prepare('SELECT count(*) FROM papers').pluck().get() as number;
    const events = stores.db.prepare('SELECT count(*) FROM feedback_events').pluck().get() as number;
    stores.close();
    const base = median(times.get(arms[0]!)!);
    console.log(`\n## Weekly digest planning: ${o.channels} channels (${ZONES.length} zones, Discord and Slack, en/ko/ja), ${papers} papers over 8 days, ${events} 👍/👎 events; median of ${o.rounds} alternating rounds (setup ${ms(built)} ms)\n`);
    console.log(table(
      ['planning', 'wall ms', 'CPU ms', 'per channel ms', 'papers in digests', `vs ${arms[0]!.split(' ')[0]}`],
      arms.map((a) => {
        const m = median(times.get(a)!);
        return [a, ms(m), ms(median(cpus.get(a)!)), ms(m / o.channels), String(shown.get(a) ?? 0), ratio(base, m)];
      }),
    ));
    const ours = median(times.get('batched (ours)')!);
    console.log(`\ngoal: ${o.channels} channels in < 5000 ms → ${ms(ours)} ms wall ${ours < 5000 ? '(met)' : '(NOT met)'}; load average now ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  runWeeklyPlanBench({
    channels: Number(flag(args, 'channels') ?? 1000),
    perDay: Number(flag(args, 'per-day') ?? 500),
    clicks: Number(flag(args, 'clicks') ?? 20),
    rounds: Number(flag(args, 'rounds') ?? 3),
    ...(flag(args, 'arms') ? { arms: flag(args, 'arms')! } : {}),
  });
}
