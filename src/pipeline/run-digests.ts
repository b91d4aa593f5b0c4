/**
 * The digest clock: for every channel, the latest slot at or before now (its local time in its
 * zone). A slot without a digest is planned and sent if it is within the catch-up window, and
 * recorded as missed otherwise; a digest left unfinished (crash, outage) is resumed. Ingest
 * runs once before any digest is planned. A digest whose sources could not be read waits and
 * retries within the window, then is held (hold-digest.ts). One channel's failure never stops the others.
 */
import { hasDaily, hasWeekly, type Channel } from '../core/channel.js';
import type { ChatPoster } from '../core/chat-poster.js';
import { latestWeeklySlot, type WeeklySlot } from '../core/iso-week.js';
import { latestSlot } from '../core/zoned-time.js';
import type { ChannelStore } from '../db/channel-store.js';
import { createFailureLog } from '../log.js';
import { endOfWindow, retryDue, waitForSources, type HoldDeps } from './hold-digest.js';
import type { PipelineMetrics } from './metrics.js';
import { mapLimit } from './map-limit.js';
import { planDigest, windowStartFor, type PlanDeps } from './plan-digest.js';
import { planWeeklyDigest, sharedPaperViews, sharedWeekCandidates, type WeeklyPlanDeps } from './plan-weekly.js';
import { sendDigest, type SendDeps, type SendOutcome } from './send-digest.js';
import { checkSources, type SourceReadDeps } from './source-reads.js';

export interface DigestRunnerDeps extends PlanDeps, SendDeps, SourceReadDeps, HoldDeps, Pick<WeeklyPlanDeps, 'engagement'> {
  channels: ChannelStore;
  posterFor(channel: Channel): ChatPoster;
  /** Runs an ingest of all sources; called once before digests are planned. */
  ingest(): Promise<void>;
  catchUpHours: number;
  /** How many channels are sent to at once. */
  concurrency: number;
  /** Runs after the ingest and before planning (summary generation for these channels' languages). */
  prepare?(channels: Channel[]): Promise<unknown>;
  metrics?: PipelineMetrics;
}

export interface TickReport {
  planned: number;
  /** `date`: a daily digest's local date, or a weekly one's ISO week (with `kind: 'weekly'`). */
  results: { channel: string; date: string; kind?: 'weekly'; outcome: SendOutcome | 'error' }[];
  missed: { channel: string; date: string; kind?: 'weekly' }[];
  /** Digests not posted because none of their sources could be read: still retrying, or held at the window's end. */
  waiting: { channel: string; date: string }[];
  held: { channel: string; date: string }[];
}

export function createDigestRunner(deps: DigestRunnerDeps) {
  let running: Promise<TickReport> | undefined;
  // A digest that keeps failing is retried every minute: its error is logged once per channel until it changes.
  const failures = createFailureLog(deps.log);

  function classify(now: Date, report: TickReport) {
    const due: { channel: Channel; slot: { date: string; at: Date } }[] = [];
    const weekly: { channel: Channel; slot: WeeklySlot }[] = [];
    const resume = new Map<number, Channel>();
    for (const channel of deps.channels.list()) {
      if (hasWeekly(channel)) classifyWeekly(channel, now, weekly, report);
      if (!hasDaily(channel)) continue;
      const slot = latestSlot(now, channel.time, channel.timezone);
      if (slot.at.getTime() < new Date(channel.addedAt).getTime()) continue;
      const existing = deps.digests.get(channel.id, slot.date);
      if (existing) continue;
      if (now.getTime() - slot.at.getTime() <= deps.catchUpHours * 3_600_000) {
        if (retryDue(deps, channel, slot, now)) due.push({ channel, slot });
        continue;
      }
      const hold = endOfWindow(deps, channel, slot);
      if (hold === 'held') {
        report.held.push({ channel: channel.channel, date: slot.date });
        deps.metrics?.digestFinished({ platform: channel.platform, outcome: 'held' });
      }
      else if (hold === undefined) {
        recordMissed(channel, slot, now);
        report.missed.push({ channel: channel.channel, date: slot.date });
      }
    }
    for (const d of deps.digests.unfinished()) {
      const channel = deps.channels.get(d.channel_id);
      if (channel) resume.set(d.id, channel);
    }
    return { due, weekly, resume };
  }

  /** The weekly slot of a channel: due within the catch-up window, missed after it (no holds: its papers are stored already). */
  function classifyWeekly(channel: Channel, now: Date, weekly: { channel: Channel; slot: WeeklySlot }[], report: TickReport): void {
    const slot = latestWeeklySlot(now, { ...channel.settings.weekly, timezone: channel.timezone });
    if (slot.at.getTime() < new Date(channel.addedAt).getTime()) return;
    if (deps.digests.getWeekly(channel.id, slot.week)) return;
    if (now.getTime() - slot.at.getTime() <= deps.catchUpHours * 3_600_000) {
      weekly.push({ channel, slot });
      return;
    }
    const iso = now.toISOString();
    deps.digests.create({
      channelId: channel.id, kind: 'weekly', week: slot.week, localDate: slot.date, slotAt: slot.at.toISOString(), windowStart: slot.from.toISOString(), windowEnd: slot.at.toISOString(),
      state: 'missed', paperIds: [], deliveries: [], now: iso,
    });
    deps.metrics?.digestFinished({ platform: channel.platform, outcome: 'missed' });
    report.missed.push({ channel: channel.channel, date: slot.week, kind: 'weekly' });
    deps.log.warn({ channel: channel.channel, week: slot.week }, 'weekly digest missed: the bot was down past the catch-up window');
  }

  function recordMissed(channel: Channel, slot: { date: string; at: Date }, now: Date): void {
    const iso = now.toISOString();
    deps.digests.create({
      channelId: channel.id, localDate: slot.date, slotAt: slot.at.toISOString(), windowStart: iso, windowEnd: iso,
      state: 'missed', paperIds: [], deliveries: [], now: iso,
    });
    deps.metrics?.digestFinished({ platform: channel.platform, outcome: 'missed' });
    deps.log.warn({ channel: channel.channel, date: slot.date }, 'digest missed: the bot was down past the catch-up window');
  }

  async function send(digestId: number, channel: Channel, date: string, report: TickReport, kind?: 'weekly'): Promise<void> {
    let outcome: SendOutcome | 'error';
    try {
      outcome = await sendDigest(deps, digestId, channel, deps.posterFor(channel));
      failures.succeeded(`send:${channel.id}`, { channel: channel.channel, date }, 'digest send recovered');
    } catch (err) {
      failures.failed(`send:${channel.id}`, { channel: channel.channel, platform: channel.platform, date }, err, 'digest send failed');
      outcome = 'error';
    }
    report.results.push({ channel: channel.channel, date, ...(kind ? { kind } : {}), outcome });
    deps.metrics?.digestFinished({ platform: channel.platform, outcome });
  }

  /** Plans one due digest and sends it: planning inside the worker lets the first sends start at once. */
  async function planAndSend(channel: Channel, slot: { date: string; at: Date }, now: Date, report: TickReport): Promise<void> {
    let id: number;
    try {
      const check = checkSources(deps, channel, windowStartFor(channel, deps.digests, deps.firstDigestLookbackHours));
      if (check.nothingRead) {
        waitForSources(deps, channel, slot, check, now);
        report.waiting.push({ channel: channel.channel, date: slot.date });
        return;
      }
      id = planDigest(deps, channel, deps.posterFor(channel), slot, now, check.unread);
      report.planned++;
      failures.succeeded(`plan:${channel.id}`, { channel: channel.channel, date: slot.date }, 'digest planning recovered');
    } catch (err) {
      failures.failed(`plan:${channel.id}`, { channel: channel.channel, platform: channel.platform, date: slot.date }, err, 'digest planning failed');
      deps.metrics?.digestFinished({ platform: channel.platform, outcome: 'error' });
      return;
    }
    await send(id, channel, slot.date, report);
  }

  /** Plans one due weekly digest and sends it; the week's stored papers are shared between channels of the same week. */
  async function planAndSendWeekly(channel: Channel, slot: WeeklySlot, now: Date, week: Pick<WeeklyPlanDeps, 'weekCandidates' | 'views'>, report: TickReport): Promise<void> {
    let id: number;
    try {
      id = planWeeklyDigest({ ...deps, ...week }, channel, deps.posterFor(channel), slot, now);
      report.planned++;
      failures.succeeded(`plan-weekly:${channel.id}`, { channel: channel.channel, week: slot.week }, 'weekly digest planning recovered');
    } catch (err) {
      failures.failed(`plan-weekly:${channel.id}`, { channel: channel.channel, platform: channel.platform, week: slot.week }, err, 'weekly digest planning failed');
      deps.metrics?.digestFinished({ platform: channel.platform, outcome: 'error' });
      return;
    }
    await send(id, channel, slot.week, report, 'weekly');
  }

  async function tick(): Promise<TickReport> {
    const report: TickReport = { planned: 0, results: [], missed: [], waiting: [], held: [] };
    const { due, weekly, resume } = classify(deps.now(), report);
    if (due.length > 0 || weekly.length > 0) {
      await deps.ingest().catch((err: unknown) => deps.log.error({ err }, 'ingest before digest failed'));
      const channels = [...new Set([...due, ...weekly].map((d) => d.channel))];
      await deps.prepare?.(channels).catch((err: unknown) => deps.log.error({ err }, 'preparing digests failed'));
    }
    const now = deps.now();
    // What the week's digests share within this tick: the week's stored papers and the papers' views.
    const week = { weekCandidates: sharedWeekCandidates(deps.digests), views: sharedPaperViews(deps.reader) };
    const work: (() => Promise<void>)[] = [
      ...[...resume.entries()].map(([id, channel]) => () => {
        const row = deps.digests.byId(id);
        return row?.kind === 'weekly' ? send(id, channel, row.period, report, 'weekly') : send(id, channel, row?.local_date ?? '', report);
      }),
      ...due.map(({ channel, slot }) => () => planAndSend(channel, slot, now, report)),
      ...weekly.map(({ channel, slot }) => () => planAndSendWeekly(channel, slot, now, week, report)),
    ];
    await mapLimit(work, deps.concurrency, (job) => (deps.stopping?.() ? Promise.resolve() : job()));
    return report;
  }

  return {
    /** One pass of the clock; concurrent calls share the pass in progress. */
    tick(): Promise<TickReport> {
      running ??= tick().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Resolves when no pass is running (never starts one). */
    idle(): Promise<unknown> {
      return running?.catch(() => undefined) ?? Promise.resolve();
    },
    /** Plans (if needed) and sends a channel's digest for a date now, whatever the clock says. */
    async postNow(channel: Channel, slot: { date: string; at: Date }): Promise<SendOutcome> {
      const check = deps.digests.get(channel.id, slot.date) ? undefined : checkSources(deps, channel, windowStartFor(channel, deps.digests, deps.firstDigestLookbackHours));
      // Posting "nothing new" when nothing could be read would tell the channel something untrue.
      if (check?.nothingRead) throw new Error(`no source of the channel could be read (${check.unread.join(', ')}: ${check.reason}); nothing posted`);
      const id = planDigest(deps, channel, deps.posterFor(channel), slot, deps.now(), check?.unread);
      const outcome = await sendDigest(deps, id, channel, deps.posterFor(channel));
      deps.metrics?.digestFinished({ platform: channel.platform, outcome });
      return outcome;
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
