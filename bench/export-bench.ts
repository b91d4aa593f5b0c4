/**
 * Reading-list export (docs/adr/0019-reading-list-and-export.md): one person's 5,000 saved papers
 * read from the store and written as BibTeX, RIS and CSL-JSON, as `/papers export` does it (one
 * batched citation-js Cite per file, cut to Discord's default 10 MiB attachment limit), beside the
 * naive way (one Cite per entry), in one process, alternating their order. Target: < 2 s per
 * export. Titles are a mix of English, Korean and Japanese; abstracts about 1,100 characters.
 *
 *   node --expose-gc --import tsx bench/export-bench.ts [--papers 5000] [--rounds 3]
 */
import type { SourceEntry } from '../src/core/types.js';
import { createSavedStore } from '../src/db/saved-store.js';
import { readLibrary } from '../src/library/read-library.js';
import { EXPORT_FORMATS, writeLibraryPerEntry, type ExportFormat } from '../src/library/write-library.js';
import { openStores } from '../src/main.js';
import { exportFiles } from '../src/pipeline/export-saved.js';
import { DEFAULT_UPLOAD } from '../src/pipeline/commands/reading-list.js';
import { flag, gc, isMain, mb, median, ms, ratio, table } from './bench-util.js';

const TITLES = ['Sparse attention for long-context retrieval {at scale}', '강화학습 기반 대규모 언어 모델의 검색 성능 향상', '大規模言語モデルによる論文推薦と要約', 'Diffusion models: 50% faster sampling with $O(n)$ memory & more'];
const AUTHORS = ['Ada Lovelace', 'Alan Turing', '김철수', '山田太郎', 'Ludwig van Beethoven', 'Grace Hopper'];

function entries(n: number): SourceEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `2${String(401 + Math.floor(i / 90000)).padStart(3, '0')}.${String(10000 + (i % 90000)).padStart(5, '0')}`;
    return {
      entryKey: `arxiv:${id}`, kind: 'paper', arxivId: id, title: `${TITLES[i % TITLES.length]} (${i})`,
      authors: AUTHORS.slice(0, 2 + (i % 4)), abstract: `We study problem ${i}. `.padEnd(1100, 'Results improve retrieval and ranking quality across benchmarks. '),
      categories: ['cs.CL'], publishedAt: '2024-10-29T17:00:00Z', links: {},
    };
  });
}

export function runExportBench(o: { papers: number; rounds: number }): void {
  const stores = openStores(':memory:');
  stores.ingest.applyEntries('arxiv', 'arxiv-rss', entries(o.papers), '2024-10-30T00:00:00Z');
  const saved = createSavedStore(stores.db);
  const owner = { platform: 'discord', workspace: 'G1', user: 'U1' };
  stores.db.transaction(() => {
    const ids = stores.db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
    ids.forEach((id, i) => saved.save(owner, id, 'button', new Date(Date.UTC(2024, 9, 30) + i * 1000).toISOString()));
  })();
  const variants: [string, (f: ExportFormat) => { bytes: number; files: number }][] = [
    ['one Cite per entry (baseline)', (f) => {
      const text = writeLibraryPerEntry(saved.list(owner), f);
      return { bytes: Buffer.byteLength(text), files: 1 };
    }],
    ['batched, cut to 10 MiB (ours)', (f) => {
      const r = exportFiles(saved.list(owner), f, DEFAULT_UPLOAD, 'bench');
      if (r.kind !== 'files') throw new Error('refused');
      return { bytes: r.bytes, files: r.files.length };
    }],
  ];
  const rows: string[][] = [];
  for (const format of EXPORT_FORMATS) {
    const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    const sizes = new Map<string, { bytes: number; files: number }>();
    for (let round = 0; round < o.rounds; round++) {
      for (const [name, run] of round % 2 === 0 ? variants : [...variants].reverse()) {
        gc();
        const t = performance.now();
        sizes.set(name, run(format));
        times.get(name)!.push(performance.now() - t);
      }
    }
    const base = median(times.get(variants[0]![0])!);
    for (const [name] of variants) {
      const m = median(times.get(name)!);
      const s = sizes.get(name)!;
      rows.push([format, name, ms(m), mb(s.bytes), String(s.files), ratio(base, m), m < 2000 ? 'yes' : 'no']);
    }
    // Not timed: the file reads back as every saved paper.
    const r = exportFiles(saved.list(owner), format, DEFAULT_UPLOAD, 'check');
    const read = r.kind === 'files' ? r.files.flatMap((f) => readLibrary(f.content, f.name).entries) : [];
    if (read.length !== o.papers) throw new Error(`${format}: read back ${read.length} of ${o.papers}`);
  }
  stores.close();
  console.log(`\n## Reading-list export: ${o.papers.toLocaleString('en-US')} saved papers, median of ${o.rounds} alternating rounds (store read included)\n`);
  console.log(table(['format', 'how', 'ms', 'MiB', 'files', 'speed-up', '< 2 s'], rows));
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  runExportBench({ papers: Number(flag(args, 'papers') ?? 5000), rounds: Number(flag(args, 'rounds') ?? 3) });
}
