import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { SourceError } from './errors.js';
import { parseGenericFeed } from './generic-feed.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('parseGenericFeed', () => {
  it('turns an item linking an arXiv abs URL into that paper, keeping the blurb as an excerpt', async () => {
    const { entries } = await parseGenericFeed(fixture('feeds/lab-blog.rss.xml'));
    expect(entries[0]).toEqual({
      entryKey: 'arxiv:2410.22304',
      kind: 'paper',
      arxivId: '2410.22304',
      arxivVersion: 1,
      title: 'Reading group: Flow-DPO',
      authors: ['Jane Park'],
      publishedAt: '2024-10-30T15:30:00.000Z',
      summaries: [
        {
          locale: 'en',
          sections: [
            {
              kind: 'excerpt',
              text: 'Two LLMs cooperate to write reasoning traces, then the model is trained on them with online DPO.\n\nWorth a look if you care about math & reasoning.',
            },
          ],
        },
      ],
      links: { arxiv: 'https://arxiv.org/abs/2410.22304', pdf: 'https://arxiv.org/pdf/2410.22304' },
    });
    expect(entries[0]?.abstract).toBeUndefined();
  });

  it('recognises arXiv PDF links and huggingface.co/papers links', async () => {
    const { entries } = await parseGenericFeed(fixture('feeds/lab-blog.rss.xml'));
    expect(entries[1]).toMatchObject({ entryKey: 'arxiv:2410.21242', arxivVersion: 1, title: 'ReDE-RF (PDF)' });
    expect(entries[2]).toMatchObject({
      entryKey: 'arxiv:2410.18057',
      authors: ['Lab News Team'],
      links: {
        arxiv: 'https://arxiv.org/abs/2410.18057',
        pdf: 'https://arxiv.org/pdf/2410.18057',
        huggingface: 'https://huggingface.co/papers/2410.18057',
      },
    });
  });

  it('makes a blog post that cites an arXiv paper in its text an observation of that paper, linking the post', async () => {
    const { entries } = await parseGenericFeed(fixture('feeds/lab-blog.rss.xml'));
    expect(entries[3]).toMatchObject({
      entryKey: 'arxiv:2410.21465',
      kind: 'paper',
      links: {
        arxiv: 'https://arxiv.org/abs/2410.21465',
        article: 'https://www.example-lab.org/blog/shadowkv-notes/?utm_source=rss&utm_medium=feed&utm_campaign=weekly',
      },
    });
    expect(entries[3]?.summaries?.[0]?.sections[0]?.text).toBe(
      'Our notes on ShadowKV (arXiv:2410.21465): a low-rank key cache on the GPU and the values on the CPU.',
    );
  });

  it('keys a plain article by its canonical URL without tracking parameters, with its HTML as plain text', async () => {
    const { entries } = await parseGenericFeed(fixture('feeds/lab-blog.rss.xml'));
    expect(entries[4]).toEqual({
      entryKey: 'url:https://example-lab.org/jobs/research-engineer?team=nlp',
      kind: 'article',
      url: 'https://example-lab.org/jobs/research-engineer?team=nlp',
      title: 'We are hiring research engineers',
      authors: ['Lab Admin'],
      publishedAt: '2024-10-29T12:00:00.000Z',
      summaries: [
        {
          locale: 'en',
          sections: [
            {
              kind: 'excerpt',
              text: 'Join us\n\nWe build tools for "reading" papers at scale — in Seoul & remote.\nApply by 30 November.\n\n- Python\n- TypeScript 😀',
            },
          ],
        },
      ],
      links: { article: 'https://www.example-lab.org/jobs/research-engineer/?utm_source=rss&utm_medium=feed&team=nlp#apply' },
    });
  });

  it('reports an item with neither link nor arXiv id by position and keeps the rest', async () => {
    const { entries, errors } = await parseGenericFeed(fixture('feeds/lab-blog.rss.xml'));
    expect(entries).toHaveLength(5);
    expect(errors).toEqual([{ message: 'item has neither a link nor an arXiv id (title: "Lab retreat photos")', place: 'item 6' }]);
  });

  it('uses the two-letter feed language as the excerpt locale', async () => {
    const xml = `<rss version="2.0"><channel><title>논문 소식</title><language>ko-KR</language>
      <item><title>새 글</title><link>https://blog.example.kr/posts/1</link><description>&lt;p&gt;요약입니다.&lt;/p&gt;</description></item>
    </channel></rss>`;
    const [entry] = (await parseGenericFeed(xml)).entries;
    expect(entry?.summaries).toEqual([{ locale: 'ko', sections: [{ kind: 'excerpt', text: '요약입니다.' }] }]);
  });

  it('reads Atom feeds: xml:lang, every author, the alternate link', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja-JP"><title>Blog</title>
      <entry><id>tag:blog.example.jp,2024:1</id><title>ShadowKV 解説</title>
        <link rel="alternate" href="https://blog.example.jp/p/1?utm_medium=atom"/>
        <updated>2024-10-31T10:00:00+09:00</updated>
        <author><name>佐藤</name></author><author><name>鈴木</name></author>
        <summary type="html">&lt;p&gt;解説&lt;/p&gt;</summary></entry></feed>`;
    const [entry] = (await parseGenericFeed(xml)).entries;
    expect(entry).toEqual({
      entryKey: 'url:https://blog.example.jp/p/1',
      kind: 'article',
      url: 'https://blog.example.jp/p/1',
      title: 'ShadowKV 解説',
      authors: ['佐藤', '鈴木'],
      publishedAt: '2024-10-31T01:00:00.000Z',
      summaries: [{ locale: 'ja', sections: [{ kind: 'excerpt', text: '解説' }] }],
      links: { article: 'https://blog.example.jp/p/1?utm_medium=atom' },
    });
  });

  it('reports a link that is not an http(s) URL', async () => {
    const xml = `<rss version="2.0"><channel><title>x</title><item><title>Relative</title><link>/posts/2</link></item></channel></rss>`;
    expect(await parseGenericFeed(xml)).toEqual({ entries: [], errors: [{ message: 'link "/posts/2" is not an http(s) URL', place: 'item 1' }], title: 'x' });
  });

  it('reads an <rss> root without a version attribute as RSS 2.0', async () => {
    const xml = `<rss><channel><title>x</title><item><title>Post</title><link>https://www.example.org/a/?utm_source=x</link></item></channel></rss>`;
    expect((await parseGenericFeed(xml)).entries.map((e) => e.entryKey)).toEqual(['url:https://example.org/a']);
  });

  it('throws SourceError for an HTML page', async () => {
    const err = await parseGenericFeed(fixture('feeds/not-a-feed.html')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe('got an HTML page ("Page not found | Example Lab") instead of an RSS or Atom feed');
  });

  it('throws SourceError for truncated XML', async () => {
    const xml = fixture('feeds/lab-blog.rss.xml');
    await expect(parseGenericFeed(xml.slice(0, Math.floor(xml.length / 2)))).rejects.toThrow(/^truncated XML: the document ends before its root element closes/);
  });
});
