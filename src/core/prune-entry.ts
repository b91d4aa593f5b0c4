/**
 * Retention of raw source entries (docs/adr/0007-retention.md). A settled observation keeps only
 * what its paper's record does not already hold: each field equal to the record's becomes a name
 * in `$record`, summaries equal to the record's source summaries become their locales in
 * `$summaries`. Resolving against the same record gives back exactly the entry that was pruned.
 */
import { ARXIV_FORMATS, FEATURE_FORMATS, type MergedPaper, type MergedSummary } from './merge-paper.js';
import type { EntrySummary, SourceEntry, SourceFormat } from './types.js';

/** An observation's payload as stored: a whole entry, or a pruned one. */
export type StoredPayload = Record<string, unknown>;

/** What a reference in a payload means depends on the observation's source and format. */
export interface PayloadOrigin {
  source: string;
  format: SourceFormat;
}

const REFERABLE = [
  'arxivId',
  'arxivVersion',
  'url',
  'title',
  'authors',
  'abstract',
  'categories',
  'publishedAt',
  'announcedOn',
  'votes',
  'thumbnail',
  'links',
] as const;
type Referable = (typeof REFERABLE)[number];
const REFERABLE_SET = new Set<string>(REFERABLE);

/** Field order of a written payload, so the same content always serializes the same way. */
const ORDER = ['entryKey', 'kind', ...REFERABLE.slice(0, 9), 'announceType', ...REFERABLE.slice(9), 'summaries'];

/** The record's value an entry field stands for; undefined when the field cannot be referenced. */
function recordValue(field: Referable, origin: PayloadOrigin, record: MergedPaper): unknown {
  if (field !== 'announcedOn') return record[field];
  // A digest's or Hugging Face's day is the record's featuredOn, arXiv's is its announcedOn; others feed neither.
  if (ARXIV_FORMATS.has(origin.format)) return record.announcedOn;
  if (FEATURE_FORMATS.has(origin.format)) return record.featuredOn;
  return undefined;
}

export function isPrunedPayload(payload: StoredPayload): boolean {
  return '$record' in payload || '$summaries' in payload;
}

/** Deep equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => jsonEqual(v, other[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function asEntrySummary(s: MergedSummary): EntrySummary {
  return s.title ? { locale: s.locale, title: s.title, sections: s.sections } : { locale: s.locale, sections: s.sections };
}

/** The locales that stand for all of the entry's summaries, or undefined when any of them differs from the record's. */
function summaryLocales(summaries: unknown, source: string, record: MergedPaper): string[] | undefined {
  if (!Array.isArray(summaries) || summaries.length === 0) return undefined;
  const locales = summaries.map((s) => (s as { locale?: unknown }).locale);
  if (new Set(locales).size !== locales.length) return undefined;
  for (const s of summaries as EntrySummary[]) {
    const held = record.summaries.find((m) => m.source === source && m.locale === s.locale);
    if (!held || !jsonEqual(asEntrySummary(held), s)) return undefined;
  }
  return locales as string[];
}

function ordered(payload: StoredPayload): StoredPayload {
  const rank = (k: string): number => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  const keys = Object.keys(payload).filter((k) => payload[k] !== undefined);
  keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, payload[k]]));
}

/** The pruned payload of a whole entry against its paper's record. */
export function prunePayload(entry: StoredPayload, origin: PayloadOrigin, record: MergedPaper): StoredPayload {
  const refs: string[] = [];
  const kept: StoredPayload = {};
  for (const [field, value] of Object.entries(entry)) {
    if (value === undefined) continue;
    if (REFERABLE_SET.has(field) && jsonEqual(value, recordValue(field as Referable, origin, record))) refs.push(field);
    else kept[field] = value;
  }
  const locales = summaryLocales(entry.summaries, origin.source, record);
  if (locales) delete kept.summaries;
  refs.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return { ...(refs.length > 0 && { $record: refs }), ...(locales && { $summaries: locales }), ...ordered(kept) };
}

/** The whole entry a payload stands for, read from the record it was pruned against. */
export function resolvePayload(payload: StoredPayload, origin: PayloadOrigin, record: MergedPaper): SourceEntry {
  if (!isPrunedPayload(payload)) return payload as unknown as SourceEntry;
  const { $record, $summaries, ...rest } = payload;
  const entry: StoredPayload = { ...rest };
  for (const field of ($record ?? []) as string[]) {
    const value = REFERABLE_SET.has(field) ? recordValue(field as Referable, origin, record) : undefined;
    if (value !== undefined) entry[field] = structuredClone(value);
  }
  if (Array.isArray($summaries)) {
    entry.summaries = ($summaries as string[]).flatMap((locale) => {
      const held = record.summaries.find((m) => m.source === origin.source && m.locale === locale);
      return held ? [structuredClone(asEntrySummary(held))] : [];
    });
  }
  return ordered(entry) as unknown as SourceEntry;
}
