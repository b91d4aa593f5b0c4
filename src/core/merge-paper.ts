/**
 * Merges every observation of one paper (or article) into its record. The record is derived,
 * never edited in place, so a source can only add to what others gave and the merge can be
 * recomputed whenever its rules change. Field by field, the most authoritative source that
 * has a value wins: arXiv for bibliographic data, Hugging Face for votes and links.
 */
import type { EntryKind, EntryLinks, EntrySummary, SourceEntry, SourceFormat, SummarySection } from './types.js';

/** One source's entry for a paper, as stored. */
export interface Observation {
  source: string;
  format: SourceFormat;
  /** ISO timestamp the entry was first seen with its current content. */
  seenAt: string;
  entry: SourceEntry;
}

export interface MergedSummary {
  locale: string;
  source: string;
  title?: string;
  sections: SummarySection[];
}

export interface MergedPaper {
  kind: EntryKind;
  arxivId?: string;
  arxivVersion?: number;
  url?: string;
  title: string;
  authors: string[];
  abstract?: string;
  categories: string[];
  publishedAt?: string;
  announcedOn?: string;
  featuredOn?: string;
  votes?: number;
  thumbnail?: string;
  links: EntryLinks;
  summaries: MergedSummary[];
}

/** Lower is more authoritative for bibliographic fields. */
const AUTHORITY: Record<SourceFormat, number> = {
  'arxiv-rss': 0,
  'arxiv-atom': 0,
  'hf-daily': 1,
  'ko-digest': 2,
  'ja-blog': 3,
  rss: 4,
  'article-md': 5,
};
/** Formats whose `announcedOn` is arXiv's announcement (the record's `announcedOn`). */
export const ARXIV_FORMATS: ReadonlySet<SourceFormat> = new Set<SourceFormat>(['arxiv-rss', 'arxiv-atom']);
/** Formats whose `announcedOn` is the day they featured the paper (the record's `featuredOn`). */
export const FEATURE_FORMATS: ReadonlySet<SourceFormat> = new Set<SourceFormat>(['hf-daily', 'ko-digest']);

function byAuthority(a: Observation, b: Observation): number {
  return AUTHORITY[a.format] - AUTHORITY[b.format] || (a.seenAt < b.seenAt ? 1 : a.seenAt > b.seenAt ? -1 : 0);
}

function first<T>(obs: Observation[], pick: (e: SourceEntry) => T | undefined): T | undefined {
  for (const o of obs) {
    const v = pick(o.entry);
    if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)) return v;
  }
  return undefined;
}

function minDate(values: (string | undefined)[]): string | undefined {
  const present = values.filter((v): v is string => !!v).sort();
  return present[0];
}

export function mergeObservations(observations: Observation[]): MergedPaper {
  if (observations.length === 0) throw new Error('mergeObservations needs at least one observation');
  const obs = [...observations].sort(byAuthority);
  const arxiv = obs.filter((o) => ARXIV_FORMATS.has(o.format));
  const kind: EntryKind = obs.some((o) => o.entry.kind === 'paper' || o.entry.arxivId) ? 'paper' : 'article';
  const versions = obs.map((o) => o.entry.arxivVersion).filter((v): v is number => v !== undefined);
  return {
    kind,
    arxivId: first(obs, (e) => e.arxivId),
    arxivVersion: versions.length ? Math.max(...versions) : undefined,
    url: kind === 'article' ? first(obs, (e) => e.url) : undefined,
    title: first(obs, (e) => e.title) ?? '',
    authors: first(obs, (e) => e.authors) ?? [],
    abstract: first(obs, (e) => e.abstract),
    categories: [...new Set(obs.flatMap((o) => o.entry.categories ?? []))],
    publishedAt: first(obs, (e) => e.publishedAt),
    // arXiv's first announcement (new or cross-list) is the announce date; a replacement is not.
    announcedOn:
      minDate(arxiv.filter((o) => !/^replace/.test(o.entry.announceType ?? '')).map((o) => o.entry.announcedOn)) ??
      minDate(arxiv.map((o) => o.entry.announcedOn)),
    featuredOn: minDate(obs.filter((o) => FEATURE_FORMATS.has(o.format)).map((o) => o.entry.announcedOn)),
    votes: mergeVotes(obs),
    thumbnail: first(obs, (e) => e.thumbnail),
    links: mergeLinks(obs),
    summaries: mergeSummaries(obs),
  };
}

/** Votes change over time: the newest Hugging Face count wins; digests only copy it, so their highest is a fallback. */
function mergeVotes(obs: Observation[]): number | undefined {
  const hf = obs
    .filter((o) => o.format === 'hf-daily' && o.entry.votes !== undefined)
    .sort((a, b) => (a.seenAt < b.seenAt ? 1 : a.seenAt > b.seenAt ? -1 : 0));
  if (hf[0]) return hf[0].entry.votes;
  const others = obs.map((o) => o.entry.votes).filter((v): v is number => v !== undefined);
  return others.length ? Math.max(...others) : undefined;
}

function mergeLinks(obs: Observation[]): EntryLinks {
  const links: EntryLinks = {};
  for (const o of obs) {
    for (const [name, url] of Object.entries(o.entry.links ?? {})) {
      if (url && links[name] === undefined) links[name] = url;
    }
  }
  return links;
}

/** Every localized summary any source gave, one per (locale, source). */
function mergeSummaries(obs: Observation[]): MergedSummary[] {
  const out = new Map<string, MergedSummary>();
  for (const o of obs) {
    for (const s of o.entry.summaries ?? []) {
      const sections = s.sections.filter((x) => x.text.trim().length > 0);
      if (sections.length === 0) continue;
      const key = `${s.locale}\u0000${o.source}`;
      if (!out.has(key)) out.set(key, toMerged(s, o.source, sections));
    }
  }
  return [...out.values()];
}

function toMerged(s: EntrySummary, source: string, sections: SummarySection[]): MergedSummary {
  return s.title ? { locale: s.locale, source, title: s.title, sections } : { locale: s.locale, source, sections };
}
