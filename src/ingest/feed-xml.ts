/**
 * Shared reading of RSS 2.0 / Atom feeds through rss-parser: turns its raw, multi-line
 * XML errors into one-line `SourceError`s, and gives typed access to the loosely shaped
 * objects it returns (a field can be a string, an xml2js `{_, $}` node or an array).
 */
import Parser from 'rss-parser';
import { SourceError } from './errors.js';
import { decodeEntities } from './html-text.js';

export type FeedRecord = Record<string, unknown>;
export interface Feed extends FeedRecord {
  items: FeedRecord[];
}

// rss-parser keeps only the first Atom <author> and ignores Atom <category>, so both are
// taken raw (keepArray). They are renamed because rss-parser overwrites `author` with a
// string after copying custom fields. `published` is kept raw because rss-parser converts
// it to UTC, losing the day as the feed wrote it.
const ITEM_FIELDS: [string, string, { keepArray: boolean }][] = [
  ['author', 'authors', { keepArray: true }],
  ['category', 'categories', { keepArray: true }],
  ['arxiv:announce_type', 'announceType', { keepArray: false }],
  // Some feeds repeat dc:creator once per author; arXiv writes one "A, B and C" string.
  ['dc:creator', 'creators', { keepArray: true }],
  ['published', 'published', { keepArray: false }],
];

/** Parses an RSS 2.0 or Atom document; throws `SourceError` when it is not one. */
export async function readFeed(xml: string): Promise<Feed> {
  const body = xml.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new SourceError('empty body: expected an RSS or Atom feed');
  rejectHtml(body);
  // A new parser per call: xml2js parser state is not worth sharing across documents.
  // defaultRSS: an <rss> root without a version attribute is read as RSS 2.0.
  const parser = new Parser<FeedRecord, FeedRecord>({ defaultRSS: 2, customFields: { item: ITEM_FIELDS } });
  try {
    const feed = await parser.parseString(body);
    return feed as unknown as Feed;
  } catch (err) {
    throw toSourceError(err, body);
  }
}

function rejectHtml(body: string): void {
  const head = body.slice(0, 2000);
  if (!/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i.test(head)) return;
  const raw = head.match(/<title[^>]*>([^<]*)<\/title>/i)?.[1];
  const title = raw ? decodeEntities(raw).replace(/\s+/g, ' ').trim() : undefined;
  throw new SourceError(`got an HTML page${title ? ` ("${title}")` : ''} instead of an RSS or Atom feed`);
}

/** xml2js/sax errors read "Unexpected close tag\nLine: 3\nColumn: 22\nChar: >". */
function toSourceError(err: unknown, body: string): SourceError {
  const raw = err instanceof Error ? err.message : String(err);
  const [first = raw] = raw.split('\n');
  const pos = raw.match(/Line: (\d+)\s+Column: (\d+)/);
  // sax counts lines from 0.
  const place = pos ? `line ${Number(pos[1]) + 1}, column ${pos[2]}` : undefined;
  if (/^Unclosed root tag/.test(first)) return new SourceError('truncated XML: the document ends before its root element closes', place);
  if (/^Feed not recognized/.test(first)) {
    const name = body.match(/<([A-Za-z][\w:.-]*)[\s>/]/)?.[1] ?? 'unknown';
    return new SourceError(`not an RSS or Atom feed: root element is <${name}>`);
  }
  // rss-parser converts Atom <published>/<updated> with toISOString, which throws on a bad date.
  if (err instanceof RangeError) return new SourceError(`Atom entry with an unreadable <published> or <updated> date (${first})`);
  if (/^Unable to parse XML/.test(first)) return new SourceError('not XML: no root element found');
  return new SourceError(`malformed XML: ${first.replace(/\.$/, '')}`, place);
}

/** The text of a field that may be a string, an xml2js node `{_: text}` or an array of either. */
/** The feed's own `<title>`, on one line; undefined when it has none. */
export function feedTitle(feed: Feed): string | undefined {
  const title = text(feed.title);
  return title ? collapse(decodeEntities(title)) || undefined : undefined;
}

export function text(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && '_' in v && typeof v._ === 'string') return v._;
  return undefined;
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Names from a comma list such as "A, B and C" or "A, B, and C"; commas inside parentheses (affiliations) do not split. */
export function splitAuthors(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts
    .flatMap((p) => (/\(/.test(p) ? [p] : p.split(/\s+and\s+/i)))
    .map((p) => collapse(p.replace(/^\s*and\s+/i, '')))
    .filter((p) => p.length > 0);
}

/**
 * Authors of a parsed item: Atom has one `<author><name>` per person; RSS has one
 * dc:creator string ("A, B and C") or `<author>` strings ("mail@x.org (Name)").
 */
export function itemAuthors(item: FeedRecord): string[] {
  const nodes = Array.isArray(item.authors) ? (item.authors as unknown[]) : [];
  // sax decodes references in element text but not inside CDATA, where feeds put names like `J&ouml;rg`.
  const atom = nodes.flatMap((n) => (n && typeof n === 'object' && 'name' in n ? [decodeEntities(text(n.name) ?? '')] : []));
  if (atom.length > 0) return atom.map(collapse).filter((s) => s.length > 0);
  const creators = Array.isArray(item.creators) ? (item.creators as unknown[]) : [];
  const named = creators.flatMap((c) => splitAuthors(decodeEntities(text(c) ?? ''))).filter((s) => !isBareEmail(s));
  if (named.length > 0) return named;
  return nodes
    .map((n) => decodeEntities(text(n) ?? ''))
    .map((s) => s.match(/\(([^)]+)\)\s*$/)?.[1] ?? s)
    .filter((s) => !isBareEmail(s))
    .map(collapse)
    .filter((s) => s.length > 0);
}

function isBareEmail(s: string): boolean {
  return /^\s*\S+@\S+\s*$/.test(s);
}

/** Category names from RSS `<category>` text or Atom `<category term="…"/>`. */
export function categoryNames(nodes: unknown): string[] {
  if (!Array.isArray(nodes)) return [];
  const names = nodes.map((n: unknown) => {
    if (n && typeof n === 'object' && '$' in n && n.$ && typeof n.$ === 'object' && 'term' in n.$) {
      return typeof n.$.term === 'string' ? n.$.term : undefined;
    }
    return text(n);
  });
  return [...new Set(names.map((s) => (s ? s.trim() : '')).filter((s) => s.length > 0))];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** YYYY-MM-DD of a date as written (its own offset), from RFC 822 or ISO 8601. */
export function dateAsWritten(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const iso = raw.trim().match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const rfc = raw.match(/(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/);
  const month = rfc ? MONTHS.indexOf((rfc[2] ?? '').toLowerCase()) : -1;
  if (!rfc || month < 0) return undefined;
  return `${rfc[3]}-${String(month + 1).padStart(2, '0')}-${(rfc[1] ?? '').padStart(2, '0')}`;
}

/** ISO 8601 UTC timestamp, or undefined for an unreadable date. */
export function isoTimestamp(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const t = Date.parse(raw.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
