import { describe, expect, it } from 'vitest';
import { readLibrary } from './read-library.js';
import { EXPORT_FORMATS, writeLibrary, writeLibraryPerEntry, type ExportPaper } from './write-library.js';

const p = (over: Partial<ExportPaper>): ExportPaper => ({
  key: 'arxiv:2410.22304', arxivId: '2410.22304', url: null, title: 'A title', authors: ['Ada Lovelace'], abstract: 'An abstract.', publishedAt: '2024-10-29T17:00:00Z', announcedOn: null, ...over,
});

const PAPERS: ExportPaper[] = [
  p({ title: '강화학습 기반 검색: 대규모 언어 모델', authors: ['김철수', 'Younghee Park'], abstract: '검색 품질을 높이는 방법.' }),
  p({ key: 'arxiv:2410.00002', arxivId: '2410.00002', title: '大規模言語モデルによる論文推薦', authors: ['山田太郎'], abstract: '論文推薦の手法。', publishedAt: null, announcedOn: '2024-10-02' }),
  p({ key: 'arxiv:2410.00003', arxivId: '2410.00003', title: 'Scaling $O(n^2)$ {faster} & 50% cheaper with #tricks_', authors: ['Jürgen Schmidhuber', 'Ludwig van Beethoven'], abstract: 'Costs fall by 50% & more \\cite{x}.' }),
  p({ key: 'arxiv:hep-th/9901001', arxivId: 'hep-th/9901001', title: 'An unbalanced { brace', authors: [], abstract: null, publishedAt: null }),
  p({ key: 'url:example.com/post', arxivId: null, url: 'https://example.com/post', title: 'A blog post with no DOI', authors: [], abstract: null, publishedAt: null }),
];

describe('writing a reading list with citation-js', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: reads back as the same papers, Korean and Japanese titles and LaTeX-ish text included`, () => {
      const text = writeLibrary(PAPERS, format);
      const read = readLibrary(text, `list.${format}`);
      expect(read.errors).toEqual([]);
      expect(read.entries.map((e) => e.arxivId ?? null)).toEqual(['2410.22304', '2410.00002', '2410.00003', 'hep-th/9901001', null]);
      expect(read.entries[0]!.title).toBe('강화학습 기반 검색: 대규모 언어 모델');
      expect(read.entries[0]!.authors).toEqual(['김철수', 'Younghee Park']);
      expect(read.entries[1]!.title).toBe('大規模言語モデルによる論文推薦');
      expect(read.entries[1]!.abstract).toBe('論文推薦の手法。');
      expect(read.entries[2]!.authors[0]).toBe('Jürgen Schmidhuber');
      expect(read.entries[2]!.title).toMatch(/Scaling .*O\(n.*faster.* & 50% cheaper with #tricks_/);
      // An unbalanced brace cannot end a BibTeX field early: the entry stays whole and the next one is read.
      expect(read.entries[3]!.title).toBe('An unbalanced ( brace');
      expect(read.entries[4]).toMatchObject({ title: 'A blog post with no DOI', authors: [] });
      expect(read.entries[4]!.doi).toBeUndefined();
    });
  }

  it('gives each entry its arXiv DOI, URL, year and abstract, and every BibTeX entry its own key', () => {
    const bib = writeLibrary(PAPERS, 'bibtex');
    expect(bib).toContain('doi = {10.48550/arXiv.2410.22304}');
    expect(bib).toContain('url = {https://arxiv.org/abs/2410.22304}');
    expect(bib).toContain('date = {2024-10-29}');
    expect(bib).toContain('date = {2024-10-02}'); // the announcement day when no publication date is known
    expect(bib).toContain('abstract = {검색 품질을 높이는 방법.}');
    const keys = [...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
    const ris = writeLibrary(PAPERS, 'ris');
    expect(ris).toContain('DO  - 10.48550/arXiv.2410.22304');
    expect(ris).toContain('PY  - 2024');
    const csl = JSON.parse(writeLibrary(PAPERS, 'csl-json')) as Record<string, unknown>[];
    expect(csl[0]).toMatchObject({ id: 'arXiv:2410.22304', DOI: '10.48550/arXiv.2410.22304', issued: { 'date-parts': [[2024, 10, 29]] }, author: [{ literal: '김철수' }, { given: 'Younghee', family: 'Park' }] });
    expect(csl[4]).not.toHaveProperty('DOI');
  });

  it('leaves citation-js as it found it (ASCII BibTeX for anyone else who formats)', async () => {
    writeLibrary(PAPERS, 'bibtex');
    const { plugins } = await import('@citation-js/core');
    expect(plugins.config.get('@bibtex').format).toMatchObject({ asciiOnly: true, useIdAsLabel: false });
  });

  it('writes an empty list as an empty file (CSL-JSON: an empty array)', () => {
    expect(writeLibrary([], 'bibtex')).toBe('');
    expect(writeLibrary([], 'ris')).toBe('');
    expect(JSON.parse(writeLibrary([], 'csl-json'))).toEqual([]);
  });

  it('batched and entry-by-entry writing give the same entries (the benchmark compares like with like)', () => {
    for (const format of EXPORT_FORMATS) {
      const ids = (text: string) => readLibrary(text, `x.${format}`).entries.map((e) => [e.arxivId, e.title]);
      expect(ids(writeLibraryPerEntry(PAPERS, format))).toEqual(ids(writeLibrary(PAPERS, format)));
    }
  });
});
