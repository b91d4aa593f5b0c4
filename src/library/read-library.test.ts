import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLibrary } from './read-library.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/library/${name}`, import.meta.url), 'utf8');

describe('reading a reference library', () => {
  it('reads BibTeX through citation-js, finds arXiv ids in eprint, URL, journal and DOI, and reports a malformed entry by line', () => {
    const r = readLibrary(fixture('zotero.bib'), 'zotero.bib');
    expect(r.format).toBe('bibtex');
    expect(r.entries.map((e) => [e.line, e.arxivId])).toEqual([
      [4, '1706.03762'],
      [17, '1810.04805'],
      [25, '2405.03150'],
      [32, '2310.06825'],
      [39, undefined],
    ]);
    expect(r.entries[0]).toMatchObject({ title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer', 'Jérôme Müller'] });
    expect(r.entries[0]!.abstract).toMatch(/^The dominant sequence/);
    expect(r.entries[1]!.title).toBe('BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding');
    expect(r.entries[4]).toMatchObject({ title: 'Pattern Recognition and Machine Learning', doi: '10.5555/1162264' });
    expect(r.errors).toEqual([{ line: 13, message: expect.stringMatching(/^malformed BibTeX entry/) }]);
  });

  it('reads RIS records and reports one that never ends', () => {
    const r = readLibrary(fixture('mendeley.ris'));
    expect(r.format).toBe('ris');
    expect(r.entries.map((e) => [e.line, e.title, e.arxivId])).toEqual([
      [1, 'Attention Is All You Need', '1706.03762'],
      [14, 'Retrieval-augmented generation for knowledge-intensive NLP tasks', '2005.11401'],
    ]);
    expect(r.errors).toEqual([{ line: 10, message: 'malformed RIS record: no "ER  -" line ends it' }]);
  });

  it('reads CSL-JSON, keeps an entry without an arXiv id by its title and abstract, and reports an item without a title', () => {
    const r = readLibrary(fixture('zotero-csl.json'));
    expect(r.format).toBe('csl-json');
    expect(r.entries).toEqual([
      expect.objectContaining({ line: 2, arxivId: '2006.11239', authors: ['Jonathan Ho', 'Ajay Jain'] }),
      expect.objectContaining({ line: 16, title: '비디오 확산 모델 연구', abstract: '긴 비디오 생성을 위한 확산 모델을 제안한다.', authors: ['김민지'] }),
    ]);
    expect(r.errors).toEqual([{ line: 11, message: 'item 2 has no title and no arXiv id' }]);
  });

  it('reads a plain list of ids and URLs, and reports a line that is neither', () => {
    const r = readLibrary(fixture('ids.txt'));
    expect(r.format).toBe('id-list');
    expect(r.entries.map((e) => e.arxivId ?? e.doi)).toEqual(['2401.00001', '2310.06825', '2405.03150', '1706.03762', '2005.11401', '10.1145/3292500.3330701']);
    expect(r.errors).toEqual([{ line: 7, message: 'not an arXiv id, arXiv URL or DOI: "this line is not an id"' }]);
  });

  it('reports a file that is not JSON at all, keeping nothing and naming the line', () => {
    const r = readLibrary('[\n  {"title": "a"},\n  {oops}\n]');
    expect(r.entries).toEqual([]);
    expect(r.errors[0]!.line).toBe(3);
  });
});
