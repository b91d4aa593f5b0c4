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
import type { PaperView } from '../core/paper-view.js';
import type { SourceLabeler } from '../core/source-label.js';
import { selectPapers, type Candidate } from '../core/select-papers.js';
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
}

export interface DigestPreview {
  papers: PaperView[];
  model: DigestModel;
  messages: OutgoingMessage[];
  total: number;
}

/** A unique, nonce-safe delivery key (≤ 25 characters, [0-9a-z]). */
export function deliveryKeys(count: number): string[] {
  const salt = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).slice(0, 12);
  return Array.from({ length: count }, (_, seq) => `pb${salt}${seq.toString(36)}`);
}

/** Builds what a channel would get for these candidates (nothing is written). */
export function previewDigest(channel: Channel, candidates: Candidate[], date: string, poster: ChatRenderer, reader: PaperReader, sourceLabel?: SourceLabeler): DigestPreview {
  const { chosen, total } = selectPapers(candidates, channel.settings);
  const papers = chosen.map((c) => reader.getById(c.id)).filter((p): p is PaperView => p !== undefined);
  const loc = createTranslator(channel.locale);
  const model = buildDigestModel(papers, loc, {
    date,
    timeZone: channel.timezone,
    totalAvailable: total,
    emptyNotice: channel.settings.emptyDay === 'notice',
    cardOptions: { preferGenerated: channel.settings.summaries === 'generated', ...(sourceLabel ? { sourceLabel } : {}) },
  });
  const messages = papers.length === 0 && channel.settings.emptyDay === 'silent' ? [] : poster.render(model, channel.settings.layout);
  return { papers, model, messages, total };
}

export function windowStartFor(channel: Channel, digests: DigestStore, lookbackHours: number): string {
  const last = digests.last(channel.id);
  if (last) return last.window_end;
  return new Date(new Date(channel.addedAt).getTime() - lookbackHours * 3_600_000).toISOString();
}

/** Plans (or finds) the digest of `date`; returns its id. */
export function planDigest(deps: PlanDeps, channel: Channel, poster: ChatPoster, slot: { date: string; at: Date }, now: Date): number {
  const existing = deps.digests.get(channel.id, slot.date);
  if (existing) return existing.id;
  const windowStart = windowStartFor(channel, deps.digests, deps.firstDigestLookbackHours);
  const windowEnd = now.toISOString();
  const needText = channel.settings.keywords.length > 0;
  const candidates = deps.digests.candidates(channel.id, windowStart, windowEnd, channel.settings.sources, needText);
  const preview = previewDigest(channel, candidates, slot.date, poster, deps.reader, deps.sourceLabel);
  const keys = deliveryKeys(preview.messages.length);
  const id = deps.digests.create({
    channelId: channel.id,
    localDate: slot.date,
    slotAt: slot.at.toISOString(),
    windowStart,
    windowEnd,
    state: preview.messages.length > 0 ? 'planned' : 'empty',
    paperIds: preview.papers.map((p) => p.id),
    deliveries: preview.messages.map((m, i) => ({ key: keys[i]!, body: m.body, ...(m.threadParent !== undefined ? { threadParent: m.threadParent } : {}) })),
    now: now.toISOString(),
  });
  // Another process planned the same date first: use its digest.
  return id ?? deps.digests.get(channel.id, slot.date)!.id;
}
