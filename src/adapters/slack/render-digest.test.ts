import { describe, expect, it } from 'vitest';
import type { DigestModel, OutgoingMessage, PaperCard } from '../../core/digest-model.js';
import { validatePostMessage } from '../../../test/fakes/fake-slack.js';
import { renderSlackDigest } from './render-digest.js';

type TextBlock = { type: string; text?: { text: string }; elements?: { text?: string }[]; accessory?: { image_url: string } };

const KO_SENTENCE = '이 논문은 대규모 언어 모델의 추론 능력을 높이는 새로운 방법을 제안한다. ';
const koSummary = (chars: number): string => KO_SENTENCE.repeat(Math.ceil(chars / KO_SENTENCE.length)).slice(0, chars).trim();
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function card(i: number, over: Partial<PaperCard> = {}): PaperCard {
  return {
    key: `p${i}`,
    title: `P${i} ${'긴 제목 '.repeat(60)}`.slice(0, 300),
    url: `https://arxiv.org/abs/2410.${String(i).padStart(5, '0')}`,
    authors: 'Kim, Lee, Park and 12 others',
    summary: { sections: [{ label: '새로운 점', text: koSummary(4000) }], attribution: '요약 출처: daily-papers-ko', fallback: false },
    facts: [{ label: '👍', text: '42' }, { label: '분야', text: 'cs.CL' }],
    links: [{ label: 'PDF', url: `https://arxiv.org/pdf/2410.${i}` }, { label: 'HF', url: 'https://huggingface.co/papers/x' }],
    thumbnail: 'https://cdn.example.org/thumb.png',
    ...over,
  };
}

function model(papers: PaperCard[], over: Partial<DigestModel> = {}): DigestModel {
  return { locale: 'ko', date: '2024-10-30', title: '📰 Daily Papers — 2024년 10월 30일 수요일', intro: `새 논문 ${papers.length}편`, papers, ...over };
}

const blocksOf = (m: OutgoingMessage): TextBlock[] => m.body.blocks as TextBlock[];
const textsOf = (m: OutgoingMessage): string[] => [
  String(m.body.text),
  ...blocksOf(m).flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')]),
];
/** Papers of a digest message: runs of blocks between dividers that start with a title section. */
const paperGroups = (m: OutgoingMessage): TextBlock[][] => {
  const groups: TextBlock[][] = [];
  for (const b of blocksOf(m)) {
    if (b.type === 'section' && b.text?.text.startsWith('*<')) groups.push([b]);
    else if (b.type !== 'divider' && groups.length > 0) groups[groups.length - 1]!.push(b);
  }
  return groups;
};

describe('renderSlackDigest', () => {
  it('keeps 60 papers with 4,000-character Korean summaries within every Slack limit, losing none', () => {
    const papers = Array.from({ length: 60 }, (_, i) => card(i));
    const messages = renderSlackDigest(model(papers, { more: '외 12편' }), 'digest');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(validatePostMessage(m.body)).toBeUndefined();
      expect(String(m.body.text).length).toBeLessThanOrEqual(4000);
      expect(m.body).toMatchObject({ unfurl_links: false, unfurl_media: false });
      expect(m.threadParent).toBeUndefined();
    }
    const groups = messages.flatMap(paperGroups);
    expect(groups).toHaveLength(60);
    groups.forEach((group, i) => {
      expect(group[0]?.text?.text).toContain(`|P${i} `);
      expect(group[0]?.accessory?.image_url).toBe('https://cdn.example.org/thumb.png');
      const summary = group.filter((b) => b.type === 'section').slice(1).map((b) => b.text!.text).join(' ');
      expect(unescape(summary)).toBe(`*새로운 점*\n${koSummary(4000)}`);
      expect(group[group.length - 1]?.type).toBe('context');
    });
    expect(blocksOf(messages[0]!)[0]).toMatchObject({ type: 'header' });
    expect(textsOf(messages[messages.length - 1]!).at(-1)).toBe('외 12편');
  });

  it('splits an overlong summary into several sections at sentence ends instead of cutting it', () => {
    const [message] = renderSlackDigest(model([card(1, { summary: { sections: [{ label: 'TL;DR', text: koSummary(7000) }], fallback: true } })]), 'digest');
    const sections = blocksOf(message!).filter((b) => b.type === 'section').slice(1);
    expect(sections.length).toBeGreaterThanOrEqual(3);
    for (const s of sections.slice(0, -1)) expect(s.text!.text).toMatch(/다\.$/);
  });

  it('fits a paper whose summary would need more than 50 blocks into one message', () => {
    const sections = Array.from({ length: 30 }, (_, i) => ({ label: `S${i}`, text: koSummary(5000) }));
    const messages = renderSlackDigest(model([card(1, { summary: { sections, fallback: false } }), card(2)]), 'digest');
    for (const m of messages) expect(validatePostMessage(m.body)).toBeUndefined();
    expect(messages.flatMap(paperGroups)).toHaveLength(2);
  });

  it('cuts a long heading to the header limit and keeps the intro', () => {
    const [message] = renderSlackDigest(model([card(1)], { title: '가'.repeat(300) }), 'digest');
    const header = blocksOf(message!)[0]!;
    expect(header.text!.text.length).toBe(150);
    expect(header.text!.text.endsWith('…')).toBe(true);
    expect(blocksOf(message!)[1]).toMatchObject({ type: 'context', elements: [{ text: '새 논문 1편' }] });
  });

  it('leaves mentions, broadcasts and injected links inert in titles, summaries, authors, facts and links', () => {
    const evil = '<!channel> <!here> <@U123> <!subteam^S1> <https://evil.example|click>';
    const papers = [
      card(1, {
        title: `Title ${evil}`,
        url: 'https://arxiv.org/abs/1|<!channel>',
        authors: evil,
        summary: { sections: [{ label: evil, text: evil }], attribution: evil, fallback: false },
        facts: [{ label: evil, text: evil }],
        links: [{ label: 'a|b>c', url: 'https://example.org/?q=1&r=2' }, { label: 'bad', url: 'javascript:alert(1)' }],
        thumbnail: 'javascript:alert(1)',
      }),
    ];
    for (const layout of ['digest', 'thread'] as const) {
      const messages = renderSlackDigest(model(papers, { intro: evil, more: evil }), layout);
      for (const text of messages.flatMap(textsOf)) {
        expect(text).not.toMatch(/<[!@]/);
        expect(text).not.toContain('<https://evil');
        // Every remaining <…> is a link we built: an http(s) URL, one separator, a label with no markup.
        for (const [, inner] of text.matchAll(/<([^>]*)>/g)) expect(inner).toMatch(/^https?:\/\/[^|<>\s]+\|[^|<>]*$/);
      }
      expect(messages.flatMap(textsOf).join('\n')).toContain('&lt;!channel&gt;');
      expect(messages.flatMap(blocksOf).some((b) => b.accessory)).toBe(false);
    }
  });

  it('renders the thread layout as a header message and one threaded reply per paper, then the rest', () => {
    const messages = renderSlackDigest(model([card(1), card(2), card(3)], { more: '외 5편' }), 'thread');
    expect(messages.map((m) => m.threadParent)).toEqual([undefined, 0, 0, 0, 0]);
    expect(blocksOf(messages[0]!).map((b) => b.type)).toEqual(['header', 'context']);
    expect(String(messages[0]!.body.text)).toContain('새 논문 3편');
    expect(String(messages[2]!.body.text)).toContain('P2');
    for (const m of messages) expect(validatePostMessage(m.body)).toBeUndefined();
    expect(messages.slice(1, 4).flatMap(paperGroups)).toHaveLength(3);
  });

  it('posts the notice on an empty day when there is one, and nothing otherwise', () => {
    expect(renderSlackDigest(model([]), 'digest')).toEqual([]);
    const [notice, ...rest] = renderSlackDigest(model([], { notice: '오늘은 새 논문이 없습니다' }), 'thread');
    expect(rest).toEqual([]);
    expect(blocksOf(notice!).map((b) => b.type)).toEqual(['header', 'context', 'section']);
    expect(String(notice!.body.text)).toContain('오늘은 새 논문이 없습니다');
  });

  it('gives each message of a split digest a readable fallback text naming its papers', () => {
    const messages = renderSlackDigest(model(Array.from({ length: 30 }, (_, i) => card(i, { title: `Paper ${i}` }))), 'digest');
    expect(messages.length).toBeGreaterThan(1);
    expect(String(messages[0]!.body.text)).toMatch(/^📰 Daily Papers — 2024년 10월 30일 수요일 \(1\/\d\)\n새 논문 30편\n• Paper 0\n/);
    expect(String(messages[1]!.body.text)).toContain('(2/');
  });

  it('gives every stored paper its 👍 / 👎 / more-like-this buttons in the digest language and lists each message’s papers', () => {
    const papers = Array.from({ length: 40 }, (_, i) => card(i, { paperId: 100 + i }));
    for (const layout of ['digest', 'thread'] as const) {
      const messages = renderSlackDigest(model(papers), layout);
      for (const m of messages) expect(validatePostMessage(m.body)).toBeUndefined();
      const shown = messages.flatMap((m) => m.paperIds ?? []);
      expect(shown).toEqual(papers.map((p) => p.paperId));
      for (const m of messages) {
        const rows = blocksOf(m).filter((b) => b.type === 'actions') as unknown as { block_id: string; elements: { action_id: string; value: string; text: { text: string } }[] }[];
        expect(rows.map((r) => Number(r.block_id.slice(4)))).toEqual(m.paperIds ?? []);
        for (const row of rows) {
          const id = row.block_id.slice(4);
          expect(row.elements.map((e) => [e.action_id, e.value, e.text.text])).toEqual([
            [`pb1_up_${id}`, `pb1:up:${id}`, '👍'],
            [`pb1_down_${id}`, `pb1:down:${id}`, '👎'],
            [`pb1_similar_${id}`, `pb1:similar:${id}`, '비슷한 논문'],
            [`pb1_save_${id}`, `pb1:save:${id}`, '⭐ 저장'],
            [`pb1_discuss_${id}`, `pb1:discuss:${id}`, '💬 토론'],
          ]);
        }
      }
    }
    // The header message of the thread layout shows no paper.
    expect(renderSlackDigest(model(papers), 'thread')[0]!.paperIds).toBeUndefined();
  });

  it('shows no buttons for a card without a store id (a preview) and no paperIds for its message', () => {
    const [m] = renderSlackDigest(model([card(1)]), 'digest');
    expect(blocksOf(m!).some((b) => b.type === 'actions')).toBe(false);
    expect(m!.paperIds).toBeUndefined();
  });

  it('puts the reason line under the title, escaped and in italics', () => {
    const [m] = renderSlackDigest(model([card(1, { paperId: 7, reason: '*Attention* 논문과 비슷함 · 일치: <!here>, 비디오' })]), 'digest');
    const title = blocksOf(m!).find((b) => b.type === 'section' && b.text?.text.startsWith('*<'))!;
    expect(title.text!.text.split('\n').at(-1)).toBe('_*Attention* 논문과 비슷함 · 일치: &lt;!here&gt;, 비디오_');
  });

  it('keeps a paper with buttons and a huge summary within one message of 50 blocks', () => {
    const sections = Array.from({ length: 60 }, (_, i) => ({ label: `S${i}`, text: koSummary(2000) }));
    const messages = renderSlackDigest(model([card(1, { paperId: 1, summary: { sections, fallback: false } }), card(2, { paperId: 2 })]), 'digest');
    for (const m of messages) expect(validatePostMessage(m.body)).toBeUndefined();
    expect(messages.flatMap((m) => m.paperIds ?? [])).toEqual([1, 2]);
    expect(messages.flatMap(blocksOf).filter((b) => b.type === 'actions')).toHaveLength(2);
  });
});
