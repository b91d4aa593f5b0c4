import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeBody, detectFormat } from './detect-format.js';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../test/fixtures/digests/${path}`, import.meta.url), 'utf8');

const ARXIV_RSS = `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel>
    <title>cs.CL updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/cs.CL</link>
    <item>
      <title>Flow-DPO: Improving LLM Mathematical Reasoning through Online Multi-Agent Learning</title>
      <link>https://arxiv.org/abs/2410.22304</link>
      <arxiv:announce_type>new</arxiv:announce_type>
    </item>
  </channel>
</rss>`;

const ARXIV_ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>arXiv Query: search_query=all:retrieval</title>
  <entry>
    <id>http://arxiv.org/abs/2410.21242v1</id>
    <title>Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback</title>
  </entry>
</feed>`;

const BLOG_RSS = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>ML blog</title><link>https://blog.example.com/</link>
<item><title>Reading list</title><link>https://blog.example.com/reading</link>
<description>See https://arxiv.org/abs/2410.22304 for details.</description></item>
</channel></rss>`;

const BLOG_ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Notes</title>
<entry><id>tag:example.com,2024:1</id><link href="https://example.com/notes/1"/></entry></feed>`;

const HF_DAILY = JSON.stringify([
  { paper: { id: '2410.22304', title: 'Flow-DPO', authors: [{ name: 'Yihe Deng' }] }, numComments: 2 },
]);

const HTML_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Just a moment...</title></head>
<body>## Daily Papers (2024-10-30) <a href="https://arxiv.org/abs/2410.22304">rss</a></body></html>`;

describe('detectFormat', () => {
  it('recognizes the Korean daily digest by its header', () => {
    expect(detectFormat(fixture('ko/2024/10/30.md'))).toBe('ko-digest');
    expect(detectFormat(fixture('ko/broken.md'))).toBe('ko-digest');
  });

  it('recognizes a Korean digest file without header by its paper layout', () => {
    const headless = fixture('ko/2024/10/30.md').replace('## Daily Papers (2024-10-30)\n', '');
    expect(detectFormat(headless)).toBe('ko-digest');
  });

  it('recognizes a headerless file of the older generations, whose summary is plain bullets', () => {
    for (const day of ['ko-older/2023/11/20.md', 'ko-older/2024/02/15.md']) {
      const headless = fixture(day).replace(/^## Daily Papers \(\d{4}-\d{2}-\d{2}\)\n/, '');
      expect(headless.startsWith('\n### ['), day).toBe(true);
      expect(detectFormat(headless), day).toBe('ko-digest');
    }
  });

  it('recognizes the Japanese blog page, with LF or CRLF and either parentheses', () => {
    const page = fixture('ja/2025-02-24.txt');
    expect(detectFormat(page)).toBe('ja-blog');
    expect(detectFormat(page.replace(/\n/g, '\r\n'))).toBe('ja-blog');
    expect(detectFormat('Title\n要約\n行\n要約（オリジナル）\nAbstract\narxiv情報\n著者 A')).toBe('ja-blog');
  });

  it('recognizes a Markdown post whose front matter has a link', () => {
    const post = fixture('article/2024-06-20-rl-foundation-models.md');
    expect(detectFormat(post)).toBe('article-md');
    expect(detectFormat(post.replace(/\n/g, '\r\n'))).toBe('article-md');
    expect(detectFormat(post.replace(/^link: .*$/m, 'source: none'))).toBeUndefined();
  });

  it('recognizes Hugging Face daily papers JSON by the paper key of the first element', () => {
    expect(detectFormat(HF_DAILY)).toBe('hf-daily');
    expect(detectFormat(JSON.stringify([{ title: 'x', meta: { paper: 1 } }]))).toBeUndefined();
    expect(detectFormat('{"paper": {}}')).toBeUndefined();
  });

  it('recognizes a daily-papers array larger than the 64 KB it looks at', () => {
    const big = JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ paper: { id: `2410.${i}`, summary: 'x'.repeat(300) } })));
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect(detectFormat(big)).toBe('hf-daily');
  });

  it('takes an empty array for daily papers only when it came from the daily-papers API', () => {
    expect(detectFormat('[]', { location: 'https://huggingface.co/api/daily_papers?date=2024-10-30' })).toBe('hf-daily');
    expect(detectFormat('[]')).toBeUndefined();
  });

  it('tells arXiv RSS and Atom feeds from other feeds', () => {
    expect(detectFormat(ARXIV_RSS)).toBe('arxiv-rss');
    expect(detectFormat(ARXIV_ATOM)).toBe('arxiv-atom');
    expect(detectFormat(BLOG_RSS)).toBe('rss');
    expect(detectFormat(BLOG_ATOM)).toBe('rss');
  });

  it('trusts an arxiv.org location for a feed without arXiv markers', () => {
    const emptyDay = '<rss version="2.0"><channel><title>cs.AI updates</title></channel></rss>';
    expect(detectFormat(emptyDay, { location: 'https://rss.arxiv.org/rss/cs.AI' })).toBe('arxiv-rss');
    expect(detectFormat(emptyDay)).toBe('rss');
  });

  it('returns undefined for an HTML page even when it quotes a known format', () => {
    expect(detectFormat(HTML_PAGE)).toBeUndefined();
    expect(detectFormat('<html><body>要約(オリジナル) arxiv情報</body></html>')).toBeUndefined();
  });

  it('returns undefined for empty or unknown bodies', () => {
    expect(detectFormat('')).toBeUndefined();
    expect(detectFormat('  \n\t')).toBeUndefined();
    expect(detectFormat('just some notes')).toBeUndefined();
    expect(detectFormat('<?xml version="1.0"?><opml version="2.0"></opml>')).toBeUndefined();
  });

  it('ignores a byte-order mark', () => {
    expect(detectFormat(`\uFEFF${ARXIV_RSS}`)).toBe('arxiv-rss');
  });
});

describe('describeBody', () => {
  it('names the kind of body for error messages', () => {
    expect(describeBody('')).toBe('empty');
    expect(describeBody(' \n ')).toBe('empty');
    expect(describeBody(HTML_PAGE)).toBe('an HTML page');
    expect(describeBody('{"error": "rate limited"}')).toBe('JSON object');
    expect(describeBody(HF_DAILY)).toBe('JSON array');
    expect(describeBody('<?xml version="1.0"?><opml version="2.0"></opml>')).toBe('an XML document with root <opml>');
    expect(describeBody(fixture('article/2024-06-20-rl-foundation-models.md'))).toBe('Markdown with front matter');
    expect(describeBody('# Notes\n\ntext')).toBe('Markdown');
    expect(describeBody('hello world')).toBe('plain text');
    expect(describeBody('[see this](https://example.com)')).toBe('plain text');
    expect(describeBody('PK\u0003\u0004\u0000\u0000')).toBe('binary data');
  });
});
