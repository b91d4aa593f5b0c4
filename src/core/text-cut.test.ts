import { describe, expect, it } from 'vitest';
import { cutText, shortenList } from './text-cut.js';

/** Every cut must fit and must be a prefix of the input (before its ellipsis). */
function cut(text: string, max: number, ellipsis = '…'): string {
  const out = cutText(text, max, { ellipsis });
  expect(out.length).toBeLessThanOrEqual(max);
  const body = out.endsWith(ellipsis) ? out.slice(0, -ellipsis.length) : out;
  expect(text.startsWith(body)).toBe(true);
  return out;
}

describe('cutText', () => {
  it('returns a text of exactly max or fewer code units unchanged', () => {
    expect(cutText('12345', 5)).toBe('12345');
    expect(cutText('', 0)).toBe('');
    expect(cutText('가나다라마', 5)).toBe('가나다라마');
    expect(cut('123456', 5)).toBe('1234…');
  });

  it('ends at the last English sentence that keeps half the limit, without an ellipsis', () => {
    const text = 'We propose X. It beats Y by 3.5 points. Details follow in the long appendix.';
    expect(cut(text, 45)).toBe('We propose X. It beats Y by 3.5 points.');
  });

  it('prefers a word cut to a sentence end in the first half', () => {
    const text = 'Short. Then a long sentence that goes on and on without any end in sight';
    expect(cut(text, 40)).toBe('Short. Then a long sentence that goes…');
  });

  it('does not end at e.g., et al. or a list number', () => {
    const text = 'Smith et al. show that tools, e.g. calculators, help. Then 1. more text goes here';
    expect(cut(text, 70)).toBe('Smith et al. show that tools, e.g. calculators, help.');
  });

  it('ends Korean text at 다. or 요., with or without a following space', () => {
    const spaced = '이 논문은 새로운 방법을 제안한다. 실험에서 기존 방법보다 좋아요. 자세한 내용은 본문을 참고하세요 그리고 더';
    expect(cut(spaced, 40)).toBe('이 논문은 새로운 방법을 제안한다. 실험에서 기존 방법보다 좋아요.');
    const unspaced = '이 논문은 새로운 방법을 제안한다.실험 결과도 좋다.그리고 아주 긴 설명이 계속 이어지는 문장';
    expect(cut(unspaced, 40)).toBe('이 논문은 새로운 방법을 제안한다.실험 결과도 좋다.');
  });

  it('ends Japanese text at 。 or ！ without a following space, keeping a closing bracket', () => {
    const text = '本論文では新しい手法を提案する。「性能が大きく向上した！」さらに詳しい説明が続き、長い文章になっている';
    expect(cut(text, 40)).toBe('本論文では新しい手法を提案する。「性能が大きく向上した！」');
  });

  it('cuts a CJK run without spaces at a character, with the ellipsis inside the limit', () => {
    const text = 'あ'.repeat(50);
    expect(cut(text, 20)).toBe(`${'あ'.repeat(19)}…`);
  });

  it('never splits a surrogate pair or a joined emoji', () => {
    const text = '😀'.repeat(20); // 40 code units
    const out = cut(text, 10);
    expect(out).toBe(`${'😀'.repeat(4)}…`);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const family = '👨‍👩‍👧'; // 8 code units joined by ZWJ
    expect(cut(`가나다${family}${family}`, 12)).toBe(`가나다${family}…`);
  });

  it('never cuts inside a bare URL; cuts before it', () => {
    const text = 'Code is at https://github.com/example/very-long-repository-name/tree/main and more';
    expect(cut(text, 40)).toBe('Code is at…');
    const cjk = '코드는여기에있습니다https://github.com/example/very-long-repository-name';
    expect(cut(cjk, 30)).toBe('코드는여기에있습니다…');
  });

  it('keeps a URL that fits exactly at the boundary and ends a sentence after it', () => {
    const text = 'See https://arxiv.org/abs/2410.22304. It is new and the rest is long enough to cut';
    expect(cut(text, 37)).toBe('See https://arxiv.org/abs/2410.22304.');
    const url = 'See https://arxiv.org/abs/2410.22304 now';
    expect(cut(url, 37)).toBe('See https://arxiv.org/abs/2410.22304…');
    expect(cut(url, 36)).toBe('See…'); // the URL and the ellipsis would take 37
  });

  it('never cuts inside a Markdown link, even at a space in its text', () => {
    const text = 'Read [the full paper on arXiv today](https://arxiv.org/abs/2410.22304) soon';
    expect(cut(text, 50)).toBe('Read…');
    const masked = 'Intro words here [paper](<https://arxiv.org/abs/2410.22304>) tail';
    expect(cut(masked, 40)).toBe('Intro words here…');
  });

  it('never cuts inside a Slack link or mention', () => {
    const text = 'Posted by <@U123ABC> in <https://example.com/a/very/long/path|the announcement thread> today';
    expect(cut(text, 60)).toBe('Posted by <@U123ABC> in…');
  });

  it('does not treat a period inside a link as a sentence end', () => {
    const text = 'Intro. [A. B. C. D. E. F](https://x.org/a) and then a long tail of words';
    expect(cut(text, 30)).toBe('Intro.…');
  });

  it('uses a custom ellipsis and counts it within the limit', () => {
    expect(cut('one two three four five six', 15, ' [...]')).toBe('one two [...]');
    expect(cut('one two three four five six', 13, '')).toBe('one two three');
  });

  it('drops a dangling comma before the ellipsis', () => {
    expect(cut('alpha beta, gamma delta epsilon', 13)).toBe('alpha beta…');
  });

  it('lowers the share a sentence must keep when asked', () => {
    const text = `${'가'.repeat(10)}다. ${'나'.repeat(40)}`;
    expect(cutText(text, 30)).toBe(`${'가'.repeat(10)}다. ${'나'.repeat(16)}…`);
    expect(cutText(text, 30, { minKeep: 1 / 3 })).toBe(`${'가'.repeat(10)}다.`);
  });
});

describe('shortenList', () => {
  const more = (n: number) => `and ${n} others`;

  it('joins a list within the limit as is', () => {
    expect(shortenList(['A', 'B', 'C'], 3, more)).toBe('A, B, C');
    expect(shortenList([], 3, more)).toBe('');
  });

  it('shows the first items and a count of the rest past the limit', () => {
    expect(shortenList(['A', 'B', 'C', 'D'], 3, more)).toBe('A, B, C and 1 others');
    expect(shortenList(['A', 'B', 'C', 'D', 'E', 'F'], 5, more, { keep: 3 })).toBe('A, B, C and 3 others');
    expect(shortenList(['山田', '鈴木', '佐藤'], 2, (n) => `他${n}名`, { separator: '、' })).toBe('山田、鈴木 他1名');
  });
});
