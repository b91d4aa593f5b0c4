/**
 * Any RSS 2.0 or Atom feed (a lab blog, a newsletter). An item that points at an arXiv
 * paper (by link, guid or text) is an observation of that paper; anything else is an
 * article keyed by its canonical URL.
 */
import { arxivAbsUrl, arxivPdfUrl, findArxivRef, type ArxivRef } from '../core/arxiv-id.js';
import { canonicalUrl } from '../core/canonical-url.js';
import type { EntryError, EntryLinks, EntrySummary, ParseResult, SourceEntry } from '../core/types.js';
import { collapse, feedTitle, isoTimestamp, itemAuthors, readFeed, text, type FeedRecord } from './feed-xml.js';
import { decodeEntities, htmlToText } from './html-text.js';

// A digest shows an excerpt, not a whole post.
const EXCERPT_MAX = 1200;

// arXiv-style descriptions ("arXiv:… Announce Type: … Abstract: …") are the paper's abstract.
const ARXIV_ABSTRACT = /^\s*(?:arXiv:\S+\s+Announce Type:\s*\S+\s*)?Abstract:\s*/i;

export async function parseGenericFeed(xml: string): Promise<ParseResult> {
  const feed = await readFeed(xml);
  const locale = feedLocale(text(feed.language), xml);
  const entries: SourceEntry[] = [];
  const errors: EntryError[] = [];
  feed.items.forEach((item, i) => {
    const result = toEntry(item, locale);
    if (typeof result === 'string') errors.push({ message: result, place: `item ${i + 1}` });
    else entries.push(result);
  });
  const title = feedTitle(feed);
  return { entries, errors, ...(title ? { title } : {}) };
}

/** Two-letter locale from RSS <language> ("ko-KR" → "ko") or Atom xml:lang; English otherwise. */
function feedLocale(language: string | undefined, xml: string): string {
  const lang = language ?? xml.match(/<feed\b[^>]*\sxml:lang\s*=\s*["']([^"']+)["']/)?.[1];
  const code = lang?.trim().slice(0, 2).toLowerCase();
  return code && /^[a-z]{2}$/.test(code) ? code : 'en';
}

function toEntry(item: FeedRecord, locale: string): SourceEntry | string {
  const link = text(item.link)?.trim() || undefined;
  const guid = text(item.guid) ?? text(item.id);
  const html = text(item.summary) ?? text(item.content) ?? text(item['content:encoded']) ?? '';
  const title = collapse(decodeEntities(text(item.title) ?? ''));
  const ref = [link, guid, html].map((s) => (s ? findArxivRef(s) : undefined)).find((r) => r !== undefined);
  if (!ref && !link) return `item has neither a link nor an arXiv id (title: "${title}")`;
  if (!title) return `item has no title (${link ?? `arXiv:${ref?.id ?? ''}`})`;
  const base = baseEntry(item, title, htmlToText(html), locale);
  if (ref) return paperEntry(base, ref, link);
  const url = canonicalUrl(link ?? '');
  if (!url) return `link "${link ?? ''}" is not an http(s) URL`;
  return { entryKey: `url:${url}`, kind: 'article', url, ...base, links: { article: link } };
}

/** The fields papers and articles share. */
function baseEntry(item: FeedRecord, title: string, plain: string, locale: string): Omit<SourceEntry, 'entryKey' | 'kind'> {
  const entry: Omit<SourceEntry, 'entryKey' | 'kind'> = { title };
  const authors = itemAuthors(item);
  if (authors.length > 0) entry.authors = authors;
  const publishedAt = isoTimestamp(text(item.isoDate) ?? text(item.pubDate));
  if (publishedAt) entry.publishedAt = publishedAt;
  if (plain) entry.summaries = [excerpt(plain, locale)];
  return entry;
}

function paperEntry(base: Omit<SourceEntry, 'entryKey' | 'kind'>, ref: ArxivRef, link: string | undefined): SourceEntry {
  const entry: SourceEntry = { entryKey: `arxiv:${ref.id}`, kind: 'paper', arxivId: ref.id, ...base, links: paperLinks(ref.id, link) };
  if (ref.version !== undefined) entry.arxivVersion = ref.version;
  // Only arXiv's own wording marks the text as the abstract; a blog's blurb is an excerpt.
  const plain = base.summaries?.[0]?.sections[0]?.text;
  if (plain && ARXIV_ABSTRACT.test(plain)) {
    entry.abstract = collapse(plain.replace(ARXIV_ABSTRACT, ''));
    delete entry.summaries;
  }
  return entry;
}

function paperLinks(id: string, link: string | undefined): EntryLinks {
  const links: EntryLinks = { arxiv: arxivAbsUrl(id), pdf: arxivPdfUrl(id) };
  if (!link) return links;
  const host = hostOf(link);
  if (host === 'huggingface.co') links.huggingface = link;
  // The post itself, when the item is a blog post about the paper rather than the paper.
  else if (host !== 'arxiv.org' && host !== 'export.arxiv.org') links.article = link;
  return links;
}

function hostOf(link: string): string | undefined {
  try {
    return new URL(link).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function excerpt(plain: string, locale: string): EntrySummary {
  let body = plain;
  if (body.length > EXCERPT_MAX) {
    const cut = body.slice(0, EXCERPT_MAX);
    body = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_MAX / 2)).trimEnd()}…`;
  }
  return { locale, sections: [{ kind: 'excerpt', text: body }] };
}
