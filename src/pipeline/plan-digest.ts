/**
 * Plans a channel's digest for one local date: picks the papers that arrived since its last
 * digest and that it has not been sent, builds the localized model, renders it for the
 * channel's platform and writes digest + outbox + sent papers in one transaction.
 */
import { randomBytes } from 'node:crypto';
import { buildDigestModel } from '../core/build-digest.js';
import type { Channel } from '../core/channel.js';
import type { ChatPoster, ChatRenderer } from '../core/chat-poster.js';
import type { DigestModel, OutgoingMessage } from '../core/digest-model.js';
import { classifyEmptyDay } from '../core/empty-day.js';
import type { PaperView } from '../core/paper-view.js';
import { defaultSourceLabel, type SourceLabeler } from '../core/source-label.js';
import type { RankedPaper } from '../core/personal-ranking/rank-day.js';
import { rankReasonText } from '../core/rank-reason-text.js';
import { selectPapers, type Candidate, type RankMatching } from '../core/select-papers.js';
import type { Localizer } from '../core/translate.js';
import type { DigestStore } from '../db/digest-store.js';
import type { PaperReader } from '../db/paper-reader.js';
import { createTranslator } from '../i18n/translator.js';

export interface PlanDeps {
  digests: DigestStore;
  reader: PaperReader;
  /** The human name of a source on cards; absent = a default from the name alone. */
  sourceLabel?: SourceLabeler;
  /** How far back a channel's first digest looks, in hours. */
  firstDigestLookbackHours: number;
  /** arXiv listing dates without an announcement (the built-in table plus `digest.arxivHolidays`). */
  arxivHolidays?: ReadonlySet<string>;
  /** Personal ranking for `order: relevance` channels (docs/adr/0014-personal-ranking.md). */
  rankChannel?: ChannelRanker;
}

/** What an empty digest needs to say why it is empty, and what a digest says about sources it could not read. */
export interface DigestContext {
  /** The digest's window: a window without an arXiv announcement is a weekend or holiday. */
  window?: { start: string; end: string };
  /** New papers in the window from any source, when the channel's source filter left none. */
  allNew?: number;
  /** Sources (names) the channel draws from that could not be read since the last digest. */
  unread?: string[];
  arxivHolidays?: ReadonlySet<string>;
  /** The human name of a source on cards and in the unread-sources note; absent = a default from the name alone. */
  sourceLabel?: SourceLabeler;
  /** The channel's personal ranking (`order: relevance`); undefined for a channel without a profile. */
  rankChannel?: ChannelRanker;
}

/** Ranks candidate papers (store ids) by a channel's profile, best first; undefined without a profile. */
export type ChannelRanker = (channel: Channel, paperIds: number[]) => RankedPaper[] | undefined;

/** A ranked paper of a preview: its score and, localized, why it is there. */
export interface PaperScore {
  paper: number;
  score: number;
  reason?: string;
}

export interface DigestPreview {
  papers: PaperView[];
  model: DigestModel;
  messages: OutgoingMessage[];
  total: number;
  /** With `order: relevance` and a profile: each chosen paper's score and reason, in order. */
  scores?: PaperScore[];
}

/** A unique, nonce-safe delivery key (≤ 25 characters, [0-9a-z]). */
export function deliveryKeys(count: number): string[] {
  const salt = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).slice(0, 12);
  return Array.from({ length: count }, (_, seq) => `pb${salt}${seq.toString(36)}`);
}

/** Builds what a channel would get for these candidates (nothing is written). */
export function previewDigest(channel: Channel, candidates: Candidate[], date: string, poster: ChatRenderer, reader: PaperReader, context: DigestContext = {}): DigestPreview {
  let ranking: Map<number, RankedPaper> | undefined;
  const rank: RankMatching | undefined = context.rankChannel
    ? (matching) => {
        const ranked = context.rankChannel!(channel, matching.map((c) => c.id));
        if (ranked) ranking = new Map(ranked.map((r) => [r.id, r]));
        return ranked;
      }
    : undefined;
  const { chosen, total } = selectPapers(candidates, channel.settings, rank);
  const papers = chosen.map((c) => reader.getById(c.id)).filter((p): p is PaperView => p !== undefined);
  const loc = createTranslator(channel.locale);
  const arrived = Math.max(candidates.length, context.allNew ?? 0);
  const emptyDay = context.window
    ? classifyEmptyDay(context.window, arrived, papers.length, context.arxivHolidays)
    : arrived > 0 && papers.length === 0 ? { kind: 'filtered' as const, total: arrived } : undefined;
  const model = buildDigestModel(papers, loc, {
    date,
    timeZone: channel.timezone,
    totalAvailable: total,
    emptyNotice: channel.settings.emptyDay === 'notice',
    ...(emptyDay ? { emptyDay } : {}),
    unreadSources: [...new Set((context.unread ?? []).map((s) => (context.sourceLabel ? context.sourceLabel(s, loc) : defaultSourceLabel(s, {}, loc))))],
    cardOptions: { preferGenerated: channel.settings.summaries === 'generated', ...(context.sourceLabel ? { sourceLabel: context.sourceLabel } : {}) },
  });
  const scores = ranking ? papers.map((p) => scoreOf(ranking!.get(p.id), p.id, loc)) : undefined;
  scores?.forEach((s, i) => {
    if (s.reason) model.papers[i]!.reason = s.reason;
  });
  const messages = papers.length === 0 && channel.settings.emptyDay === 'silent' ? [] : poster.render(model, channel.settings.layout);
  return { papers, model, messages, total, ...(scores ? { scores } : {}) };
}

function scoreOf(ranked: RankedPaper | undefined, paper: number, loc: Localizer): PaperScore {
  const reason = ranked ? rankReasonText(ranked.reason, loc) : undefined;
  return { paper, score: ranked?.score ?? 0, ...(reason ? { reason } : {}) };
}

export function windowStartFor(channel: Channel, digests: DigestStore, lookbackHours: number): string {
  const last = digests.last(channel.id);
  if (last) return last.window_end;
  return new Date(new Date(channel.addedAt).getTime() - lookbackHours * 3_600_000).toISOString();
}

/** Plans (or finds) the digest of `date`; returns its id. `unread`: the channel's sources that could not be read. */
export function planDigest(deps: PlanDeps, channel: Channel, poster: ChatPoster, slot: { date: string; at: Date }, now: Date, unread: string[] = []): number {
  const existing = deps.digests.get(channel.id, slot.date);
  if (existing) return existing.id;
  const windowStart = windowStartFor(channel, deps.digests, deps.firstDigestLookbackHours);
  const windowEnd = now.toISOString();
  const needText = channel.settings.keywords.length > 0;
  const candidates = deps.digests.candidates(channel.id, windowStart, windowEnd, channel.settings.sources, needText);
  const preview = previewDigest(channel, candidates, slot.date, poster, deps.reader, digestContext(deps, channel, candidates.length, { start: windowStart, end: windowEnd }, unread));
  const keys = deliveryKeys(preview.messages.length);
  const id = deps.digests.create({
    channelId: channel.id,
    localDate: slot.date,
    slotAt: slot.at.toISOString(),
    windowStart,
    windowEnd,
    state: preview.messages.length > 0 ? 'planned' : 'empty',
    paperIds: preview.papers.map((p) => p.id),
    deliveries: preview.messages.map((m, i) => ({ key: keys[i]!, body: m.body, ...(m.threadParent !== undefined ? { threadParent: m.threadParent } : {}), ...(m.paperIds ? { paperIds: m.paperIds } : {}) })),
    now: now.toISOString(),
  });
  // Another process planned the same date first: use its digest.
  return id ?? deps.digests.get(channel.id, slot.date)!.id;
}

/** The context of a digest for its window; counts papers from other sources only on a day the channel's own had none. */
export function digestContext(deps: PlanDeps, channel: Channel, candidates: number, window: { start: string; end: string }, unread: string[]): DigestContext {
  const allNew = candidates === 0 && channel.settings.sources.length > 0 ? deps.digests.candidates(channel.id, window.start, window.end, [], false).length : undefined;
  return { window, unread, ...(allNew !== undefined ? { allNew } : {}), ...(deps.arxivHolidays ? { arxivHolidays: deps.arxivHolidays } : {}), ...(deps.sourceLabel ? { sourceLabel: deps.sourceLabel } : {}), ...(deps.rankChannel ? { rankChannel: deps.rankChannel } : {}) };
}
