/**
 * HTML references: the `entities` decoder (src/ingest/html-text.ts) against the 21-name table it
 * replaced (copied below as the baseline), on the text fields of generated arXiv papers, plain and
 * with references written into them; then what decoding costs inside a whole arXiv feed parse.
 * Baseline and new run alternately in the same process, so load hits both alike.
 *
 *   node --expose-gc --import tsx bench/text-decode-bench.ts [--items 5000] [--rounds 7]
 */
import { parseArxivFeed } from '../src/ingest/arxiv-feed.js';
import { decodeEntities } from '../src/ingest/html-text.js';
import { flag, gc, isMain, median, ms, ratio, table, time, timeAsync } from './bench-util.js';
import { generateArxivFeed, paperData } from './generate.js';

const LEGACY: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '\u2026', mdash: '\u2014', ndash: '\u2013',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', laquo: '\u00ab', raquo: '\u00bb', copy: '\u00a9',
  reg: '\u00ae', trade: '\u2122', middot: '\u00b7', bull: '\u2022', times: '\u00d7', shy: '',
};

/** The decoder before this change (commit 3c0b5cf), verbatim but for its name. */
function legacyDecode(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z][a-z0-9]{1,7}));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return LEGACY[name] ?? LEGACY[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    if (code < 0x20 && code !== 9 && code !== 10) return '';
    return String.fromCodePoint(code);
  });
}

// What a blog or CDATA feed writes instead of the characters themselves.
const AS_REFERENCES: [RegExp, string][] = [
  [/e/g, '&eacute;'],
  [/o/g, '&ouml;'],
  [/ - /g, ' &mdash; '],
  [/ and /g, ' &amp; '],
];

function fields(items: number): { plain: string[]; withRefs: string[] } {
  const plain = Array.from({ length: items }, (_, i) => paperData(1, i)).flatMap((p) => [p.title, p.authors.join(', '), p.abstract]);
  const withRefs = plain.map((s, i) => (i % 3 === 1 ? s : AS_REFERENCES.reduce((t, [re, ref]) => t.replace(re, ref), s)));
  return { plain, withRefs };
}

function decodeAll(decode: (s: string) => string, texts: string[]): number {
  let n = 0;
  for (const t of texts) n += decode(t).length;
  return n;
}

export async function runTextDecodeBench(items: number, rounds: number): Promise<void> {
  console.log(`\n## Text decoding (${items} generated papers: title, authors, abstract; ${rounds} alternating rounds)\n`);
  const sets = fields(items);
  const rows: string[][] = [];
  for (const [name, texts] of Object.entries(sets)) {
    const legacy: number[] = [];
    const current: number[] = [];
    decodeAll(legacyDecode, texts);
    decodeAll(decodeEntities, texts);
    for (let r = 0; r < rounds; r++) {
      gc();
      legacy.push(time(() => decodeAll(legacyDecode, texts)).ms);
      gc();
      current.push(time(() => decodeAll(decodeEntities, texts)).ms);
    }
    rows.push([name, String(texts.length), ms(median(legacy)), ms(median(current)), ratio(median(current), median(legacy))]);
  }
  console.log(table(['texts', 'strings', 'baseline: 21-name table (ms)', 'entities (ms)', 'entities / baseline'], rows));

  const feed = generateArxivFeed(1, items);
  await parseArxivFeed(feed);
  const parses: number[] = [];
  for (let r = 0; r < Math.min(rounds, 3); r++) {
    gc();
    parses.push((await timeAsync(() => parseArxivFeed(feed))).ms);
  }
  const decodeShare = median(Array.from({ length: rounds }, () => time(() => decodeAll(decodeEntities, sets.plain)).ms));
  console.log(
    `\nparseArxivFeed of the ${items}-item feed: ${ms(median(parses))} ms (median of ${parses.length}); ` +
      `decoding its titles, authors and abstracts: ${ms(decodeShare)} ms = ${((100 * decodeShare) / median(parses)).toFixed(2)}% of the parse`,
  );
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  await runTextDecodeBench(Number(flag(args, 'items') ?? 5000), Number(flag(args, 'rounds') ?? 7));
}
