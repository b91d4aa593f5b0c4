/** Answers of arXiv's query API (export.arxiv.org/api/query), read by the arXiv feed parser. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arxivTotalResults, parseArxivFeed } from './arxiv-feed.js';
import { SourceError } from './errors.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/arxiv/${name}`, import.meta.url), 'utf8');

describe('parseArxivFeed on arXiv API answers', () => {
  it('reads every entry into the same shape as the announcement feeds, with a version-less id', async () => {
    const { entries, errors } = await parseArxivFeed(fixture('api-cs.LG-2024-10-28.atom.xml'));
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.entryKey)).toEqual(['arxiv:2410.21311', 'arxiv:2410.21465', 'arxiv:2410.21491']);
    expect(entries[1]).toEqual({
      entryKey: 'arxiv:2410.21465',
      kind: 'paper',
      arxivId: '2410.21465',
      arxivVersion: 1,
      title: 'ShadowKV: KV Cache in Shadows for High-Throughput Long-Context LLM Inference',
      authors: ['Hanshi Sun', 'Li-Wen Chang', 'Beidi Chen'],
      abstract:
        'With the widespread deployment of long-context large language models (LLMs), there has been a growing demand for efficient support of high-throughput inference. ShadowKV stores the low-rank key cache and offloads the value cache to reduce the memory footprint for larger batch sizes and longer sequences.',
      categories: ['cs.LG', 'cs.CL'],
      publishedAt: '2024-10-28T19:08:12.000Z',
      links: { arxiv: 'https://arxiv.org/abs/2410.21465', pdf: 'https://arxiv.org/pdf/2410.21465' },
    });
  });

  it('keeps the version the API names and sets no announce date (the API knows only the submission time)', async () => {
    const { entries } = await parseArxivFeed(fixture('api-cs.LG-2024-10-28.atom.xml'));
    expect(entries[2]).toMatchObject({ arxivId: '2410.21491', arxivVersion: 2, publishedAt: '2024-10-28T20:12:55.000Z', categories: ['cs.LG', 'cs.CR', 'cs.DC'] });
    expect(entries.map((e) => e.announcedOn)).toEqual([undefined, undefined, undefined]);
    expect(entries.map((e) => e.announceType)).toEqual([undefined, undefined, undefined]);
  });

  it('fails on the error entry a bad query gets, with the API message', async () => {
    const body = fixture('api-error.atom.xml');
    await expect(parseArxivFeed(body)).rejects.toThrow(SourceError);
    await expect(parseArxivFeed(body)).rejects.toThrow('the arXiv API answered with an error: incorrect date range in query');
  });

  it('reads a day without submissions (a weekend) as no entries and total 0', async () => {
    const body = fixture('api-empty-2024-11-02.atom.xml');
    // Its <title> is the query itself: not kept as the source's name.
    expect(await parseArxivFeed(body)).toEqual({ entries: [], errors: [] });
    expect(arxivTotalResults(body)).toBe(0);
  });

  it('reads opensearch:totalResults, and finds none in an announcement feed', () => {
    expect(arxivTotalResults(fixture('api-cs.LG-2024-10-28.atom.xml'))).toBe(3);
    expect(arxivTotalResults('<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><opensearch:totalResults>4512</opensearch:totalResults></feed>')).toBe(4512);
    expect(arxivTotalResults(fixture('cs.CL.atom.xml'))).toBeUndefined();
  });

  it('still dates announcement feed entries by their announcement day', async () => {
    const { entries } = await parseArxivFeed(fixture('cs.CL.atom.xml'));
    expect(entries[0]?.announcedOn).toBe('2024-10-30');
  });
});
