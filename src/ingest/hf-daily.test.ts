import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { SourceError } from './errors.js';
import { parseHfDaily } from './hf-daily.js';

const body = readFileSync(new URL('../../test/fixtures/hf/daily_papers-2024-10-30.json', import.meta.url), 'utf8');

describe('parseHfDaily', () => {
  it('reads a featured paper with votes, thumbnail, code link, TL;DR and featured date', () => {
    const { entries, errors } = parseHfDaily(body);
    expect(errors).toEqual([]);
    expect(entries[0]).toEqual({
      entryKey: 'arxiv:2410.21465',
      kind: 'paper',
      arxivId: '2410.21465',
      title: 'ShadowKV: KV Cache in Shadows for High-Throughput Long-Context LLM Inference',
      authors: ['Hanshi Sun', 'Li-Wen Chang', 'Wenlei Bao', 'Size Zheng', 'Ningxin Zheng', 'Xin Liu', 'Harry Dong', 'Yuejie Chi', 'Beidi Chen'],
      abstract:
        'ShadowKV keeps a low-rank key cache on the GPU, offloads the value cache to the CPU and reconstructs sparse KV pairs on the fly, so it serves larger batches of long-context requests.',
      publishedAt: '2024-10-28T19:08:12.000Z',
      announcedOn: '2024-10-30',
      votes: 11,
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.21465.png',
      links: {
        huggingface: 'https://huggingface.co/papers/2410.21465',
        arxiv: 'https://arxiv.org/abs/2410.21465',
        pdf: 'https://arxiv.org/pdf/2410.21465',
        code: 'https://github.com/bytedance/ShadowKV',
      },
      summaries: [
        {
          locale: 'en',
          sections: [
            { kind: 'tldr', text: 'ShadowKV stores a low-rank key cache on the GPU and the value cache on the CPU to raise long-context decoding throughput.' },
          ],
        },
      ],
    });
  });

  it('keeps hidden authors and omits links and summaries the paper does not have', () => {
    const flow = parseHfDaily(body).entries[1];
    expect(flow?.authors).toEqual(['Yihe Deng', 'Paul Mineiro']);
    expect(flow?.links).toEqual({
      huggingface: 'https://huggingface.co/papers/2410.22304',
      arxiv: 'https://arxiv.org/abs/2410.22304',
      pdf: 'https://arxiv.org/pdf/2410.22304',
    });
    expect(flow?.summaries).toBeUndefined();
    expect(flow?.votes).toBe(7);
  });

  it('dates a paper by the UTC day it was featured, not the day it was published', () => {
    const { entries } = parseHfDaily(body);
    expect(entries.map((e) => [e.arxivId, e.publishedAt, e.announcedOn])).toEqual([
      ['2410.21465', '2024-10-28T19:08:12.000Z', '2024-10-30'],
      ['2410.22304', '2024-10-29T17:59:59.000Z', '2024-10-30'],
      ['2410.18057', '2024-10-23T17:30:51.000Z', '2024-10-30'],
    ]);
  });

  it('links the project page and ignores ai_keywords as categories', () => {
    const clear = parseHfDaily(body).entries[2];
    expect(clear?.links?.project).toBe('https://huggingface.co/datasets/therem/CLEAR');
    expect(clear?.categories).toBeUndefined();
  });

  it('reports a bad element by position and what is wrong, and still reads the others', () => {
    const list = JSON.parse(body) as { paper: Record<string, unknown> }[];
    list[1]!.paper.id = 2410.22304;
    list[2]!.paper.upvotes = 'many';
    const { entries, errors } = parseHfDaily(JSON.stringify(list));
    expect(entries.map((e) => e.arxivId)).toEqual(['2410.21465']);
    expect(errors).toEqual([
      { message: 'paper.id: Invalid input: expected string, received number', place: 'item 2' },
      { message: 'paper.upvotes: Invalid input: expected number, received string', place: 'item 3' },
    ]);
  });

  it('reports an element whose id is not an arXiv id', () => {
    const list = JSON.parse(body) as { paper: Record<string, unknown> }[];
    list[0]!.paper.id = 'not-a-paper';
    expect(parseHfDaily(JSON.stringify(list.slice(0, 1)))).toEqual({
      entries: [],
      errors: [{ message: 'paper.id "not-a-paper" is not an arXiv id', place: 'item 1' }],
    });
  });

  it('returns nothing for a day without papers', () => {
    expect(parseHfDaily('[]')).toEqual({ entries: [], errors: [] });
  });

  it('throws SourceError "not JSON" for an HTML page', () => {
    const html = readFileSync(new URL('../../test/fixtures/feeds/not-a-feed.html', import.meta.url), 'utf8');
    expect(() => parseHfDaily(html)).toThrow(SourceError);
    expect(() => parseHfDaily(html)).toThrow(/^not JSON: Unexpected token '<'/);
  });

  it('throws SourceError showing the API error when the body is an object, not an array', () => {
    expect(() => parseHfDaily('{"error":"Invalid date"}')).toThrow(
      new SourceError('expected a JSON array of daily papers, got object with error "Invalid date"'),
    );
  });
});
