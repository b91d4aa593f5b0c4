import { describe, expect, it } from 'vitest';
import { makeSnippet, toFtsQuery, toIndexText } from './search-text.js';

describe('toIndexText', () => {
  it('indexes Korean and Japanese runs as overlapping bigrams and Latin words whole', () => {
    expect(toIndexText('강화학습')).toBe('강화 화학 학습');
    expect(toIndexText('検索システム')).toBe('検索 索シ シス ステ テム');
    expect(toIndexText('LLM(대형언어모델)을 사용')).toBe('llm 대형 형언 언어 어모 모델 을 사용');
    expect(toIndexText('모델을')).toBe('모델 델을');
  });
  it('folds full-width letters and case with NFKC, leaving Latin word splitting to unicode61', () => {
    expect(toIndexText('ＧＰＴ－４o Transformer')).toBe('gpt-4o transformer');
  });
  it('keeps a lone CJK character as itself', () => {
    expect(toIndexText('a 強 b')).toBe('a 強 b');
  });
});

describe('toFtsQuery', () => {
  it('turns a two-character Korean or Japanese word into one quoted bigram', () => {
    expect(toFtsQuery('검색')).toBe('"검색"');
    expect(toFtsQuery('検索')).toBe('"検索"');
  });
  it('turns a longer CJK word into a phrase of consecutive bigrams', () => {
    expect(toFtsQuery('강화학습')).toBe('"강화 화학 학습"');
  });
  it('matches a lone CJK character as a prefix', () => {
    expect(toFtsQuery('강')).toBe('"강"*');
  });
  it('quotes every token so FTS5 operators and SQL are plain words', () => {
    expect(toFtsQuery('NEAR(a b) OR "x" -y title:*')).toBe('"near a" "b" "or" "x" "y" "title"');
    expect(toFtsQuery("'; DROP TABLE papers; --")).toBe('"drop" "table" "papers"');
  });
  it('keeps a hyphenated word together as a phrase', () => {
    expect(toFtsQuery('Flow-DPO')).toBe('"flow dpo"');
  });
  it('returns undefined when nothing searchable is left', () => {
    expect(toFtsQuery('"*:()-')).toBeUndefined();
    expect(toFtsQuery('   ')).toBeUndefined();
  });
});

describe('makeSnippet', () => {
  it('centres the excerpt on the first text that contains a query word', () => {
    const abstract = `${'word '.repeat(60)}retrieval matters here ${'tail '.repeat(60)}`;
    const s = makeSnippet([abstract], 'retrieval');
    expect(s).toContain('retrieval matters here');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect([...s].length).toBeLessThanOrEqual(162);
  });
  it('never cuts a Latin word in half', () => {
    const s = makeSnippet([`${'alpha '.repeat(50)}beta`], 'beta', 40);
    for (const w of s.replace(/…/g, '').trim().split(' ')) expect(['alpha', 'beta']).toContain(w);
  });
  it('falls back to the start of the first text when no word occurs', () => {
    expect(makeSnippet(['', 'Short text.'], 'absent')).toBe('Short text.');
  });
});
