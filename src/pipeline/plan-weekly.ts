/**
 * Plans a channel's weekly digest (docs/adr/0021-weekly-digest.md): the papers first stored in the
 * week before its slot, matching the channel's filters, ranked by what its members did with them
 * (core/weekly-ranking.ts), then by its profile (`order: relevance`), then by votes; each card
 * says what happened ("5 👍, 2 saves, thread with 12 replies"). Written to the same outbox as a
 * daily digest, keyed by (channel, ISO week), so a restart or a second process posts it once.
 */
import { buildDigestModel } from '../core/build-digest.js';
import type { Channel } from '../core/channel.js';
import type { ChatRenderer } from '../core/chat-poster.js';
import type { WeeklySlot } from '../core/iso-week.js';
import type { PaperView } from '../core/paper-view.js';
import type { RankedPaper } from '../core/personal-ranking/rank-day.js';
import { rankReasonText } from '../core/rank-reason-text.js';
import { comparePapers, matchesFilters, type Candidate } from '../core/select-papers.js';
import { engagementText, NO_ENGAGEMENT, rankWeekly, type Engagement } from '../core/weekly-ranking.js';
import { localDate } from '../core/zoned-time.js';
import type { SourceLabeler } from '../core/source-label.js';
import type { PaperReader } from '../db/paper-reader.js';
import { createTranslator } from '../i18n/translator.js';
import { deliveryKeys, type ChannelRanker, type DigestPreview, type PlanDeps } from './plan-digest.js';
import type { WeeklyEngagement } from './weekly-engagement.js';

export interface WeeklyPlanDeps extends PlanDeps {
  engagement: WeeklyEngagement;
  /**
   * The week's stored papers, when the caller shares them between channels with the same week
   * (the runner does, per tick); default: a query per channel.
   */
  weekCandidates?: (start: string, end: string, sources: string[], needText: boolean) => Candidate[];
  /** Paper views shared between channels (the runner's, per tick); default: `reader`. */
  views?: PaperViews;
}

/** What a weekly preview reads of a paper to show it. */
export type PaperViews = Pick<PaperReader, 'getById'>;

export interface WeeklyContext {
  engagement: WeeklyEngagement;
  rankChannel?: ChannelRanker;
  sourceLabel?: SourceLabeler;
}

/** A weekly preview: the daily preview's parts plus each shown paper's counts, in order. */
export interface WeeklyPreview extends DigestPreview {
  week: string;
  engagement: Engagement[];
}

/** The week's papers for a channel, in votes order: first stored after the previous slot, up to this one. */
export function weekCandidates(deps: Pick<WeeklyPlanDeps, 'digests' | 'weekCandidates'>, channel: Channel, slot: WeeklySlot): Candidate[] {
  const args = [slot.from.toISOString(), slot.at.toISOString(), channel.settings.sources, channel.settings.keywords.length > 0] as const;
  return deps.weekCandidates ? deps.weekCandidates(...args) : deps.digests.storedBetween(...args).sort(comparePapers('votes'));
}

/** Builds what a channel's weekly digest would be (nothing is written). */
export function previewWeekly(channel: Channel, candidates: Candidate[], slot: WeeklySlot, poster: ChatRenderer, reader: PaperViews, ctx: WeeklyContext): WeeklyPreview {
  const { categories, keywords } = channel.settings;
  const matching = categories.length > 0 || keywords.length > 0 ? candidates.filter((c) => matchesFilters(c, channel.settings)) : candidates;
  const ids = matching.map((c) => c.id);
  const counts = ctx.engagement(channel, ids, { from: slot.from.toISOString(), until: slot.at.toISOString() });
  const ranked = channel.settings.order === 'relevance' && ctx.rankChannel && ids.length > 0 ? ctx.rankChannel(channel, ids) : undefined;
  const profile = ranked ? new Map<number, RankedPaper>(ranked.map((r) => [r.id, r])) : undefined;
  const ordered = rankWeekly(matching, counts, profile ? new Map([...profile].map(([id, r]) => [id, r.score])) : undefined);
  const papers = ordered
    .slice(0, channel.settings.maxPapers)
    .map((c) => reader.getById(c.id))
    .filter((p): p is PaperView => p !== undefined);
  const loc = createTranslator(channel.locale);
  const model = buildDigestModel(papers, loc, {
    date: slot.date,
    timeZone: channel.timezone,
    totalAvailable: matching.length,
    emptyNotice: channel.settings.emptyDay === 'notice',
    week: { start: localDate(slot.from, channel.timezone), end: slot.date },
    cardOptions: { preferGenerated: channel.settings.summaries === 'generated', ...(ctx.sourceLabel ? { sourceLabel: ctx.sourceLabel } : {}) },
  });
  const engagement = papers.map((p) => counts.get(p.id) ?? NO_ENGAGEMENT);
  const scores = profile ? papers.map((p) => ({ paper: p.id, score: profile.get(p.id)?.score ?? 0, reason: profileReason(profile.get(p.id), loc) })) : undefined;
  model.papers.forEach((card, i) => {
    const reason = [engagementText(engagement[i]!, loc), scores?.[i]?.reason].filter(Boolean).join(' · ');
    if (reason) card.reason = reason;
  });
  const messages = papers.length === 0 && channel.settings.emptyDay === 'silent' ? [] : poster.render(model, channel.settings.layout);
  return {
    papers,
    model,
    messages,
    total: matching.length,
    week: slot.week,
    engagement,
    ...(scores ? { scores: scores.map(({ reason, ...s }) => (reason ? { ...s, reason } : s)) } : {}),
  };
}

function profileReason(ranked: RankedPaper | undefined, loc: ReturnType<typeof createTranslator>): string | undefined {
  return ranked ? rankReasonText(ranked.reason, loc) : undefined;
}

/** Plans (or finds) the channel's weekly digest of the slot's ISO week; returns its id. */
export function planWeeklyDigest(deps: WeeklyPlanDeps, channel: Channel, poster: ChatRenderer, slot: WeeklySlot, now: Date): number {
  const existing = deps.digests.getWeekly(channel.id, slot.week);
  if (existing) return existing.id;
  const preview = previewWeekly(channel, weekCandidates(deps, channel, slot), slot, poster, deps.views ?? deps.reader, {
    engagement: deps.engagement,
    ...(deps.rankChannel ? { rankChannel: deps.rankChannel } : {}),
    ...(deps.sourceLabel ? { sourceLabel: deps.sourceLabel } : {}),
  });
  const keys = deliveryKeys(preview.messages.length);
  const id = deps.digests.create({
    channelId: channel.id,
    kind: 'weekly',
    week: slot.week,
    localDate: slot.date,
    slotAt: slot.at.toISOString(),
    windowStart: slot.from.toISOString(),
    windowEnd: slot.at.toISOString(),
    state: preview.messages.length > 0 ? 'planned' : 'empty',
    paperIds: preview.papers.map((p) => p.id),
    deliveries: preview.messages.map((m, i) => ({ key: keys[i]!, body: m.body, ...(m.threadParent !== undefined ? { threadParent: m.threadParent } : {}), ...(m.paperIds ? { paperIds: m.paperIds } : {}) })),
    now: now.toISOString(),
  });
  // Another process planned the same week first: use its digest.
  return id ?? deps.digests.getWeekly(channel.id, slot.week)!.id;
}

/**
 * Shares the week's stored papers between channels with the same week, sources and text needs,
 * sorted once in votes order (so each channel's ranking is nearly sorted already).
 */
export function sharedWeekCandidates(digests: Pick<WeeklyPlanDeps['digests'], 'storedBetween'>): NonNullable<WeeklyPlanDeps['weekCandidates']> {
  const known = new Map<string, Candidate[]>();
  return (start, end, sources, needText) => {
    const key = JSON.stringify([start, end, [...sources].sort(), needText]);
    let list = known.get(key);
    if (!list) known.set(key, (list = digests.storedBetween(start, end, sources, needText).sort(comparePapers('votes'))));
    return list;
  };
}

/** Paper views read once per tick and shared between channels (most weekly digests show the same papers). */
export function sharedPaperViews(reader: PaperViews): PaperViews {
  const known = new Map<number, PaperView | undefined>();
  return {
    getById(id) {
      if (!known.has(id)) known.set(id, reader.getById(id));
      return known.get(id);
    },
  };
}
