/**
 * Text of a Japanese blog page that posts one entry per arXiv paper:
 *
 *   English title / 要約 / Japanese lines / 要約(オリジナル) / English abstract / arxiv情報 /
 *   著者 A,B / 発行日 2025-02-24 16:06:51+00:00 / arxivサイト … / 提供元, 利用サービス / provider /
 *   カテゴリー: cs.AI, cs.LG | Title はコメントを受け付けていません
 *
 * The page names no arXiv id, so entries are keyed by normalized title for a later join.
 */
import { findArxivRef, type ArxivRef } from '../core/arxiv-id.js';
import { normalizeTitle } from '../core/normalize-title.js';
import type { EntryError, ParseResult, SourceEntry } from '../core/types.js';
import { SourceError } from './errors.js';

const SUMMARY = /^要約$/;
// The page is edited by hand: both ASCII and full-width parentheses occur.
const ORIGINAL = /^要約\s*[(（]\s*オリジナル\s*[)）]$/;
const INFO = /^arxiv\s*情報$/i;
const AUTHORS = /^著者[\s:：]+(.+)$/;
const PUBLISHED = /^発行日[\s:：]+(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?/i;
const CATEGORY = /^カテゴリー\s*[:：]\s*(.*)$/;
const CLOSED_COMMENTS = /\s*はコメントを受け付けていません\s*$/;

interface Span {
  /** Index of the title line (0-based). */
  start: number;
  /** Index of the `要約` line. */
  summary: number;
  /** Exclusive end: the next entry's title line or the end of the text. */
  end: number;
}

export function parseJaBlog(text: string): ParseResult {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim());
  const entries: SourceEntry[] = [];
  const errors: EntryError[] = [];
  for (const span of findSpans(lines)) {
    const result = readEntry(lines, span);
    if (typeof result === 'string') errors.push({ message: result, place: `line ${span.start + 1}` });
    else entries.push(result);
    reportOrphan(lines, span, errors);
  }
  if (entries.length === 0) {
    const why = errors[0] ? `; first problem: ${errors[0].message} (${errors[0].place})` : '';
    throw new SourceError(`not a Japanese arXiv blog page: no entry with 要約 and 要約(オリジナル) found${why}`);
  }
  return { entries, errors };
}

/** An entry starts at the last non-empty line before each `要約` line. */
function findSpans(lines: string[]): Span[] {
  const spans: Span[] = [];
  lines.forEach((line, i) => {
    if (!SUMMARY.test(line)) return;
    let start = i - 1;
    while (start >= 0 && lines[start] === '') start--;
    const previous = spans[spans.length - 1];
    // No title line: the line above belongs to the previous entry (or there is none).
    if (start < 0 || (previous && start <= previous.summary) || CATEGORY.test(lines[start] ?? '')) start = i;
    if (previous) previous.end = start;
    spans.push({ start, summary: i, end: lines.length });
  });
  return spans;
}

interface Parts {
  title: string;
  summary: string;
  abstract: string;
  authors: string[];
  categories: string[];
  publishedAt?: string;
  ref?: ArxivRef;
}

function readEntry(lines: string[], span: Span): SourceEntry | string {
  const p = readParts(lines, span);
  const missing = [
    !p.title && 'title',
    !p.summary && '要約',
    !p.abstract && '要約(オリジナル)',
    p.authors.length === 0 && '著者',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length) return `entry "${p.title || '(untitled)'}" lacks ${missing.join(', ')}`;
  const entry: SourceEntry = {
    entryKey: `title:${normalizeTitle(p.title)}`,
    kind: 'paper',
    title: p.title,
    authors: p.authors,
    abstract: p.abstract,
    line: span.start + 1,
  };
  if (p.ref) entry.arxivId = p.ref.id;
  if (p.ref?.version !== undefined) entry.arxivVersion = p.ref.version;
  if (p.publishedAt) {
    entry.publishedAt = p.publishedAt;
    entry.announcedOn = p.publishedAt.slice(0, 10);
  }
  if (p.categories.length) entry.categories = p.categories;
  entry.summaries = [{ locale: 'ja', sections: [{ kind: 'abstract', text: p.summary }] }];
  return entry;
}

function readParts(lines: string[], span: Span): Parts {
  const at = (re: RegExp): number => indexIn(lines, re, span.summary + 1, span.end);
  const original = at(ORIGINAL);
  const info = at(INFO);
  const categoryAt = at(CATEGORY);
  const category = splitCategoryLine(categoryAt >= 0 ? (lines[categoryAt] ?? '') : '');
  // Footer text after the category line belongs to the page, not to the entry.
  const stop = categoryAt >= 0 ? categoryAt + 1 : span.end;
  const meta = lines.slice(info >= 0 ? info : span.summary, stop);
  const authors = meta.find((l) => AUTHORS.test(l))?.match(AUTHORS)?.[1] ?? '';
  const published = meta.find((l) => PUBLISHED.test(l));
  const parts: Parts = {
    title: span.start < span.summary ? (lines[span.start] ?? '') : category.title,
    summary: block(lines, span.summary + 1, blockEnd(lines, span.summary, span.end, true)),
    abstract: original >= 0 ? block(lines, original + 1, blockEnd(lines, original, span.end, false)) : '',
    authors: splitList(authors),
    categories: category.categories,
  };
  const publishedAt = published ? toIso(published) : undefined;
  if (publishedAt) parts.publishedAt = publishedAt;
  // Metadata lines first: an abstract can cite another paper's id.
  const ref = firstRef([lines[span.start] ?? '', ...meta, ...lines.slice(span.summary, stop)]);
  if (ref) parts.ref = ref;
  return parts;
}

function splitList(s: string): string[] {
  return s.split(/[,、，]/).map((a) => a.trim()).filter(Boolean);
}

/** A text block ends at the next marker line, so a missing marker does not swallow the metadata. */
function blockEnd(lines: string[], from: number, to: number, isSummary: boolean): number {
  for (let i = from + 1; i < to; i++) {
    const l = lines[i] ?? '';
    if ((isSummary && ORIGINAL.test(l)) || [INFO, AUTHORS, PUBLISHED, CATEGORY].some((re) => re.test(l))) return i;
  }
  return to;
}

function indexIn(lines: string[], re: RegExp, from: number, to: number): number {
  for (let i = from; i < to; i++) if (re.test(lines[i] ?? '')) return i;
  return -1;
}

/** Non-empty lines of [from, to), one per line as the page writes them. */
function block(lines: string[], from: number, to: number): string {
  return lines.slice(from, to).filter(Boolean).join('\n');
}

/** `cs.AI, cs.LG | Title はコメントを受け付けていません`: categories never contain `|`, a title may. */
function splitCategoryLine(line: string): { categories: string[]; title: string } {
  const rest = line.match(CATEGORY)?.[1] ?? '';
  const bar = rest.indexOf('|');
  const cats = bar >= 0 ? rest.slice(0, bar) : rest;
  return {
    categories: splitList(cats),
    title: bar >= 0 ? rest.slice(bar + 1).replace(CLOSED_COMMENTS, '').trim() : '',
  };
}

/** `2025-02-24 16:06:51+00:00` → `2025-02-24T16:06:51.000Z`; a time without offset is UTC. */
function toIso(line: string): string | undefined {
  const m = line.match(PUBLISHED);
  if (!m) return undefined;
  const [, day, time = '', zone] = m;
  const offset = !zone || /^z$/i.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${day}T${time.length === 5 ? `${time}:00` : time}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function firstRef(lines: string[]): ArxivRef | undefined {
  for (const line of lines) {
    const ref = findArxivRef(line);
    if (ref) return ref;
  }
  return undefined;
}

/**
 * Text after an entry's category line that still looks like an entry (it has the
 * markers but no `要約` line of its own) would otherwise vanish silently.
 */
function reportOrphan(lines: string[], span: Span, errors: EntryError[]): void {
  const categoryAt = indexIn(lines, CATEGORY, span.summary + 1, span.end);
  if (categoryAt < 0) return;
  const orphan = indexIn(lines, ORIGINAL, categoryAt + 1, span.end);
  const marker = orphan >= 0 ? orphan : indexIn(lines, INFO, categoryAt + 1, span.end);
  if (marker < 0) return;
  const first = lines.findIndex((l, i) => i > categoryAt && l !== '');
  errors.push({ message: `entry "${lines[first] ?? ''}" lacks 要約`, place: `line ${first + 1}` });
}
