import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fitEscaped, fitPlain, maskedLink } from './discord-markdown.js';

describe('escapeMarkdown', () => {
  it('escapes emphasis, code, spoilers, brackets and backslashes', () => {
    expect(escapeMarkdown('a*b_c~d`e|f[g]h\\i')).toBe('a\\*b\\_c\\~d\\`e\\|f\\[g\\]h\\\\i');
  });

  it('escapes quote, heading and subtext markers only at the start of a line', () => {
    expect(escapeMarkdown('> q\n# h\n-# s\na > b # c')).toBe('\\> q\n\\# h\n\\-# s\na > b # c');
  });

  it('leaves bare URLs as typed so Discord still links them', () => {
    expect(escapeMarkdown('see https://x.org/a_b*c for _more_')).toBe('see https://x.org/a_b*c for \\_more\\_');
  });

  it('breaks @everyone and @here with a zero-width space', () => {
    expect(escapeMarkdown('@everyone @here @someone')).toBe('@\u200beveryone @\u200bhere @someone');
  });
});

describe('fitting escaped text', () => {
  it('fits the escaped form, never ending on a lone backslash', () => {
    const out = fitEscaped('*'.repeat(4000), 4096);
    expect(out.length).toBeLessThanOrEqual(4096);
    expect(out.length).toBeGreaterThan(3000);
    expect(out.replace(/…$/, '')).toMatch(/^(\\\*)+$/);
  });

  it('keeps author lists on one line and within the limit', () => {
    const authors = Array.from({ length: 200 }, (_, i) => `Name ${i}`).join(',\n');
    const out = fitPlain(authors, 256);
    expect(out.length).toBeLessThanOrEqual(256);
    expect(out).not.toContain('\n');
    expect(out.endsWith('…')).toBe(true);
  });

  it('builds masked links whose URL cannot end early', () => {
    expect(maskedLink('PDF [v2]', 'https://x.org/a (1).pdf')).toBe('[PDF \\[v2\\]](https://x.org/a%20%281%29.pdf)');
  });
});
