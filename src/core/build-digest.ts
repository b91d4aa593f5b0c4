/**
 * Turns stored papers into the neutral, localized post model: which summary a channel sees,
 * how long it may be, and every label in the channel's language. Adapters only render it.
 */
import { arxivAbsUrl } from './arxiv-id.js';
import type { CardLink, CardSummary, DigestModel, LabeledText, PaperCard } from './digest-model.js';
import type { EmptyDay } from './empty-day.js';
import type { PaperView, SummaryView } from './paper-view.js';
import { cutText, shortenList } from './text-cut.js';
import { LINK_ORDER, type Localizer } from './translate.js';
import type { SectionKind } from './types.js';

/** How a card picks and cuts its summary. */
export interface CardOptions {
  /** Show a generated summary in the locale before a source's one. */
  preferGenerated?: boolean;
  /** Limit per summary section, in UTF-16 code units. */
  maxSummaryChars?: number;
  /** Zone for dates that are instants (publishedAt); defaults to UTC. */
  timeZone?: string;
}

/** The day a digest covers and how it is cut. */
export interface DigestOptions {
  /** Local date of the digest, YYYY-MM-DD. */
  date: string;
  /** The channel's zone: dates in the title and on cards are local to it. */
  timeZone: string;
  /** How many papers the day had before the channel's limit; more than shown adds "and N more". */
  totalAvailable?: number;
  /** Say so on a day without papers instead of posting nothing. */
  emptyNotice?: boolean;
  /** Why the day has no papers (`classifyEmptyDay`); without it, "no new papers since the last digest". */
  emptyDay?: EmptyDay;
  /** Sources that could not be read for this digest, as the channel may see them (`sourceLabel`). */
  unreadSources?: string[];
  /** How each card picks and cuts its summary; the time zone is the digest's. */
  cardOptions?: Omit<CardOptions, 'timeZone'>;
}

const DEFAULT_SECTION_MAX = 700;
// Past 5 authors the list is noise in a chat card; 3 names still say whose work it is.
const MAX_AUTHORS = 5;
const KEEP_AUTHORS = 3;
const MAX_CATEGORIES = 4;
// A digest's own summary, labelled or not (older digests' plain bullets), says more than an excerpt.
const STRUCTURED: ReadonlySet<SectionKind> = new Set(['whats_new', 'technical_details', 'performance_highlights', 'summary']);

export function buildDigestModel(papers: PaperView[], loc: Localizer, options: DigestOptions): DigestModel {
  const { date, timeZone, totalAvailable = papers.length, emptyNotice = false, cardOptions, unreadSources = [] } = options;
  const model: DigestModel = {
    locale: loc.locale,
    date,
    title: loc.t('digest.title', { date: loc.formatDate(date, timeZone, 'full') }),
    intro: loc.t('digest.intro', { count: Math.max(totalAvailable, papers.length) }),
    papers: papers.map((paper) => buildPaperCard(paper, loc, { ...cardOptions, timeZone })),
  };
  if (totalAvailable > papers.length) model.more = loc.t('digest.more', { count: totalAvailable - papers.length });
  const unread = unreadSources.length > 0 ? loc.t('digest.unread_sources', { sources: unreadSources.join(', ') }) : undefined;
  if (papers.length === 0 && emptyNotice) {
    model.notice = [emptyDayMessage(loc, options.emptyDay ?? { kind: 'none' }), unread].filter(Boolean).join(' ');
    // The notice says why there is nothing; an intro of "no new papers" beside it would contradict a filtered day.
    model.intro = '';
  } else if (papers.length > 0 && unread) model.intro = `${model.intro} · ${unread}`;
  return model;
}

/** What an empty digest says, by its cause. */
export function emptyDayMessage(loc: Localizer, day: EmptyDay): string {
  switch (day.kind) {
    case 'quiet':
      return loc.t(day.reason === 'weekend' ? 'digest.empty_weekend' : 'digest.empty_holiday');
    case 'filtered':
      return loc.t('digest.empty_filtered', { count: day.total });
    case 'none':
      return loc.t('digest.empty_none');
  }
}

export function buildPaperCard(paper: PaperView, loc: Localizer, options: CardOptions = {}): PaperCard {
  const card: PaperCard = {
    key: paper.key,
    title: collapse(paper.title),
    url: cardUrl(paper),
    facts: facts(paper, loc, options.timeZone ?? 'UTC'),
    links: links(paper, loc),
  };
  if (paper.authors.length) {
    const others = (count: number) => loc.t('authors.others', { count });
    card.authors = shortenList(paper.authors, MAX_AUTHORS, others, { keep: KEEP_AUTHORS });
  }
  const summary = cardSummary(paper, loc, options);
  if (summary) card.summary = summary;
  if (paper.thumbnail) card.thumbnail = paper.thumbnail;
  return card;
}

function cardUrl(paper: PaperView): string {
  if (paper.links.arxiv) return paper.links.arxiv;
  if (paper.arxivId) return arxivAbsUrl(paper.arxivId);
  return paper.links.article ?? paper.url ?? '';
}

/** The channel's language first; the English abstract, marked as a fallback, when it has nothing. */
function cardSummary(paper: PaperView, loc: Localizer, options: CardOptions): CardSummary | undefined {
  const max = options.maxSummaryChars ?? DEFAULT_SECTION_MAX;
  const chosen = pickSummary(paper.summaries, loc.locale, options.preferGenerated ?? false);
  if (chosen) return fromSummary(chosen, loc, max, false);
  const english = language(loc.locale) === 'en';
  if (paper.abstract?.trim()) {
    const label = loc.t(english ? 'section.abstract' : 'section.abstract_en');
    return { sections: [{ label, text: cutText(paper.abstract.trim(), max) }], fallback: !english };
  }
  // No abstract (an article): an English summary still beats an empty card.
  const fallback = english ? undefined : pickSummary(paper.summaries, 'en', false);
  return fallback && fromSummary(fallback, loc, max, true);
}

/**
 * A summary in the locale: source summaries (structured ones first, since they say more than an
 * excerpt), then generated ones — or the other way round with `preferGenerated`.
 */
export function pickSummary(summaries: SummaryView[], locale: string, preferGenerated: boolean): SummaryView | undefined {
  const usable = summaries.filter((s) => language(s.locale) === language(locale) && s.sections.some((x) => x.text.trim()));
  const structured = (s: SummaryView) => (s.sections.some((x) => STRUCTURED.has(x.kind)) ? 0 : 1);
  const fromSources = usable.filter((s) => s.origin === 'source').sort((a, b) => structured(a) - structured(b));
  const generated = usable.filter((s) => s.origin === 'generated');
  return (preferGenerated ? [...generated, ...fromSources] : [...fromSources, ...generated])[0];
}

function fromSummary(summary: SummaryView, loc: Localizer, max: number, fallback: boolean): CardSummary {
  const sections = summary.sections
    .filter((s) => s.text.trim())
    .map((s) => ({ label: loc.t(`section.${s.kind}`), text: cutText(s.text.trim(), max) }));
  const attribution =
    summary.origin === 'generated'
      ? loc.t('summary.generated', { model: summary.source })
      : loc.t('summary.source', { source: summary.source });
  return { sections, attribution, fallback };
}

function facts(paper: PaperView, loc: Localizer, timeZone: string): LabeledText[] {
  const out: LabeledText[] = [];
  if (paper.votes !== null && paper.votes > 0) {
    out.push({ label: loc.t('fact.votes'), text: loc.formatNumber(paper.votes) });
  }
  if (paper.categories.length) {
    out.push({ label: loc.t('fact.categories'), text: paper.categories.slice(0, MAX_CATEGORIES).join(', ') });
  }
  const dated = (
    [
      ['fact.announced', paper.announcedOn],
      ['fact.featured', paper.featuredOn],
      ['fact.published', paper.publishedAt],
    ] as const
  ).find(([, value]) => value);
  if (dated?.[1]) out.push({ label: loc.t(dated[0]), text: loc.formatDate(dated[1], timeZone, 'medium') });
  return out;
}

function links(paper: PaperView, loc: Localizer): CardLink[] {
  const urls: Record<string, string | undefined> = { ...paper.links };
  if (!urls.arxiv && paper.arxivId) urls.arxiv = arxivAbsUrl(paper.arxivId);
  return LINK_ORDER.flatMap((name) => {
    const url = urls[name];
    return url ? [{ label: loc.t(`link.${name}`), url }] : [];
  });
}

function language(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? '';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
