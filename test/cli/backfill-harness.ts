/** Past days as the Hugging Face and arXiv APIs answer them, served by the feed server, and a config naming them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { arxivPageUrl } from '../../src/ingest/backfill-urls.js';
import { route, type FeedServer } from '../fakes/feed-server.js';

export const PAGE_SIZE = 200;
export interface Paper {
  id: string;
  title: string;
}

/** One element of GET /api/daily_papers?date=…, with the keys the real API sends. */
function hfElement(p: Paper, day: string, i: number) {
  const featured = `${day}T0${i % 10}:12:30.000Z`;
  return {
    paper: {
      id: p.id,
      authors: [
        { _id: `67${p.id.replace('.', '')}a1`, name: 'Ada Lovelace', hidden: false },
        { _id: `67${p.id.replace('.', '')}a2`, name: 'Alan Turing', hidden: false },
      ],
      publishedAt: `${day}T17:00:00.000Z`,
      submittedOnDailyAt: featured,
      title: p.title,
      summary: `We study ${p.title.toLowerCase()}.`,
      upvotes: 10 + i,
      discussionId: `67${p.id.replace('.', '')}`,
      ai_summary: null,
      githubRepo: null,
    },
    publishedAt: featured,
    title: p.title,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${p.id}.png`,
    numComments: 0,
    isAuthorParticipating: false,
  };
}

export function hfDay(day: string, papers: Paper[]): string {
  return JSON.stringify(papers.map((p, i) => hfElement(p, day, i)), null, 2);
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One page of an arXiv API search, in the API's Atom (see test/fixtures/arxiv/api-*.atom.xml). */
export function arxivApiPage(o: { categories: string[]; day: string; start: number; total: number; papers: Paper[] }): string {
  const d = o.day.replaceAll('-', '');
  const query = `cat:${o.categories[0]} AND submittedDate:[${d}0000 TO ${d}2359]`;
  const entries = o.papers.map(
    (p, i) => `  <entry>
    <id>http://arxiv.org/abs/${p.id}v1</id>
    <updated>${o.day}T10:${String(i % 60).padStart(2, '0')}:00Z</updated>
    <published>${o.day}T10:${String(i % 60).padStart(2, '0')}:00Z</published>
    <title>${escapeXml(p.title)}</title>
    <summary>  We study ${escapeXml(p.title.toLowerCase())}.
</summary>
    <author>
      <name>Grace Hopper</name>
    </author>
    <link href="http://arxiv.org/abs/${p.id}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${p.id}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${o.categories[0]}" scheme="http://arxiv.org/schemas/atom"/>
    <category term="${o.categories[0]}" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D${encodeURIComponent(query)}%26id_list%3D%26start%3D${o.start}%26max_results%3D${PAGE_SIZE}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=${escapeXml(query)}&amp;id_list=&amp;start=${o.start}&amp;max_results=${PAGE_SIZE}</title>
  <id>http://arxiv.org/api/q${d}s${o.start}</id>
  <updated>2024-11-02T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${o.total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${o.start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${PAGE_SIZE}</opensearch:itemsPerPage>
${entries.join('\n')}
</feed>
`;
}

/** The path and query the feed server sees for a URL. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

export const hfPath = (day: string): string => `/api/daily_papers?date=${day}`;
export const arxivPath = (feeds: FeedServer, categories: string[], day: string, start: number): string =>
  pathOf(arxivPageUrl(feeds.url('/api/query'), categories, day, start, PAGE_SIZE));

/** Serves each day's papers at its Hugging Face URL. */
export function serveHf(feeds: FeedServer, days: Record<string, Paper[]>): void {
  for (const [day, papers] of Object.entries(days)) feeds.setRoute(hfPath(day), route.body(hfDay(day, papers), { contentType: 'application/json; charset=utf-8' }));
}

/** Serves each day's search in pages of PAGE_SIZE, as the arXiv API does. */
export function serveArxiv(feeds: FeedServer, categories: string[], days: Record<string, Paper[]>): void {
  for (const [day, papers] of Object.entries(days)) {
    for (let start = 0; start === 0 || start < papers.length; start += PAGE_SIZE) {
      const body = arxivApiPage({ categories, day, start, total: papers.length, papers: papers.slice(start, start + PAGE_SIZE) });
      feeds.setRoute(arxivPath(feeds, categories, day, start), route.body(body, { contentType: 'application/atom+xml; charset=utf-8' }));
    }
  }
}

/** `n` papers with the arXiv ids 2410.`first`, 2410.`first + 1`, … (`first` has five digits). */
export function papers(first: number, n: number): Paper[] {
  return Array.from({ length: n }, (_, i) => ({ id: `2410.${first + i}`, title: `Sparse attention study number ${first + i}` }));
}

export interface BackfillSetup {
  dir: string;
  configFile: string;
  dbFile: string;
  env: NodeJS.ProcessEnv;
}

export function writeSetup(feeds: FeedServer, sources: Record<string, unknown>[], delaySeconds: number): BackfillSetup {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-backfill-'));
  const configFile = join(dir, 'paperboy.yaml');
  const dbFile = join(dir, 'paperboy.db');
  writeFileSync(configFile, toYaml({ timezone: 'UTC', backfill: { delaySeconds, maxDays: 31 }, sources }));
  return { dir, configFile, dbFile, env: { PAPERBOY_CONFIG: configFile, PAPERBOY_DB: dbFile, ARXIV_API_URL: feeds.url('/api/query') } };
}
