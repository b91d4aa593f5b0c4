/** What the store answers about one record: the shape `show --json` prints and renderers read. */
import type { EntryKind, EntryLinks, SummarySection } from './types.js';

export interface SummaryView {
  locale: string;
  source: string;
  origin: 'source' | 'generated';
  title?: string;
  sections: SummarySection[];
}

export interface PaperView {
  /** Store row id; stable for the life of the record. */
  id: number;
  key: string;
  kind: EntryKind;
  arxivId: string | null;
  arxivVersion: number | null;
  url: string | null;
  title: string;
  authors: string[];
  abstract: string | null;
  categories: string[];
  publishedAt: string | null;
  announcedOn: string | null;
  featuredOn: string | null;
  votes: number | null;
  thumbnail: string | null;
  links: EntryLinks;
  summaries: SummaryView[];
  sources: { source: string; format: string; seenAt: string; changedAt: string }[];
}

export interface SearchHit {
  key: string;
  arxivId: string | null;
  title: string;
  /** Relevance: higher is better. */
  score: number;
  snippet: string;
}
