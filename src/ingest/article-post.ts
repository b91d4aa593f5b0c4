/**
 * A Korean translation of an article, posted as Markdown with YAML front matter (`title`,
 * `description`, `coverImage`, `date`, `ogImage.url`, `tag`, `originalTitle`, `link`). The
 * original `link` is the identity; the body becomes a short plain-text Korean excerpt.
 */
import { parse as parseYaml } from 'yaml';
import { arxivAbsUrl, arxivPdfUrl, parseArxivRef } from '../core/arxiv-id.js';
import { canonicalUrl } from '../core/canonical-url.js';
import { cutText } from '../core/text-cut.js';
import type { EntryError, ParseResult, SourceEntry } from '../core/types.js';
import { SourceError } from './errors.js';
import { decodeEntities } from './html-text.js';

/** Excerpt length limit: long enough for a digest post, short enough for one message. */
export const EXCERPT_MAX = 1200;
const AUTHOR_LINE = /^(?:저자|지은이|글쓴이|작성자|authors?|author\(s\)|written by|by)\s*[:：]\s*(.+)$/i;
// Only the first lines of a post carry its byline; later "저자:" lines are content.
const BYLINE_WINDOW = 8;

type FrontMatter = Record<string, unknown>;

export function parseArticlePost(md: string): ParseResult {
  const { data, body } = splitFrontMatter(md.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const link = text(data.link);
  if (!link) throw new SourceError('front matter has no `link` (the original article URL)', 'line 1');
  const url = canonicalUrl(link);
  if (!url) throw new SourceError(`front matter \`link\` is not an http(s) URL: ${link}`, 'line 1');
  const koTitle = text(data.title);
  const title = text(data.originalTitle) || koTitle;
  if (!title) throw new SourceError('front matter has neither `originalTitle` nor `title`', 'line 1');

  const errors: EntryError[] = [];
  const { authors, rest } = takeByline(body.split('\n'));
  const excerpt = toExcerpt(rest.join('\n')) || text(data.description);
  const entry: SourceEntry = { ...identity(link, url), title, line: 1 };
  if (authors.length) entry.authors = authors;
  const publishedAt = toIso(data.date);
  if (publishedAt) entry.publishedAt = publishedAt;
  else if (data.date !== undefined) errors.push({ message: `front matter date "${text(data.date)}" is not a date`, place: 'line 1' });
  const thumbnail = [data.coverImage, (data.ogImage as FrontMatter | undefined)?.url, data.ogImage].map(text).find(isAbsolute);
  if (thumbnail) entry.thumbnail = thumbnail;
  entry.summaries = [
    { locale: 'ko', ...(koTitle ? { title: koTitle } : {}), sections: excerpt ? [{ kind: 'excerpt', text: excerpt }] : [] },
  ];
  return { entries: [entry], errors };
}

function splitFrontMatter(md: string): { data: FrontMatter; body: string } {
  const m = md.match(/^\s*---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/);
  if (!m) throw new SourceError('no YAML front matter: the post must start with a --- block holding `link`', 'line 1');
  let data: unknown;
  try {
    data = parseYaml(m[1] ?? '');
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new SourceError(`front matter is not valid YAML: ${first}`, 'line 1');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new SourceError('front matter is not a YAML mapping of fields', 'line 1');
  }
  return { data: data as FrontMatter, body: md.slice(m[0].length) };
}

/** An arXiv link makes the post another summary of that paper rather than an article. */
function identity(link: string, url: string): Pick<SourceEntry, 'entryKey' | 'kind' | 'url' | 'links' | 'arxivId' | 'arxivVersion'> {
  const ref = parseArxivRef(link);
  if (!ref) return { entryKey: `url:${url}`, kind: 'article', url, links: { article: link } };
  const paper = {
    entryKey: `arxiv:${ref.id}`,
    kind: 'paper' as const,
    arxivId: ref.id,
    links: { arxiv: arxivAbsUrl(ref.id), pdf: arxivPdfUrl(ref.id) },
  };
  return ref.version === undefined ? paper : { ...paper, arxivVersion: ref.version };
}

function text(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
}

function isAbsolute(v: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(v);
}

/** `2024-06-20 18:53` (no offset: UTC), `2024-06-20T18:53:00+09:00`, `2024-06-20`, or a YAML Date. */
function toIso(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  const m = text(v).match(/^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i);
  if (!m) return undefined;
  const [, day, h = '0', min = '00', s = '00', frac = '', zone] = m;
  const offset = !zone || /^z$/i.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${day}T${h.padStart(2, '0')}:${min}:${s}${frac}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Takes a `저자: A, B` byline from the first lines; it is metadata, not excerpt text. */
function takeByline(lines: string[]): { authors: string[]; rest: string[] } {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < BYLINE_WINDOW; i++) {
    const line = stripInline(lines[i] ?? '').trim();
    if (!line) continue;
    seen++;
    const m = line.match(AUTHOR_LINE);
    if (!m) continue;
    const authors = (m[1] ?? '').split(/\s*(?:,|、|&|\band\b|및)\s*/).map((a) => a.trim()).filter(Boolean);
    return { authors, rest: [...lines.slice(0, i), ...lines.slice(i + 1)] };
  }
  return { authors: [], rest: lines };
}

/** Markdown body → readable plain text: paragraphs split by one blank line, cut at a sentence. */
export function toExcerpt(markdown: string, max = EXCERPT_MAX): string {
  const plain = markdown
    .replace(/<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(HTML_BLOCK_TAG, '') // tags may span lines; inline ones go line by line below
    .replace(/^\s*(```|~~~)[\s\S]*?^\s*\1[^\n]*$/gm, '') // fenced code is not prose
    .split('\n')
    .map(plainLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cutAtSentence(plain, max);
}

const HTML_BLOCK_TAG = /<\/?(?:div|span|p|br|img|a|figure|figcaption|iframe|picture|source|video|table|t[rdh]|tbody|thead|[uo]l|li|center|hr|h[1-6])\b[^>]*>/gi;

function plainLine(line: string): string {
  const l = line.trim();
  if (/^(?:```|~~~)|^(?:[-*_]\s*){3,}$|^=+$|^\|?[\s:|-]*-{3,}[\s:|-]*$|^\[[^\]]+\]:\s*\S+/.test(l)) return '';
  const stripped = stripInline(l)
    .replace(/^>+\s?/, '')
    .replace(/^#{1,6}\s+/, '')
    .replace(/\s+#+$/, '')
    .replace(/^[-*+]\s+/, '• ');
  return stripped.trim() === '•' ? '' : stripped.trim();
}

function stripInline(s: string): string {
  const plain = s
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images, also inside links
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    // Korean particles follow bold directly (`**RL**을`), so `*` needs no word boundary;
    // `_` does, or snake_case names would lose their underscores.
    .replace(/(\*{1,3}|~~)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}_])(_{1,3})(\S(?:.*?\S)?)\2(?![\p{L}\p{N}_])/gu, '$1$3')
    .replace(/&nbsp;/g, ' ');
  return decodeEntities(plain);
}

/**
 * Cuts at the last sentence end within `max`, else at a word with an ellipsis. An excerpt is
 * long, so a sentence end past a third of it beats a mid-sentence cut.
 */
export function cutAtSentence(s: string, max: number): string {
  return cutText(s, max, { minKeep: 1 / 3 });
}
