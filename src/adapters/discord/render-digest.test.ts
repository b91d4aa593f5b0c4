import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { DigestModel, PaperCard } from '../../core/digest-model.js';
import { validateMessage } from '../../../test/fakes/fake-discord.js';
import { embedLength } from './discord-limits.js';
import { renderDiscordDigest, THREAD_NAME_KEY } from './render-digest.js';

const KO = '이 논문은 대규모 언어 모델의 추론 능력을 개선하기 위한 새로운 방법을 제안한다. ';
const JA = '本論文では大規模言語モデルの推論能力を向上させる新しい手法を提案する。';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function card(i: number, over: Partial<PaperCard> = {}): PaperCard {
  return {
    key: `p${i}`,
    title: `Paper ${i}`,
    url: `https://arxiv.org/abs/2410.${String(i).padStart(5, '0')}`,
    authors: 'Ada Lovelace, Alan Turing',
    summary: { sections: [{ label: '요약', text: KO }], attribution: '요약 출처: daily-papers-ko', fallback: false },
    facts: [{ label: '추천', text: '42' }],
    links: [{ label: 'arXiv', url: `https://arxiv.org/abs/2410.${i}` }],
    ...over,
  };
}

function model(papers: PaperCard[], over: Partial<DigestModel> = {}): DigestModel {
  return { locale: 'ko', date: '2024-10-30', title: '📰 Daily Papers — 2024년 10월 30일', intro: `새 논문 ${papers.length}편`, papers, ...over };
}

function huge(i: number): PaperCard {
  const authors = Array.from({ length: 200 }, (_, n) => `Author Number${n}`).join(', ');
  return card(i, {
    title: `${i}: ${'Scaling Laws for Mixture-of-Experts Reasoning '.repeat(7)}`.slice(0, 300),
    authors,
    summary: {
      sections: [
        { label: "What's New", text: KO.repeat(100).slice(0, 4000) },
        { label: '手法', text: JA.repeat(120).slice(0, 4000) },
      ],
      attribution: '요약 출처: daily-papers-ko',
      fallback: false,
    },
    facts: Array.from({ length: 30 }, (_, n) => ({ label: `fact ${n}`, text: 'x'.repeat(1500) })),
    links: Array.from({ length: 40 }, (_, n) => ({ label: `link [${n}]`, url: `https://example.org/${n}/(v2)` })),
    thumbnail: 'https://example.org/thumb.png',
  });
}

const embedsOf = (body: Record<string, unknown>): APIEmbed[] => (body.embeds as APIEmbed[] | undefined) ?? [];

describe('renderDiscordDigest, digest layout', () => {
  it('keeps 60 huge papers within every Discord limit and loses none of them', () => {
    const papers = Array.from({ length: 60 }, (_, i) => huge(i));
    const messages = renderDiscordDigest(model(papers, { more: '외 12편' }), 'digest');
    for (const { body } of messages) {
      expect(validateMessage({ ...body, nonce: 'a'.repeat(25), enforce_nonce: true })).toBeUndefined();
      expect(embedsOf(body).reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
      expect(LONE_SURROGATE.test(JSON.stringify(body))).toBe(false);
    }
    const titles = messages.flatMap(({ body }) => embedsOf(body).map((e) => e.title ?? ''));
    expect(titles).toHaveLength(60);
    expect(titles.map((t) => Number(t.split(':')[0]))).toEqual(papers.map((_, i) => i));
    expect(titles.every((t) => t.length <= 256 && t.endsWith('…'))).toBe(true);
  });

  it('cuts the summary of an oversized paper but keeps its attribution and links', () => {
    const [message] = renderDiscordDigest(model([huge(1)]), 'digest');
    const [embed] = embedsOf(message!.body);
    expect(embed!.description).toMatch(/\*요약 출처: daily-papers-ko\*$/);
    expect(embed!.fields?.at(-1)).toMatchObject({ name: '🔗', inline: false });
    expect(embed!.fields?.at(-1)?.value).toContain('[link \\[0\\]](https://example.org/0/%28v2%29)');
    expect(embed!.author?.name.length).toBeLessThanOrEqual(256);
  });

  it('packs small papers ten to a message, the header first and "more" on its own', () => {
    const messages = renderDiscordDigest(model(Array.from({ length: 25 }, (_, i) => card(i)), { more: '외 3편' }), 'digest');
    expect(messages.map(({ body }) => embedsOf(body).length)).toEqual([10, 10, 5, 0]);
    expect(messages[0]!.body.content).toBe('**📰 Daily Papers — 2024년 10월 30일**\n새 논문 25편');
    expect(messages[3]!.body.content).toBe('외 3편');
    expect(messages.every((m) => m.threadParent === undefined)).toBe(true);
  });

  it('renders a paper as title link, author, summary blocks, inline facts and links', () => {
    const [message] = renderDiscordDigest(model([card(7, { thumbnail: 'https://example.org/t.png' })]), 'digest');
    expect(embedsOf(message!.body)).toEqual([
      {
        title: 'Paper 7',
        url: 'https://arxiv.org/abs/2410.00007',
        author: { name: 'Ada Lovelace, Alan Turing' },
        thumbnail: { url: 'https://example.org/t.png' },
        fields: [
          { name: '추천', value: '42', inline: true },
          { name: '🔗', value: '[arXiv](https://arxiv.org/abs/2410.7)', inline: false },
        ],
        description: `**요약**\n${KO.trim()}\n\n*요약 출처: daily-papers-ko*`,
      },
    ]);
  });

  it('posts the notice on a day with nothing new', () => {
    const messages = renderDiscordDigest(model([], { notice: '오늘은 새 논문이 없습니다.' }), 'digest');
    expect(messages).toEqual([
      { body: { content: '**📰 Daily Papers — 2024년 10월 30일**\n오늘은 새 논문이 없습니다.', allowed_mentions: { parse: [] } } },
    ]);
  });
});

describe('renderDiscordDigest, thread layout', () => {
  it('sends the header alone, then every paper as its own reply in the header thread', () => {
    const messages = renderDiscordDigest(model([card(1), card(2), card(3)], { more: '외 2편' }), 'thread');
    expect(messages[0]).toEqual({
      body: { content: '**📰 Daily Papers — 2024년 10월 30일**\n새 논문 3편', allowed_mentions: { parse: [] } },
    });
    const replies = messages.slice(1);
    expect(replies.map((m) => [m.threadParent, embedsOf(m.body).length, m.body.content])).toEqual([
      [0, 1, undefined],
      [0, 1, undefined],
      [0, 1, undefined],
      [0, 0, '외 2편'],
    ]);
    expect(replies.every((m) => m.body[THREAD_NAME_KEY] === '📰 Daily Papers — 2024년 10월 30일')).toBe(true);
  });
});

describe('untrusted text', () => {
  it('never pings: allowed_mentions parses nothing and @everyone/@here are broken', () => {
    const evil = card(1, { title: 'Hi @everyone and @here', authors: '@everyone' });
    for (const layout of ['digest', 'thread'] as const) {
      for (const { body } of renderDiscordDigest(model([evil], { intro: '@here' }), layout)) {
        expect(body.allowed_mentions).toEqual({ parse: [] });
        expect(JSON.stringify(body)).not.toMatch(/@(everyone|here)/);
      }
    }
    const [message] = renderDiscordDigest(model([evil]), 'digest');
    expect(embedsOf(message!.body)[0]!.title).toBe('Hi @\u200beveryone and @\u200bhere');
  });

  it('escapes Markdown in titles, summaries and the header', () => {
    const title = '**Bold** _it_ ~~gone~~ `code` ||spoiler|| [click](https://evil.example) a\\b';
    const paper = card(1, { title, summary: { sections: [{ label: 'x', text: '> quoted\n# heading' }], fallback: true } });
    const [message] = renderDiscordDigest(model([paper], { title: 'A *starred* day' }), 'digest');
    const [embed] = embedsOf(message!.body);
    expect(embed!.title).toBe(
      '\\*\\*Bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[click\\](https://evil.example) a\\\\b',
    );
    expect(embed!.description).toBe('**x**\n\\> quoted\n\\# heading');
    expect(message!.body.content).toMatch(/^\*\*A \\\*starred\\\* day\*\*\n/);
  });

  it('cuts titles of emoji and CJK without splitting a character', () => {
    const [message] = renderDiscordDigest(model([card(1, { title: '😀'.repeat(300) })]), 'digest');
    const { title } = embedsOf(message!.body)[0]!;
    expect(title!.length).toBeLessThanOrEqual(256);
    expect(LONE_SURROGATE.test(title!)).toBe(false);
  });

  it('leaves out URLs Discord would reject instead of failing the whole message', () => {
    const paper = card(1, { url: 'javascript:alert(1)', thumbnail: 'not a url', links: [{ label: 'x', url: 'ftp://x' }] });
    const [message] = renderDiscordDigest(model([paper]), 'digest');
    expect(validateMessage(message!.body)).toBeUndefined();
    expect(embedsOf(message!.body)[0]).not.toHaveProperty('url');
  });
});
