/**
 * Guesses which parser reads a fetched body, from its content (the first 64 KB, so a huge
 * feed costs nothing) and, only where the content cannot tell, from where it came from.
 */
import type { SourceFormat } from '../core/types.js';

const HEAD_BYTES = 64 * 1024;

/**
 * Where the body came from. Content decides; `location` only settles what content cannot
 * (an empty day of a feed or API). `contentType` is taken for callers' convenience but not
 * trusted: servers label feeds text/html and HTML error pages application/xml.
 */
export interface FormatHint {
  contentType?: string;
  location?: string;
}

const HTML = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i;
// An arXiv feed declares the arXiv namespace or announce types, or its own (first) link
// element points at arxiv.org. Item links are not enough: lab blogs link papers on arXiv.
const ARXIV_FEED = /xmlns:arxiv\s*=|<arxiv:announce_type/i;
const FIRST_LINK = /<link(?:\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>|>\s*([^<\s]+)\s*<\/link>)/i;
const KO_DIGEST = /^##\s+Daily Papers\s*\(/m;
// A digest file from a YYYY/MM/DD.md folder may lack the header but keeps its paper layout: a
// `### [Title](arXiv abs link)` heading, then a bullet: a labelled section (`- ***What's New***`)
// in the current generation, plain `- ` bullets of summary in the older ones.
const KO_DIGEST_BODY = /^###\s+\[[^\n]+\]\(https?:\/\/(?:www\.)?arxiv\.org\/abs\/[^\n]+\n[\s\S]*?^[-*]\s+\S/m;
const JA_ORIGINAL = /要約\s*[(（]\s*オリジナル\s*[)）]/;
const JA_INFO = /arxiv\s*情報/i;
// `[` alone could start a Markdown link; a JSON array continues with a value or `]`.
const JSON_ARRAY = /^\[\s*(?:[{["\]\d-]|true|false|null)/;

export function detectFormat(body: string, hint: FormatHint = {}): SourceFormat | undefined {
  const head = body.slice(0, HEAD_BYTES).replace(/^\uFEFF/, '').trimStart();
  if (!head) return undefined;
  if (JSON_ARRAY.test(head)) return isHfDaily(head) || isHfLocation(hint, head) ? 'hf-daily' : undefined;
  if (HTML.test(head)) return undefined;
  if (head.startsWith('<')) return detectXml(head, hint);
  if (hasFrontMatterLink(head)) return 'article-md';
  if (KO_DIGEST.test(head) || KO_DIGEST_BODY.test(head)) return 'ko-digest';
  if (JA_ORIGINAL.test(head) && JA_INFO.test(head)) return 'ja-blog';
  return undefined;
}

function detectXml(head: string, hint: FormatHint): SourceFormat | undefined {
  const root = rootElement(head);
  const atom = root === 'feed' || (root === undefined && /<feed[\s>]/.test(head));
  const rss = root === 'rss' || root === 'rdf:RDF' || (root === undefined && /<rss[\s>]/.test(head));
  if (!atom && !rss) return undefined;
  const firstLink = head.match(FIRST_LINK);
  const feedLink = firstLink?.[1] ?? firstLink?.[2];
  const arxiv = ARXIV_FEED.test(head) || [feedLink, hint.location].some((u) => hostOf(u)?.endsWith('arxiv.org') === true);
  if (atom) return arxiv ? 'arxiv-atom' : 'rss';
  return arxiv ? 'arxiv-rss' : 'rss';
}

/** Name of the first element after the XML declaration, comments and DOCTYPE. */
function rootElement(head: string): string | undefined {
  const rest = head.replace(/^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>))*\s*/i, '');
  return rest.match(/^<([A-Za-z_][\w:.-]*)/)?.[1];
}

/** `---` front matter (YAML) holding a `link:` field. */
function hasFrontMatterLink(head: string): boolean {
  const m = head.match(/^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/);
  return m !== null && /^link\s*:/m.test(m[1] ?? '');
}

/**
 * Whether the first element of a JSON array has a top-level `paper` key. Scanned by hand
 * because 64 KB of a large array is not valid JSON.
 */
function isHfDaily(head: string): boolean {
  const start = head.indexOf('{');
  if (start < 0 || head.slice(1, start).trim() !== '') return false;
  let depth = 0;
  for (let i = start; i < head.length; i++) {
    const c = head[i];
    if (c === '"') {
      const end = stringEnd(head, i);
      if (end < 0) return false;
      if (depth === 1 && head.slice(i, end + 1) === '"paper"' && /^\s*:/.test(head.slice(end + 1))) return true;
      i = end;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return false;
    }
  }
  return false;
}

/** Index of the quote closing the JSON string opened at `open`, or -1 if the head ends first. */
function stringEnd(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

/** An empty day (`[]`) of the Hugging Face daily-papers API has no element to look at. */
function isHfLocation(hint: FormatHint, head: string): boolean {
  const host = hostOf(hint.location);
  return /^\[\s*\]\s*$/.test(head) && host?.endsWith('huggingface.co') === true && /daily_papers/.test(hint.location ?? '');
}

function hostOf(location: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    return new URL(location).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** A short description of a body for error messages: "an HTML page", "empty", "JSON object". */
export function describeBody(body: string): string {
  const head = body.slice(0, HEAD_BYTES).replace(/^\uFEFF/, '').trimStart();
  if (!head) return 'empty';
  if (head.includes('\u0000')) return 'binary data';
  if (HTML.test(head)) return 'an HTML page';
  if (head.startsWith('{')) return 'JSON object';
  if (JSON_ARRAY.test(head)) return 'JSON array';
  if (head.startsWith('<')) {
    const root = rootElement(head);
    return root ? `an XML document with root <${root}>` : 'an XML document';
  }
  if (/^---[ \t]*\r?\n/.test(head)) return 'Markdown with front matter';
  if (/^#{1,6}\s/m.test(head.slice(0, 2000))) return 'Markdown';
  return 'plain text';
}
