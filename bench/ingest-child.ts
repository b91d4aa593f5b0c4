/**
 * One full Paperboy ingest of an arXiv RSS file into a database, in its own process so its
 * peak memory can be read: `node --import tsx bench/ingest-child.ts FEED.xml DB`. Prints one
 * JSON line (IngestChildResult); maxRSS values are in KB, as process.resourceUsage() gives them.
 */
import { readFileSync } from 'node:fs';
import type { ApplyCounts } from '../src/db/ingest-store.js';
import { createIngestStore } from '../src/db/ingest-store.js';
import { openDatabase, type Db } from '../src/db/open-database.js';
import { parseArxivFeed } from '../src/ingest/arxiv-feed.js';
import { isMain } from './bench-util.js';

export const INGEST_SOURCE = 'arxiv cs.AI';
export const INGEST_NOW = '2024-10-30T10:00:00.000Z';

export interface FullIngest {
  entries: number;
  errors: number;
  parseMs: number;
  storeMs: number;
  counts: ApplyCounts;
}

/** What `paperboy ingest` does with one arXiv RSS document: parse, then apply in one transaction. */
export async function fullIngest(xml: string, db: Db): Promise<FullIngest> {
  const store = createIngestStore(db);
  const t0 = performance.now();
  const parsed = await parseArxivFeed(xml);
  const t1 = performance.now();
  const counts = store.applyEntries(INGEST_SOURCE, 'arxiv-rss', parsed.entries, INGEST_NOW);
  const t2 = performance.now();
  return { entries: parsed.entries.length, errors: parsed.errors.length, parseMs: t1 - t0, storeMs: t2 - t1, counts };
}

export interface IngestChildResult extends FullIngest {
  /** Peak RSS after loading modules, before reading the feed. */
  baselineMaxRssKb: number;
  /** Peak RSS of the whole process, read after the ingest. */
  maxRssKb: number;
}

async function main(): Promise<void> {
  const [file, dbFile] = process.argv.slice(2);
  if (!file || !dbFile) {
    console.error('usage: node --import tsx bench/ingest-child.ts FEED.xml DB');
    process.exit(2);
  }
  const baselineMaxRssKb = process.resourceUsage().maxRSS;
  const xml = readFileSync(file, 'utf8');
  const db = openDatabase(dbFile);
  const result = await fullIngest(xml, db);
  db.close();
  const out: IngestChildResult = { ...result, baselineMaxRssKb, maxRssKb: process.resourceUsage().maxRSS };
  console.log(JSON.stringify(out));
}

if (isMain(import.meta.url)) await main();
