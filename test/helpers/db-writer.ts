/**
 * A second process that writes to a Paperboy database the way the bot does (ingest transactions:
 * observation, paper row, summaries and search entry together) until it is killed. It prints
 * "batch N T" after each committed transaction (T: Date.now() at the commit).
 * Usage: node --import tsx test/helpers/db-writer.ts DB [PACE_MS [MAX_BATCHES]]: a batch every
 * PACE_MS (default 2: as fast as it can, as the backup benchmark wants), and none after
 * MAX_BATCHES (default: no end); a test paces and caps it so the database stays small.
 */
import { openStores } from '../../src/main.js';

const file = process.argv[2];
if (!file) throw new Error('usage: db-writer.ts DB [PACE_MS]');
const pace = Number(process.argv[3] ?? 2);
const maxBatches = Number(process.argv[4] ?? Infinity);
const stores = openStores(file);
let batch = 0;

function entries(n: number) {
  return Array.from({ length: 50 }, (_, i) => {
    const k = n * 50 + i;
    const id = `2411.${String(10000 + k).padStart(5, '0')}`;
    return {
      entryKey: `arxiv:${id}`,
      kind: 'paper' as const,
      arxivId: id,
      title: `Written while a backup runs ${k}`,
      authors: ['Ada Lovelace'],
      abstract: `Abstract ${k} `.repeat(40),
      categories: ['cs.CL'],
      links: { arxiv: `https://arxiv.org/abs/${id}` },
    };
  });
}

const timer = setInterval(() => {
  stores.ingest.applyEntries('writer', 'arxiv-rss', entries(batch), new Date().toISOString());
  batch++;
  process.stdout.write(`batch ${batch} ${Date.now()}\n`);
  if (batch >= maxBatches) clearInterval(timer);
}, pace);
process.on('SIGTERM', () => {
  clearInterval(timer);
  stores.close();
  process.exit(0);
});
