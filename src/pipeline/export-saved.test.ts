import { describe, expect, it } from 'vitest';
import { readLibrary } from '../library/read-library.js';
import type { ExportPaper } from '../library/write-library.js';
import { exportFiles } from './export-saved.js';

const papers: ExportPaper[] = Array.from({ length: 60 }, (_, i) => ({
  key: `arxiv:2410.${String(10000 + i)}`, arxivId: `2410.${String(10000 + i)}`, url: null, title: `Paper ${i} on 강화학습`,
  authors: ['Ada Lovelace'], abstract: 'x'.repeat(500), publishedAt: '2024-10-29T00:00:00Z', announcedOn: null,
}));
const bytes = (s: string) => Buffer.byteLength(s);

describe('cutting an export to an upload limit', () => {
  it('sends one file when the list fits', () => {
    const r = exportFiles(papers, 'bibtex', { maxBytes: 10 * 1024 * 1024, maxFiles: 10 }, 'list');
    expect(r.kind === 'files' && r.files.map((f) => [f.name, f.papers])).toEqual([['list.bib', 60]]);
  });

  for (const format of ['bibtex', 'ris', 'csl-json'] as const) {
    it(`${format}: cuts a list over the limit between entries into parts that each fit and each import on its own`, () => {
      const r = exportFiles(papers, format, { maxBytes: 12_000, maxFiles: 10 }, 'list');
      if (r.kind !== 'files') throw new Error(`refused: ${JSON.stringify(r)}`);
      expect(r.files.length).toBeGreaterThan(2);
      expect(r.files.length).toBeLessThanOrEqual(10);
      expect(r.files.map((f) => f.name)[0]).toMatch(new RegExp(`^list-1of${r.files.length}\\.(bib|ris|json)$`));
      for (const f of r.files) expect(bytes(f.content)).toBeLessThanOrEqual(12_000);
      const ids = r.files.flatMap((f) => readLibrary(f.content, f.name).entries.map((e) => e.arxivId));
      expect(ids).toEqual(papers.map((p) => p.arxivId));
    });
  }

  it('refuses, saying how large it is, when even the allowed number of files cannot hold it', () => {
    const r = exportFiles(papers, 'bibtex', { maxBytes: 12_000, maxFiles: 2 }, 'list');
    expect(r).toMatchObject({ kind: 'too-large' });
    expect(r.kind === 'too-large' && r.bytes).toBeGreaterThan(24_000);
    expect(exportFiles(papers.slice(0, 1), 'bibtex', { maxBytes: 100, maxFiles: 10 }, 'one').kind).toBe('too-large');
  });
});
