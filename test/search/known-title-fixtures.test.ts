/**
 * Known-item search on the project's fixtures: every stored paper's exact title, searched, returns
 * that paper first — also with case and punctuation altered — and a successor's newer report
 * ("Qwen2.5 Technical Report") does not push the older one it is named after out of first place.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { createPaperReader } from '../../src/db/paper-reader.js';
import { createPaperSearch, type PaperSearch } from '../../src/db/paper-search.js';
import { createSourceFactsStore } from '../../src/db/source-facts-store.js';
import { createSourceStatusStore } from '../../src/db/source-status-store.js';
import { silentLogger } from '../../src/log.js';
import { createIngestRunner, type SourceSpec } from '../../src/pipeline/run-ingest.js';

const fixture = (rel: string): string => new URL(`../fixtures/${rel}`, import.meta.url).pathname;

// Oldest first, so record ids (the recency tie-breaker) follow publication roughly as in production.
const SOURCES: SourceSpec[] = [
  { name: 'qwen2 reports', path: fixture('arxiv/api-qwen2-technical-reports.atom.xml') },
  { name: 'cs.LG api', path: fixture('arxiv/api-cs.LG-2024-10-28.atom.xml') },
  { name: 'cs.CL atom', path: fixture('arxiv/cs.CL.atom.xml') },
  { name: 'cs.AI rss', path: fixture('arxiv/cs.AI.rss.xml') },
  { name: 'hf', path: fixture('hf/daily_papers-2024-10-30.json') },
  { name: 'ko', path: fixture('digests/ko/2024') },
  { name: 'ja', path: fixture('digests/ja/2025-02-24.txt') },
  { name: 'lab blog', path: fixture('feeds/lab-blog.rss.xml') },
  { name: 'article', path: fixture('digests/article/2024-06-20-rl-foundation-models.md') },
];

let db: Db;
let search: PaperSearch;
let papers: { key: string; title: string }[];

beforeAll(async () => {
  db = openDatabase(':memory:');
  const runner = createIngestRunner({
    store: createIngestStore(db),
    status: createSourceStatusStore(db),
    facts: createSourceFactsStore(db),
    reader: createPaperReader(db),
    load: { timeoutMs: 5000, maxBytes: 10_000_000 },
    log: silentLogger(),
    now: () => new Date('2025-03-01T00:00:00Z'),
  });
  await runner.run(SOURCES);
  search = createPaperSearch(db);
  papers = db.prepare<[], { key: string; title: string }>('SELECT key, title FROM papers ORDER BY id').all();
});

/** The same title as a person might type it: other case, punctuation dropped or added, spaces doubled. */
function altered(title: string): string {
  return `${title.toUpperCase().replace(/[-:,.]/g, ' ').replace(/ /g, '  ')}?`;
}

describe('known-item search on the fixtures', () => {
  it('stored every fixture source, so the check below covers all of them', () => {
    expect(papers.length).toBeGreaterThanOrEqual(15);
    const ingested = db.prepare('SELECT count(DISTINCT source) FROM observations').pluck().get();
    expect(ingested).toBe(SOURCES.length);
  });

  it("returns each paper first for its exact title, and for its title with case and punctuation altered", () => {
    const misses = papers.flatMap((p) =>
      [p.title, altered(p.title)].filter((q) => search.search(q, { limit: 3 })[0]?.key !== p.key).map((q) => `${p.key}: ${q}`),
    );
    expect(misses).toEqual([]);
  });

  it('puts the older Qwen2 report first for its title although newer Qwen2.5 reports share every word', () => {
    const keys = search.search('Qwen2 Technical Report', { limit: 5 }).map((h) => h.key);
    expect(keys[0]).toBe('arxiv:2407.10671');
    // The rest are still there, by relevance: every one of them has all three words in its title.
    expect(keys).toEqual(expect.arrayContaining(['arxiv:2412.15115', 'arxiv:2407.10759', 'arxiv:2409.12186', 'arxiv:2409.12122']));
    expect(search.search('qwen2.5 technical report')[0]?.key).toBe('arxiv:2412.15115');
  });

  it('finds a paper first by its arXiv id, abs or pdf URL, or Hugging Face page', () => {
    for (const q of ['2407.10671', 'arXiv:2407.10671v1', 'https://arxiv.org/abs/2407.10671v1', 'https://arxiv.org/pdf/2407.10671', 'https://huggingface.co/papers/2407.10671']) {
      expect(search.search(q)[0]?.key, q).toBe('arxiv:2407.10671');
    }
  });
});
