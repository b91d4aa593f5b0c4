import { describe, expect, it } from 'vitest';
import { escapeText, fitPlain, fitText, joinWithin, link, safeHref, splitText } from './mrkdwn.js';

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('Slack text helpers', () => {
  it('escapes the three control characters so mentions and broadcasts stay text', () => {
    expect(escapeText('<!channel> <@U123> <!subteam^S1|x> a & b')).toBe('&lt;!channel&gt; &lt;@U123&gt; &lt;!subteam^S1|x&gt; a &amp; b');
  });

  it('cuts to the limit after escaping, never inside an entity or a surrogate pair', () => {
    const cut = fitText('&'.repeat(10), 12);
    expect(cut).toBe('&amp;&amp;…');
    expect(fitText('😀😀😀', 4)).toBe('😀…');
    expect(fitText('short', 10)).toBe('short');
    expect(fitPlain('😀😀😀', 4)).toBe('😀…');
  });

  it('splits a long text at sentence ends into chunks that each fit, losing nothing', () => {
    const text = '이 논문은 새로운 방법을 제안한다. 실험 결과 성능이 크게 향상되었다! '.repeat(120).trim();
    const chunks = splitText(text, 3000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(3000);
    for (const c of chunks.slice(0, -1)) expect(c).toMatch(/[.!]$/);
    expect(chunks.join(' ')).toBe(text);
  });

  it('splits text without any break point and with entities, keeping every chunk within the limit', () => {
    const text = `${'가'.repeat(5000)}${'<&>'.repeat(2000)}`;
    const chunks = splitText(text, 3000);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(3000);
    expect(unescape(chunks.join(''))).toBe(text);
  });

  it('accepts only http(s) URLs for links and images', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('slack://channel?id=C1')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(safeHref('https://example.org/a|b<c>')).toBe('https://example.org/a%7Cb%3Cc%3E');
    expect(safeHref(`https://example.org/${'a'.repeat(3000)}`)).toBeUndefined();
  });

  it('builds a link whose label cannot end it early, or plain text for a URL it refuses', () => {
    expect(link('https://arxiv.org/abs/1?a=1&b=2', 'a|b>c')).toBe('<https://arxiv.org/abs/1?a=1&amp;b=2|a\u2223b&gt;c>');
    expect(link('javascript:alert(1)', '<!here>')).toBe('&lt;!here&gt;');
  });

  it('joins whole parts only while they fit', () => {
    expect(joinWithin(['aaa', 'bbb', 'ccc'], ' · ', 10)).toBe('aaa · bbb');
  });
});
