/**
 * Known-item success: the share of stored papers whose exact title, searched, returns that paper
 * first — and the same with the title's case and punctuation altered — for the baseline ranking
 * and the current one, on the same evenly spaced sample of papers (oldest to newest).
 */
import type { Db } from '../src/db/open-database.js';
import { createPaperSearch } from '../src/db/paper-search.js';
import { createBaselineSearch } from './baseline-search.js';
import { median, ms, percentile, table } from './bench-util.js';

/** A title as a person might type it: other case, a colon and a question mark added, a hyphen for a space. */
export function alteredTitle(title: string): string {
  const words = title.toUpperCase().split(' ');
  return `${words[0]}: ${words.slice(1, 3).join('-')} ${words.slice(3).join(' ')}?`.replace(/\s+/g, ' ');
}

interface Tally {
  first: number;
  times: number[];
}

export function knownItemReport(db: Db, n: number): string {
  const papers = db.prepare<[number], { key: string; title: string }>('SELECT key, title FROM papers WHERE id >= ? ORDER BY id LIMIT 1');
  const { lo, hi } = db.prepare<[], { lo: number; hi: number }>('SELECT min(id) AS lo, max(id) AS hi FROM papers').get()!;
  const sample = Array.from({ length: n }, (_, k) => papers.get(lo + Math.floor(((k + 0.5) * (hi - lo + 1)) / n))!);
  const engines = { baseline: createBaselineSearch(db), current: createPaperSearch(db) };
  const rows: string[][] = [];
  for (const [variant, query] of [['exact title', (t: string) => t], ['case and punctuation altered', alteredTitle]] as const) {
    for (const [name, engine] of Object.entries(engines)) {
      const tally: Tally = { first: 0, times: [] };
      for (const p of sample) {
        const t = performance.now();
        const hits = engine.search(query(p.title), { limit: 10 });
        tally.times.push(performance.now() - t);
        if (hits[0]?.key === p.key) tally.first++;
      }
      rows.push([variant, name, `${tally.first} / ${n}`, `${((tally.first / n) * 100).toFixed(1)}%`, ms(median(tally.times)), ms(percentile(tally.times, 99))]);
    }
  }
  return (
    `Known-item success: ${n} stored papers, evenly spaced from oldest to newest, each searched by its title ` +
    `(search(title, { limit: 10 }), first hit = that paper). Example of an altered title: "${alteredTitle(sample[0]!.title)}".\n\n` +
    table(['query', 'ranking', 'first', 'success', 'p50 ms', 'p99 ms'], rows)
  );
}
