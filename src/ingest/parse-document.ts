/** Picks the parser for a document: the format configured for the source, or the one its content shows. */
import type { ParseResult, SourceFormat } from '../core/types.js';
import { parseArticlePost } from './article-post.js';
import { parseArxivFeed } from './arxiv-feed.js';
import { describeBody, detectFormat } from './detect-format.js';
import { SourceError } from './errors.js';
import { parseGenericFeed } from './generic-feed.js';
import { parseHfDaily } from './hf-daily.js';
import { parseJaBlog } from './ja-blog.js';
import { parseKoDigest, parseKoDigestFolderDate } from './ko-digest.js';
import type { RawDocument } from './load-source.js';

export interface ParsedDocument extends ParseResult {
  format: SourceFormat;
}

export async function parseDocument(doc: RawDocument, format?: SourceFormat): Promise<ParsedDocument> {
  const hint = { location: doc.location, ...(doc.contentType ? { contentType: doc.contentType } : {}) };
  const chosen = format ?? detectFormat(doc.body, hint);
  if (!chosen) {
    throw new SourceError(`not a feed or digest Paperboy can read (${describeBody(doc.body)}); set "format" if it is one`);
  }
  return { format: chosen, ...(await parseAs(chosen, doc)) };
}

async function parseAs(format: SourceFormat, doc: RawDocument): Promise<ParseResult> {
  switch (format) {
    case 'arxiv-rss':
    case 'arxiv-atom':
      return parseArxivFeed(doc.body);
    case 'rss':
      return parseGenericFeed(doc.body);
    case 'hf-daily':
      return parseHfDaily(doc.body);
    case 'ko-digest': {
      const fallbackDate = doc.relPath ? parseKoDigestFolderDate(doc.relPath) : undefined;
      return parseKoDigest(doc.body, fallbackDate ? { fallbackDate } : {});
    }
    case 'ja-blog':
      return parseJaBlog(doc.body);
    case 'article-md':
      return parseArticlePost(doc.body);
  }
}
