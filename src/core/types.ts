/**
 * The platform-neutral shapes that flow from ingest (one parser per source format)
 * into the store. Parsers return `SourceEntry` values; the store keeps each one as an
 * observation and merges all observations of a paper into one `PaperRecord`.
 */

export type Locale = string;

/** Which part of a structured summary a piece of text is. */
export type SectionKind =
  | 'whats_new'
  | 'technical_details'
  | 'performance_highlights'
  /** An unlabelled summary (older digests' plain bullets), one item a line. */
  | 'summary'
  | 'tldr'
  | 'abstract'
  | 'excerpt';

export interface SummarySection {
  kind: SectionKind;
  text: string;
}

/** A summary of a paper or article in one locale, as one source gave it. */
export interface EntrySummary {
  locale: Locale;
  /** A localized title (e.g. the Korean title of a translated article). */
  title?: string;
  sections: SummarySection[];
}

export type EntryKind = 'paper' | 'article';

/** Links a source knows for a paper; keys are stable names. */
export interface EntryLinks {
  arxiv?: string;
  pdf?: string;
  huggingface?: string;
  code?: string;
  project?: string;
  article?: string;
  [name: string]: string | undefined;
}

/** One entry of one source, normalized by its parser. */
export interface SourceEntry {
  /** Identity of the entry within its source (stable across fetches). */
  entryKey: string;
  kind: EntryKind;
  /** Version-less arXiv id when the source gives one. */
  arxivId?: string;
  /** The arXiv version the source names (2 for `2410.22304v2`). */
  arxivVersion?: number;
  /** Canonical URL of an article (kind `article`). */
  url?: string;
  title: string;
  authors?: string[];
  /** English abstract. */
  abstract?: string;
  categories?: string[];
  /** ISO 8601 timestamp the paper was published (submitted) on arXiv. */
  publishedAt?: string;
  /** YYYY-MM-DD the entry was announced (arXiv) or featured (Hugging Face, digests). */
  announcedOn?: string;
  /** arXiv announce type: new, cross, replace, replace-cross. */
  announceType?: string;
  votes?: number;
  thumbnail?: string;
  links?: EntryLinks;
  summaries?: EntrySummary[];
  /** Where in the source the entry starts (line number), for error messages. */
  line?: number;
}

/** A problem in one place of a source that did not stop the rest of it. */
export interface EntryError {
  message: string;
  /** Line number, item index or similar. */
  place?: string;
}

export interface ParseResult {
  entries: SourceEntry[];
  errors: EntryError[];
  /** The document's own name for itself (a feed's `<title>`, a digest's `# heading`), for its label. */
  title?: string;
}

/** The formats Paperboy reads. */
export const SOURCE_FORMATS = [
  'arxiv-rss',
  'arxiv-atom',
  'hf-daily',
  'ko-digest',
  'ja-blog',
  'article-md',
  'rss',
] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
