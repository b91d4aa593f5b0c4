/**
 * What the core needs from localization, as types only: `src/i18n` implements them, and the
 * core takes them as parameters so it never imports message files or Intl set-up.
 */
import { SOURCE_KINDS } from './source-label.js';
import type { SectionKind } from './types.js';

/** Looks up a message by key and formats it with ICU parameters; an unknown key comes back as is. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Date styles as `Intl.DateTimeFormat`'s `dateStyle` names them. */
export type DateStyle = 'full' | 'long' | 'medium' | 'short';

/** A translator for one locale: messages plus locale-aware date and number formatting. */
export interface Localizer {
  /** The message locale, e.g. `ko`. */
  locale: string;
  t: Translate;
  /**
   * Formats an instant as a date in `timeZone`. A bare `YYYY-MM-DD` is already a calendar
   * date and comes out as that day in any zone.
   */
  formatDate(date: Date | string, timeZone: string, style: DateStyle): string;
  /** Formats an instant as date and time of day in `timeZone`, with the zone's short name. */
  formatDateTime(date: Date | string, timeZone: string): string;
  formatNumber(n: number): string;
}

/** The link names a card shows, in display order; each has a `link.<name>` message. */
export const LINK_ORDER = ['arxiv', 'pdf', 'huggingface', 'code', 'project', 'article'] as const;

const SECTION_KINDS: readonly SectionKind[] = [
  'whats_new',
  'technical_details',
  'performance_highlights',
  'summary',
  'tldr',
  'abstract',
  'excerpt',
];

/**
 * Every message key the core asks for. Message files must define them all; the i18n tests
 * check that, since a `Translate` takes plain strings.
 */
export const CORE_MESSAGE_KEYS = [
  'digest.title',
  'digest.intro',
  'digest.more',
  'digest.empty_weekend',
  'digest.empty_holiday',
  'digest.empty_none',
  'digest.empty_filtered',
  'digest.unread_sources',
  'authors.others',
  'section.abstract_en',
  ...SECTION_KINDS.map((kind) => `section.${kind}` as const),
  'section.tldr_in',
  'summary.source',
  'summary.generated',
  'summary.in_language',
  'summary.none',
  'source.generated',
  ...SOURCE_KINDS.map((kind) => `source.kind.${kind}` as const),
  'fact.votes',
  'fact.categories',
  'fact.announced',
  'fact.featured',
  'fact.published',
  ...LINK_ORDER.map((name) => `link.${name}` as const),
  'rank.like',
  'rank.matches',
  'rank.by',
  'weekly.title',
  'weekly.intro',
  'weekly.empty',
  'weekly.likes',
  'weekly.dislikes',
  'weekly.saves',
  'weekly.replies',
  'weekly.separator',
] as const;

/** A key from `CORE_MESSAGE_KEYS`. */
export type CoreMessageKey = (typeof CORE_MESSAGE_KEYS)[number];
