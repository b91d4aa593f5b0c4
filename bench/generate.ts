/**
 * Deterministic synthetic data for the benchmarks (seeded PRNG, never Math.random): an arXiv
 * RSS 2.0 feed in the real format, and `SourceEntry` values with English abstracts plus, for a
 * share of the papers, Korean and Japanese summaries. Paper i is a pure function of (seed, i),
 * so batches can be generated in any order and sizes share their first papers.
 */
import type { SourceEntry, SummarySection } from '../src/core/types.js';
import {
  CATEGORIES,
  ENGLISH_COMMON,
  ENGLISH_RARE,
  FIRST_NAMES,
  JAPANESE_ENDINGS,
  JAPANESE_PARTICLES,
  JAPANESE_WORDS,
  KOREAN_ENDINGS,
  KOREAN_PARTICLES,
  KOREAN_WORDS,
  LAST_NAMES,
  pseudoWords,
} from './vocabulary.js';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for synthetic text. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rngFor(seed: number, index: number): Rng {
  return createRng(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(index + 1, 0x9e3779b1));
}

/** Draws words with probability ∝ 1/rank^s. */
export function zipfSampler(words: readonly string[], s = 1): (rng: Rng) => string {
  const cdf = new Float64Array(words.length);
  let sum = 0;
  words.forEach((_, r) => {
    sum += 1 / Math.pow(r + 1, s);
    cdf[r] = sum;
  });
  return (rng) => {
    const x = rng() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

function englishVocabulary(): string[] {
  const vocab = [...ENGLISH_COMMON, ...pseudoWords(10_000, createRng(7))];
  for (const [word, rank] of ENGLISH_RARE) vocab.splice(rank, 0, word);
  return vocab;
}

// Words a title leaves out. (Until the search-ranking work this was "the 25 most frequent words",
// which also kept model, learning and data out of every title.)
const FUNCTION_WORDS = new Set('the of and a to in we is for that on with this by as are our from an be which can these it'.split(' '));
const english = englishVocabulary();
const englishWord = zipfSampler(english);
const contentWord = zipfSampler(english.filter((w) => !FUNCTION_WORDS.has(w)), 0.9);
const koreanWord = zipfSampler(KOREAN_WORDS);
const japaneseWord = zipfSampler(JAPANESE_WORDS);

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

function englishText(rng: Rng, minChars: number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < minChars) {
    const words: string[] = [];
    const n = between(rng, 10, 24);
    for (let i = 0; i < n; i++) words.push(englishWord(rng) + (i > 2 && i < n - 2 && rng() < 0.06 ? ',' : ''));
    const sentence = `${capitalize(words.join(' '))}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

function koreanText(rng: Rng, minChars: number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < minChars) {
    const words: string[] = [];
    const n = between(rng, 5, 11);
    for (let i = 0; i < n; i++) words.push(koreanWord(rng) + pick(rng, KOREAN_PARTICLES));
    const sentence = `${words.join(' ')} ${pick(rng, KOREAN_ENDINGS)}`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

function japaneseText(rng: Rng, minChars: number): string {
  let out = '';
  while (out.length < minChars) {
    const n = between(rng, 4, 9);
    for (let i = 0; i < n; i++) out += japaneseWord(rng) + (i < n - 1 ? pick(rng, JAPANESE_PARTICLES) : '') + (rng() < 0.1 ? '、' : '');
    out += pick(rng, JAPANESE_ENDINGS);
  }
  return out;
}

export interface PaperData {
  id: string;
  version: number;
  announceType: string;
  title: string;
  authors: string[];
  abstract: string;
  categories: string[];
  /** YYYY-MM-DD */
  announcedOn: string;
  koSummary?: { title: string; sections: SummarySection[] };
  jaSummary?: string;
}

/** arXiv id of paper i: 99,999 papers per month from 2401 on, so 1,000,000 papers span 11 months. */
export function arxivIdOf(i: number): { id: string; year: number; month: number; day: number } {
  const monthIndex = Math.floor(i / 99_999);
  const year = 24 + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const num = (i % 99_999) + 1;
  const id = `${year}${String(month).padStart(2, '0')}.${String(num).padStart(5, '0')}`;
  return { id, year: 2000 + year, month, day: 1 + (num % 28) };
}

export interface PaperOptions {
  /** Share of papers with a Korean summary (three sections). */
  ko?: number;
  /** Share of papers with a Japanese summary (kind 'abstract'). */
  ja?: number;
}

export function paperData(seed: number, i: number, options: PaperOptions = {}): PaperData {
  const rng = rngFor(seed, i);
  const { id, year, month, day } = arxivIdOf(i);
  const typeRoll = rng();
  const announceType = typeRoll < 0.8 ? 'new' : typeRoll < 0.92 ? 'cross' : 'replace';
  const titleWords = Array.from({ length: between(rng, 5, 12) }, () => capitalize(contentWord(rng)));
  const authors = Array.from({ length: between(rng, 2, 8) }, () => `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`);
  const categories = [...new Set(Array.from({ length: between(rng, 2, 4) }, () => pick(rng, CATEGORIES)))];
  const data: PaperData = {
    id,
    version: announceType === 'replace' ? 2 : 1,
    announceType,
    title: titleWords.join(' '),
    authors,
    abstract: englishText(rng, between(rng, 900, 1050)),
    categories,
    announcedOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
  if (rng() < (options.ko ?? 0)) {
    data.koSummary = {
      title: koreanText(rng, 20).split(' ').slice(0, between(rng, 4, 7)).join(' '),
      sections: [
        { kind: 'whats_new', text: koreanText(rng, between(rng, 100, 200)) },
        { kind: 'technical_details', text: koreanText(rng, between(rng, 150, 300)) },
        { kind: 'performance_highlights', text: koreanText(rng, between(rng, 100, 200)) },
      ],
    };
  }
  if (rng() < (options.ja ?? 0)) data.jaSummary = japaneseText(rng, between(rng, 250, 450));
  return data;
}

/** The entry the arXiv RSS parser would produce for the paper, plus its summaries. */
export function toSourceEntry(p: PaperData): SourceEntry {
  const summaries = [
    ...(p.koSummary ? [{ locale: 'ko', title: p.koSummary.title, sections: p.koSummary.sections }] : []),
    ...(p.jaSummary ? [{ locale: 'ja', sections: [{ kind: 'abstract' as const, text: p.jaSummary }] }] : []),
  ];
  return {
    entryKey: `arxiv:${p.id}`,
    kind: 'paper',
    arxivId: p.id,
    arxivVersion: p.version,
    title: p.title,
    authors: p.authors,
    categories: p.categories,
    links: { arxiv: `https://arxiv.org/abs/${p.id}`, pdf: `https://arxiv.org/pdf/${p.id}` },
    abstract: p.abstract,
    publishedAt: `${p.announcedOn}T04:00:00.000Z`,
    announcedOn: p.announcedOn,
    announceType: p.announceType,
    ...(summaries.length > 0 && { summaries }),
  };
}

/** Entries for papers [start, start + count). */
export function generateEntries(seed: number, start: number, count: number, options: PaperOptions = { ko: 0.3, ja: 0.2 }): SourceEntry[] {
  return Array.from({ length: count }, (_, k) => toSourceEntry(paperData(seed, start + k, options)));
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An arXiv RSS 2.0 feed (rss.arxiv.org/rss/cs.AI format) of n items announced on one day. */
export function generateArxivFeed(seed: number, n: number): string {
  const pubDate = 'Wed, 30 Oct 2024 00:00:00 -0400';
  const parts: string[] = [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">',
    '  <channel>',
    '    <title>cs.AI updates on arXiv.org</title>',
    '    <link>http://rss.arxiv.org/rss/cs.AI</link>',
    '    <description>cs.AI updates on the arXiv.org e-print archive.</description>',
    '    <atom:link href="http://rss.arxiv.org/rss/cs.AI" rel="self" type="application/rss+xml"/>',
    '    <docs>http://www.rssboard.org/rss-specification</docs>',
    '    <language>en-us</language>',
    '    <lastBuildDate>Wed, 30 Oct 2024 04:00:41 +0000</lastBuildDate>',
    '    <managingEditor>rss-help@arxiv.org</managingEditor>',
    `    <pubDate>${pubDate}</pubDate>`,
    '    <skipDays>\n      <day>Saturday</day>\n      <day>Sunday</day>\n    </skipDays>',
  ];
  for (let i = 0; i < n; i++) {
    const p = paperData(seed, i);
    parts.push(
      '    <item>',
      `      <title>${escapeXml(p.title)}</title>`,
      `      <link>https://arxiv.org/abs/${p.id}</link>`,
      `      <description>arXiv:${p.id}v${p.version} Announce Type: ${p.announceType} \nAbstract: ${escapeXml(p.abstract)}</description>`,
      `      <guid isPermaLink="false">oai:arXiv.org:${p.id}v${p.version}</guid>`,
      ...p.categories.map((c) => `      <category>${c}</category>`),
      `      <pubDate>${pubDate}</pubDate>`,
      `      <arxiv:announce_type>${p.announceType}</arxiv:announce_type>`,
      '      <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>',
      `      <dc:creator>${escapeXml(p.authors.join(', '))}</dc:creator>`,
      '    </item>',
    );
  }
  parts.push('  </channel>', '</rss>', '');
  return parts.join('\n');
}
