/**
 * Where a source keeps a past day, for `paperboy backfill`: its `backfillUrl` template, the
 * Hugging Face Daily Papers API with `?date=`, or, for an arXiv category feed (which only ever
 * shows today), the arXiv query API searched by submission date. Pure: builds URLs, fetches nothing.
 */
import type { SourceFormat } from '../core/types.js';

export interface BackfillSourceSpec {
  url?: string;
  path?: string;
  format?: SourceFormat;
  backfillUrl?: string;
}

export type BackfillPlan =
  /** One document per day. */
  | { kind: 'daily'; format?: SourceFormat; urlFor(day: string): string }
  /** The arXiv query API: one search per day, read in pages of `size` from `start`. */
  | { kind: 'arxiv'; categories: string[]; pageUrl(day: string, start: number, size: number): string }
  /** The source has no past days Paperboy can find. */
  | { kind: 'none'; reason: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;
export const NO_PAST_DAYS = 'has no past days: set backfillUrl';

/** Whether `s` is a real calendar day written YYYY-MM-DD. */
export function isDay(s: string): boolean {
  const m = s.match(DAY);
  if (!m) return false;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return t.toISOString().slice(0, 10) === s;
}

/** Every day from `from` to `to`, both included, in order. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** `{date}` = YYYY-MM-DD, `{yyyy}`, `{mm}`, `{dd}`. */
export function fillTemplate(template: string, day: string): string {
  const [yyyy = '', mm = '', dd = ''] = day.split('-');
  return template.replaceAll('{date}', day).replaceAll('{yyyy}', yyyy).replaceAll('{mm}', mm).replaceAll('{dd}', dd);
}

function parseUrl(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isHfDaily(spec: BackfillSourceSpec, url: URL | undefined): boolean {
  if (spec.format === 'hf-daily') return true;
  return url !== undefined && /(^|\.)huggingface\.co$/i.test(url.hostname) && /^\/api\/daily_papers\/?$/.test(url.pathname);
}

function isArxivFeed(spec: BackfillSourceSpec, url: URL | undefined): boolean {
  if (spec.format === 'arxiv-rss' || spec.format === 'arxiv-atom') return true;
  return url !== undefined && /^(rss|export)\.arxiv\.org$/i.test(url.hostname);
}

/** The arXiv query for one day's submissions in these categories (times are arXiv's, GMT). */
export function arxivSearchQuery(categories: string[], day: string): string {
  const cats = categories.map((c) => `cat:${c}`);
  const which = cats.length === 1 ? cats[0] : `(${cats.join(' OR ')})`;
  const d = day.replaceAll('-', '');
  return `${which} AND submittedDate:[${d}0000 TO ${d}2359]`;
}

export function arxivPageUrl(apiUrl: string, categories: string[], day: string, start: number, size: number): string {
  const url = new URL(apiUrl);
  url.searchParams.set('search_query', arxivSearchQuery(categories, day));
  url.searchParams.set('sortBy', 'submittedDate');
  url.searchParams.set('sortOrder', 'ascending');
  url.searchParams.set('start', String(start));
  url.searchParams.set('max_results', String(size));
  return url.toString();
}

/** How `paperboy backfill` reads past days of a source. */
export function backfillPlan(spec: BackfillSourceSpec, arxivApiUrl: string): BackfillPlan {
  const { backfillUrl } = spec;
  if (backfillUrl) return { kind: 'daily', ...(spec.format ? { format: spec.format } : {}), urlFor: (day) => fillTemplate(backfillUrl, day) };
  const url = parseUrl(spec.url);
  if (!url) return { kind: 'none', reason: spec.path ? `is a local file or folder and ${NO_PAST_DAYS}` : NO_PAST_DAYS };
  if (isHfDaily(spec, url)) {
    return {
      kind: 'daily',
      format: 'hf-daily',
      urlFor: (day) => {
        const u = new URL(url);
        u.searchParams.set('date', day);
        return u.toString();
      },
    };
  }
  if (isArxivFeed(spec, url)) {
    const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).at(-1) ?? '');
    const categories = last.split('+').filter(Boolean);
    // export.arxiv.org/api/query?… is a search, not a category feed.
    if (/^\/api\//.test(url.pathname) || categories.length === 0 || !categories.every((c) => CATEGORY.test(c))) {
      return { kind: 'none', reason: `names no arXiv category at the end of its URL and ${NO_PAST_DAYS}` };
    }
    return { kind: 'arxiv', categories, pageUrl: (day, start, size) => arxivPageUrl(arxivApiUrl, categories, day, start, size) };
  }
  return { kind: 'none', reason: NO_PAST_DAYS };
}
