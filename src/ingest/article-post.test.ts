import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cutAtSentence, EXCERPT_MAX, parseArticlePost, toExcerpt } from './article-post.js';
import { SourceError } from './errors.js';

const post = readFileSync(
  new URL('../../test/fixtures/digests/article/2024-06-20-rl-foundation-models.md', import.meta.url),
  'utf8',
);
const LINK =
  'https://medium.com/towards-data-science/pushing-boundaries-integrating-foundational-models-e-g-556cfb6d0632';

describe('parseArticlePost', () => {
  const result = parseArticlePost(post);
  const entry = result.entries[0];
  const excerpt = entry?.summaries?.[0]?.sections[0]?.text ?? '';

  it('keys the article by its canonical link, without tracking parameters', () => {
    expect(result.errors).toEqual([]);
    expect(result.entries).toHaveLength(1);
    expect(entry).toMatchObject({ kind: 'article', entryKey: `url:${LINK}`, url: LINK, line: 1 });
    expect(entry?.links).toEqual({ article: `${LINK}?utm_source=newsletter&utm_medium=email&source=rss` });
  });

  it('uses the English original title and keeps the Korean one in the ko summary', () => {
    expect(entry?.title).toBe(
      'Pushing RL Boundaries: Integrating Foundational Models, e.g. LLMs and VLMs, into Reinforcement Learning',
    );
    expect(entry?.summaries?.[0]).toMatchObject({
      locale: 'ko',
      title: '강화 학습의 경계를 넓히기: LLM과 VLM 같은 기반 모델을 RL에 통합하기',
    });
    expect(entry?.summaries?.[0]?.sections.map((s) => s.kind)).toEqual(['excerpt']);
  });

  it('reads the date without offset as UTC and the byline as authors', () => {
    expect(entry?.publishedAt).toBe('2024-06-20T18:53:00.000Z');
    expect(entry?.authors).toEqual(['Elahe Aghapour', 'Salar Rahili']);
    expect(excerpt).not.toContain('저자:');
  });

  it('drops a relative cover image instead of storing a broken thumbnail', () => {
    expect(entry?.thumbnail).toBeUndefined();
    const absolute = post.replace('coverImage: "/assets', 'coverImage: "https://example.com/assets');
    expect(parseArticlePost(absolute).entries[0]?.thumbnail).toBe('https://example.com/assets/img/2024-06-20-rl-foundation-models_0.png');
  });

  it('turns the Markdown body into plain text without ads, images, tags, code or markup', () => {
    for (const noise of ['content-ad', '![', '<', '](', '**', '##', '```', 'vlm.similarity', '/assets/']) {
      expect(excerpt).not.toContain(noise);
    }
    expect(excerpt.startsWith('기반 모델을 RL 학습 루프에 넣는 방법 살펴보기\n\n개요:\n\n')).toBe(true);
    expect(excerpt).toContain('시도가 늘고 있습니다.');
    expect(excerpt).toContain('각 부분마다 사전 학습된 모델이');
    expect(excerpt).toContain('예를 들어 PR2L은 VLM의 중간 표현을');
    expect(excerpt).toContain('• 추론 지연이 크면 환경 한 단계가 느려집니다.\n• 큰 모델을');
    expect(excerpt).not.toMatch(/\n{3}/);
  });

  it('cuts the excerpt at a sentence end within the limit', () => {
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(excerpt.length).toBeGreaterThan(EXCERPT_MAX / 2);
    expect(excerpt.endsWith('계층 구조를 택합니다.')).toBe(true);
    expect(excerpt).not.toContain('또 다른 과제는 평가입니다');
  });

  it('reads a CRLF file the same as an LF file', () => {
    expect(parseArticlePost(post.replace(/\n/g, '\r\n'))).toEqual(result);
  });

  it('makes a post about an arXiv paper a paper entry keyed by its id', () => {
    const paper = parseArticlePost(post.replace(/^link: .*$/m, 'link: "https://arxiv.org/abs/2410.22304v2"'));
    expect(paper.entries[0]).toMatchObject({
      kind: 'paper',
      entryKey: 'arxiv:2410.22304',
      arxivId: '2410.22304',
      arxivVersion: 2,
      links: { arxiv: 'https://arxiv.org/abs/2410.22304', pdf: 'https://arxiv.org/pdf/2410.22304' },
    });
    expect(paper.entries[0]?.url).toBeUndefined();
  });

  it('throws a SourceError naming the missing front matter', () => {
    const body = post.slice(post.indexOf('\n---\n', 4) + 5);
    expect(() => parseArticlePost(body)).toThrow(SourceError);
    expect(() => parseArticlePost(body)).toThrow(/no YAML front matter/);
  });

  it('throws a SourceError naming the missing link', () => {
    expect(() => parseArticlePost(post.replace(/^link: .*\n/m, ''))).toThrow(/front matter has no `link`/);
    expect(() => parseArticlePost('---\ntitle: [unclosed\n---\nbody')).toThrow(/front matter is not valid YAML/);
  });

  it('reports an unreadable date but keeps the entry', () => {
    const parsed = parseArticlePost(post.replace('date: 2024-06-20 18:53', 'date: last tuesday'));
    expect(parsed.entries[0]?.publishedAt).toBeUndefined();
    expect(parsed.errors).toEqual([{ message: 'front matter date "last tuesday" is not a date', place: 'line 1' }]);
  });
});

describe('toExcerpt and cutAtSentence', () => {
  it('keeps Korean particles after bold text and underscores inside names', () => {
    expect(toExcerpt('**RL**을 쓰는 _이유_ 와 snake_case_name 입니다.')).toBe('RL을 쓰는 이유 와 snake_case_name 입니다.');
  });

  it('never ends at an abbreviation or a list number', () => {
    const text = `${'가'.repeat(40)}다. 예를 들어 e.g. 이것과 1. 저것은 길게 이어지는 문장입니다`;
    expect(cutAtSentence(text, 60)).toBe(`${'가'.repeat(40)}다.`);
  });

  it('cuts at a word boundary with an ellipsis when no sentence ends early enough', () => {
    const cut = cutAtSentence('하나 둘 셋 넷 다섯 여섯 일곱 여덟', 12);
    expect(cut).toBe('하나 둘 셋 넷 다섯…');
    expect(cut.length).toBeLessThanOrEqual(12);
  });
});
