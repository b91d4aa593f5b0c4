/**
 * Turns stored papers into the neutral, localized post model: which summary a channel sees,
 * how long it may be, and every label in the channel's language. Adapters only render it.
 */
import { arxivAbsUrl } from './arxiv-id.js';
import { cardBody } from './card-body.js';
import type { CardLink, DigestModel, LabeledText, PaperCard } from './digest-model.js';
import type { EmptyDay } from './empty-day.js';
import type { PaperView } from './paper-view.js';
import { defaultSourceLabel, type SourceLabeler } from './source-label.js';
import { shortenList } from './text-cut.js';
import { LINK_ORDER, type Localizer } from './translate.js';

/** How a card picks and cuts its summary. */
export interface CardOptions {
  /** Show a generated summary in the locale before a source's one. */
  preferGenerated?: boolean;
  /** Limit per summary section, in UTF-16 code units. */
  maxSummaryChars?: number;
  /** Zone for dates that are instants (publishedAt); defaults to UTC. */
  timeZone?: string;
  /** The human name of a stored source (config label, else a default); see core/source-label.ts. */
  sourceLabel?: SourceLabeler;
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
  /** Sources that could not be read for this digest, as the channel may see them (already labelled). */
  unreadSources?: string[];
  /** How each card picks, cuts and credits its summary; the time zone is the digest's. */
  cardOptions?: Omit<CardOptions, 'timeZone'>;
  /** A weekly digest: the first and last local dates (YYYY-MM-DD) its papers come from. */
  week?: { start: string; end: string };
}

const DEFAULT_SECTION_MAX = 700;
// Past 5 authors the list is noise in a chat card; 3 names still say whose work it is.
const MAX_AUTHORS = 5;
const KEEP_AUTHORS = 3;
const MAX_CATEGORIES = 4;
/** Without the config and the stored source facts, a label from the source name alone (never a path or key). */
const fallbackLabel: SourceLabeler = (source, loc) => defaultSourceLabel(source, {}, loc);

export function buildDigestModel(papers: PaperView[], loc: Localizer, options: DigestOptions): DigestModel {
  const { date, timeZone, totalAvailable = papers.length, emptyNotice = false, cardOptions, unreadSources = [] } = options;
  // One digest credits few sources many times: each label is resolved once per digest.
  const sourceLabel = memoized(cardOptions?.sourceLabel ?? fallbackLabel);
  const { week } = options;
  const count = Math.max(totalAvailable, papers.length);
  const model: DigestModel = {
    locale: loc.locale,
    date,
    title: week
      ? loc.t('weekly.title', { start: loc.formatDate(week.start, timeZone, 'medium'), end: loc.formatDate(week.end, timeZone, 'medium') })
      : loc.t('digest.title', { date: loc.formatDate(date, timeZone, 'full') }),
    intro: loc.t(week ? 'weekly.intro' : 'digest.intro', { count }),
    papers: papers.map((paper) => buildPaperCard(paper, loc, { ...cardOptions, sourceLabel, timeZone })),
  };
  if (totalAvailable > papers.length) model.more = loc.t('digest.more', { count: totalAvailable - papers.length });
  const unread = unreadSources.length > 0 ? loc.t('digest.unread_sources', { sources: unreadSources.join(', ') }) : undefined;
  if (papers.length === 0 && emptyNotice) {
    model.notice = [week ? loc.t('weekly.empty') : emptyDayMessage(loc, options.emptyDay ?? { kind: 'none' }), unread].filter(Boolean).join(' ');
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
    paperId: paper.id,
    title: collapse(paper.title),
    url: cardUrl(paper),
    facts: facts(paper, loc, options.timeZone ?? 'UTC'),
    links: links(paper, loc),
  };
  if (paper.authors.length) {
    const others = (count: number) => loc.t('authors.others', { count });
    card.authors = shortenList(paper.authors, MAX_AUTHORS, others, { keep: KEEP_AUTHORS });
  }
  card.summary = cardBody(paper, loc, {
    preferGenerated: options.preferGenerated ?? false,
    max: options.maxSummaryChars ?? DEFAULT_SECTION_MAX,
    sourceLabel: options.sourceLabel ?? fallbackLabel,
  });
  if (paper.thumbnail) card.thumbnail = paper.thumbnail;
  return card;
}

function memoized(label: SourceLabeler): SourceLabeler {
  const known = new Map<string, string>();
  return (source, loc) => {
    const key = `${loc.locale}\u0000${source}`;
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = label(source, loc)));
    return text;
  };
}

function cardUrl(paper: PaperView): string {
  if (paper.links.arxiv) return paper.links.arxiv;
  if (paper.arxivId) return arxivAbsUrl(paper.arxivId);
  return paper.links.article ?? paper.url ?? '';
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

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
