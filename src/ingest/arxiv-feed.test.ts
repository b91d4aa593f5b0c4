import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parseArxivFeed } from './arxiv-feed.js';
import { SourceError } from './errors.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

const rssWith = (item: string): string =>
  `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
<channel><title>cs.AI updates on arXiv.org</title><link>http://rss.arxiv.org/rss/cs.AI</link><description>x</description>
${item}
</channel></rss>`;

describe('parseArxivFeed (RSS 2.0)', () => {
  it('reads every announced paper with id, version, authors, abstract, categories and dates', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.AI.rss.xml'));
    expect(entries.map((e) => e.entryKey)).toEqual(['arxiv:2410.22304', 'arxiv:2410.21242', 'arxiv:2410.21465', 'arxiv:2410.18057']);
    expect(entries[0]).toEqual({
      entryKey: 'arxiv:2410.22304',
      kind: 'paper',
      arxivId: '2410.22304',
      arxivVersion: 1,
      title: 'Flow-DPO: Improving LLM Mathematical Reasoning through Online Multi-Agent Learning',
      authors: ['Yihe Deng', 'Paul Mineiro'],
      abstract:
        'Mathematical reasoning is a hard skill for Large Language Models. We produce detailed reasoning traces with an online learning Flow of two cooperating LLMs and train on them with online DPO.',
      categories: ['cs.AI', 'cs.CL', 'cs.LG'],
      publishedAt: '2024-10-30T04:00:00.000Z',
      announcedOn: '2024-10-30',
      announceType: 'new',
      links: { arxiv: 'https://arxiv.org/abs/2410.22304', pdf: 'https://arxiv.org/pdf/2410.22304' },
    });
  });

  it('collapses a title written over two lines', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.AI.rss.xml'));
    expect(entries[1]?.title).toBe('Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback');
  });

  it('splits dc:creator lists written "A, B, and C" and "A, B and C"', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.AI.rss.xml'));
    expect(entries[1]?.authors).toEqual(['Nour Jedidi', 'Yung-Sung Chuang', 'Leslie Shing', 'James Glass']);
    expect(entries[2]?.authors).toEqual([
      'Hanshi Sun',
      'Li-Wen Chang',
      'Wenlei Bao',
      'Size Zheng',
      'Ningxin Zheng',
      'Xin Liu',
      'Harry Dong',
      'Yuejie Chi',
      'Beidi Chen',
    ]);
  });

  it('lower-cases announce types written in mixed case', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.AI.rss.xml'));
    expect(entries.map((e) => e.announceType)).toEqual(['new', 'cross', 'replace-cross', 'replace']);
  });

  it('takes the version from the guid when the link has none', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.AI.rss.xml'));
    expect(entries.map((e) => [e.arxivId, e.arxivVersion])).toEqual([
      ['2410.22304', 1],
      ['2410.21242', 1],
      ['2410.21465', 2],
      ['2410.18057', 2],
    ]);
  });

  it('strips the "arXiv:… Announce Type: … Abstract:" prefix and decodes entities', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.AI.rss.xml'));
    expect(entries[2]?.abstract).toBe(
      'ShadowKV keeps a low-rank key cache on the GPU, offloads the value cache to the CPU and reconstructs sparse KV pairs on the fly & so serves larger batches of long-context requests.',
    );
  });

  it('skips an item without an arXiv id and reports it by position', async () => {
    const { entries, errors } = await parseArxivFeed(fixture('arxiv/cs.AI.rss.xml'));
    expect(entries).toHaveLength(4);
    expect(errors).toEqual([{ message: 'no arXiv id in link, guid or description (title: "Withdrawn announcement")', place: 'item 5' }]);
  });

  it('returns no entries and no errors for an empty weekend feed', async () => {
    // The feed's own title names the source on cards ("arXiv cs.AI", core/source-label.ts).
    expect(await parseArxivFeed(fixture('arxiv/empty-weekend.rss.xml'))).toEqual({ entries: [], errors: [], title: 'cs.AI updates on arXiv.org' });
  });

  it('keeps the announcement day in the feed\'s own offset, not UTC', async () => {
    const xml = rssWith(`<item><title>Late</title><link>https://arxiv.org/abs/2410.22304</link>
      <description>arXiv:2410.22304v1 Announce Type: new
Abstract: x</description><pubDate>Wed, 30 Oct 2024 22:00:00 -0400</pubDate></item>`);
    const [entry] = (await parseArxivFeed(xml)).entries;
    expect(entry?.announcedOn).toBe('2024-10-30');
    expect(entry?.publishedAt).toBe('2024-10-31T02:00:00.000Z');
  });

  it('falls back to the announce type in the description when arxiv:announce_type is missing', async () => {
    const xml = rssWith(`<item><title>T</title><link>https://arxiv.org/abs/2410.21242</link>
      <description>arXiv:2410.21242v3 Announce Type: Replace
Abstract: Short.</description></item>`);
    const [entry] = (await parseArxivFeed(xml)).entries;
    expect(entry).toMatchObject({ arxivId: '2410.21242', arxivVersion: 3, announceType: 'replace', abstract: 'Short.' });
  });
});

describe('parseArxivFeed (Atom)', () => {
  it('keeps every <author>, not only the first', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.CL.atom.xml'));
    expect(entries.map((e) => e.authors)).toEqual([
      ['Nour Jedidi', 'Yung-Sung Chuang', 'Leslie Shing', 'James Glass'],
      ['Alexey Dontsov', 'Dmitrii Korzh', 'Elena Tutubalina'],
      ['Yihe Deng', 'Paul Mineiro'],
    ]);
  });

  it('reads categories from category/@term', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.CL.atom.xml'));
    expect(entries.map((e) => e.categories)).toEqual([
      ['cs.IR', 'cs.CL'],
      ['cs.CV', 'cs.CL', 'cs.LG'],
      ['cs.CL', 'cs.AI', 'cs.LG'],
    ]);
  });

  it('reads a replaced paper with its version from the link and a version-less id', async () => {
    const { entries, errors } = await parseArxivFeed(fixture('arxiv/cs.CL.atom.xml'));
    expect(errors).toEqual([]);
    expect(entries[2]).toEqual({
      entryKey: 'arxiv:2410.22304',
      kind: 'paper',
      arxivId: '2410.22304',
      arxivVersion: 2,
      title: 'Flow-DPO: Improving LLM Mathematical Reasoning through Online Multi-Agent Learning',
      authors: ['Yihe Deng', 'Paul Mineiro'],
      abstract:
        'Mathematical reasoning is a hard skill for Large Language Models. We produce detailed reasoning traces with an online learning Flow of two cooperating LLMs and train on them with online DPO.',
      categories: ['cs.CL', 'cs.AI', 'cs.LG'],
      publishedAt: '2024-10-30T04:00:00.000Z',
      announcedOn: '2024-10-30',
      announceType: 'replace',
      links: { arxiv: 'https://arxiv.org/abs/2410.22304', pdf: 'https://arxiv.org/pdf/2410.22304' },
    });
  });

  it('collapses an Atom title written over two lines', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/cs.CL.atom.xml'));
    expect(entries[1]?.title).toBe('CLEAR: Character Unlearning in Textual and Visual Modalities');
    expect(entries[1]?.announceType).toBe('cross');
  });

  it('keeps the announcement day of <published> as written', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
      <entry><id>oai:arXiv.org:2410.18057v1</id><title>CLEAR</title><link href="https://arxiv.org/abs/2410.18057" rel="alternate"/>
      <published>2024-10-30T22:00:00-04:00</published><author><name>A</name></author></entry></feed>`;
    const [entry] = (await parseArxivFeed(xml)).entries;
    expect(entry).toMatchObject({ announcedOn: '2024-10-30', publishedAt: '2024-10-31T02:00:00.000Z', arxivVersion: 1 });
  });
});

describe('parseArxivFeed on unusable input', () => {
  it('throws SourceError naming an HTML page by its title', async () => {
    const err = await parseArxivFeed(fixture('feeds/not-a-feed.html')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe('got an HTML page ("Page not found | Example Lab") instead of an RSS or Atom feed');
  });

  it('throws SourceError with the line of malformed XML', async () => {
    const xml = rssWith('<item><title>Broken</titel></item>');
    const err = await parseArxivFeed(xml).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe('malformed XML: Unexpected close tag (at line 4, column 27)');
    expect((err as SourceError).place).toBe('line 4, column 27');
  });

  it('throws SourceError for a truncated download', async () => {
    const xml = fixture('arxiv/cs.AI.rss.xml');
    const err = await parseArxivFeed(xml.slice(0, xml.indexOf('<dc:creator>Hanshi Sun'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toMatch(/^truncated XML: the document ends before its root element closes \(at line \d+, column \d+\)$/);
  });

  it('throws SourceError for an empty body and for JSON', async () => {
    await expect(parseArxivFeed('  \n')).rejects.toThrow(new SourceError('empty body: expected an RSS or Atom feed'));
    await expect(parseArxivFeed('{"items":[]}')).rejects.toThrow(
      new SourceError('malformed XML: Non-whitespace before first tag', 'line 1, column 1'),
    );
  });

  it('throws SourceError for well-formed XML that is not a feed', async () => {
    await expect(parseArxivFeed('<?xml version="1.0"?><opml version="2.0"><body/></opml>')).rejects.toThrow(
      new SourceError('not an RSS or Atom feed: root element is <opml>'),
    );
  });

  it('throws SourceError instead of RangeError for an Atom entry with an unreadable date', async () => {
    const xml = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><published>yesterday</published></entry></feed>';
    await expect(parseArxivFeed(xml)).rejects.toThrow(SourceError);
  });
});
