/**
 * arXiv's announcement feeds: RSS 2.0 (rss.arxiv.org/rss/cs.AI) and Atom
 * (rss.arxiv.org/atom/cs.CL). Both carry one item per announced paper; on weekends and
 * holidays they are empty, which is normal and not an error.
 *
 * The same parser reads answers of arXiv's query API (export.arxiv.org/api/query), which are
 * Atom too: entries with `<id>http://arxiv.org/abs/2410.12345v1</id>`, the submission time as
 * `<published>`, and `<opensearch:totalResults>` for paging. A bad query is answered with
 * HTTP 200 and one entry titled "Error": that is a failure, not a paper.
 */
import { arxivAbsUrl, arxivPdfUrl, findArxivRef, parseArxivRef, type ArxivRef } from '../core/arxiv-id.js';
import type { EntryError, ParseResult, SourceEntry } from '../core/types.js';
import { SourceError } from './errors.js';
import { decodeEntities } from './html-text.js';
import { categoryNames, collapse, dateAsWritten, feedTitle, isoTimestamp, itemAuthors, readFeed, text, type FeedRecord } from './feed-xml.js';

// Descriptions read "arXiv:2410.22304v1 Announce Type: new \nAbstract: The abstract…".
const PREFIX = /^\s*arXiv:\S+\s+Announce Type:\s*(\S+)\s*(?:Abstract:\s*)?/i;

const TOTAL_RESULTS = /<opensearch:totalResults[^>]*>\s*(\d+)\s*<\/opensearch:totalResults>/;
const API_ERROR_ID = /arxiv\.org\/api\/errors/i;

/** How many results an arXiv API search has in all (`opensearch:totalResults`); undefined for a feed. */
export function arxivTotalResults(xml: string): number | undefined {
  const m = xml.match(TOTAL_RESULTS);
  return m ? Number(m[1]) : undefined;
}

export async function parseArxivFeed(xml: string): Promise<ParseResult> {
  const feed = await readFeed(xml);
  // The API's <published> is when a paper was submitted, not the day it was announced.
  const api = arxivTotalResults(xml) !== undefined;
  const entries: SourceEntry[] = [];
  const errors: EntryError[] = [];
  feed.items.forEach((item, i) => {
    const place = `item ${i + 1}`;
    rejectApiError(item);
    const result = toEntry(item, api);
    if (typeof result === 'string') errors.push({ message: result, place });
    else entries.push(result);
  });
  // An API answer's title is its query ("ArXiv Query: search_query=…"), not a name for people.
  const title = api ? undefined : feedTitle(feed);
  return { entries, errors, ...(title ? { title } : {}) };
}

function rejectApiError(item: FeedRecord): void {
  const id = text(item.id) ?? text(item.guid) ?? '';
  if (!API_ERROR_ID.test(id)) return;
  const message = collapse(text(item.summary) ?? text(item.content) ?? '') || id;
  throw new SourceError(`the arXiv API answered with an error: ${message}`);
}

/** The entry, or the reason the item cannot be one. */
function toEntry(item: FeedRecord, api: boolean): SourceEntry | string {
  const description = text(item.summary) ?? text(item.content) ?? '';
  const ref = itemRef(item, description);
  if (!ref) return `no arXiv id in link, guid or description (title: "${collapse(text(item.title) ?? '')}")`;
  // Decoded like the authors: a CDATA title keeps its references (`Caf&eacute;`) past the XML parser.
  const title = collapse(decodeEntities(text(item.title) ?? ''));
  if (!title) return `arXiv:${ref.id} has no title`;
  const rawDate = text(item.published) ?? text(item.pubDate);
  const entry: SourceEntry = {
    entryKey: `arxiv:${ref.id}`,
    kind: 'paper',
    arxivId: ref.id,
    ...(ref.version !== undefined && { arxivVersion: ref.version }),
    title,
    authors: itemAuthors(item),
    categories: categoryNames(item.categories),
    links: { arxiv: arxivAbsUrl(ref.id), pdf: arxivPdfUrl(ref.id) },
  };
  const abstract = collapse(decodeEntities(description.replace(PREFIX, '')));
  if (abstract) entry.abstract = abstract;
  const publishedAt = isoTimestamp(rawDate);
  if (publishedAt) entry.publishedAt = publishedAt;
  const announcedOn = api ? undefined : dateAsWritten(rawDate);
  if (announcedOn) entry.announcedOn = announcedOn;
  const announceType = itemAnnounceType(item, description);
  if (announceType) entry.announceType = announceType;
  return entry;
}

/**
 * The id from the first of link, guid/id, description that has one; the version from the
 * first that names one for that id (RSS links are version-less, the guid is not).
 */
function itemRef(item: FeedRecord, description: string): ArxivRef | undefined {
  const guid = text(item.guid) ?? text(item.id);
  const refs = [
    text(item.link) && parseArxivRef(text(item.link) ?? ''),
    // arXiv guids read "oai:arXiv.org:2410.22304v1".
    guid && parseArxivRef(guid.replace(/^oai:arXiv\.org:/i, '')),
    findArxivRef(description.slice(0, 200)),
  ].filter((r): r is ArxivRef => Boolean(r));
  const first = refs[0];
  if (!first) return undefined;
  const version = refs.find((r) => r.id === first.id && r.version !== undefined)?.version;
  return version !== undefined ? { id: first.id, version } : { id: first.id };
}

/** new, cross, replace or replace-cross; an unknown future type is kept rather than lost. */
function itemAnnounceType(item: FeedRecord, description: string): string | undefined {
  const raw = text(item.announceType) ?? description.match(PREFIX)?.[1];
  return raw?.trim().toLowerCase() || undefined;
}
