import { describe, expect, it } from 'vitest';
import { authorSurname, normalizeTitle, titleSimilarity } from './normalize-title.js';

describe('normalizeTitle', () => {
  it('folds case, punctuation, white space and line breaks', () => {
    expect(normalizeTitle('Flow-DPO:  Improving LLM\n  Mathematical Reasoning')).toBe('flow dpo improving llm mathematical reasoning');
  });
  it('folds LaTeX markup so a TeX title equals its plain form', () => {
    expect(normalizeTitle('TDMPBC: $\\textbf{S}$elf-Imitative Reinforcement Learning')).toBe(
      normalizeTitle('TDMPBC: Self-Imitative Reinforcement Learning'),
    );
  });
  it('folds full-width characters with NFKC', () => {
    expect(normalizeTitle('ＬＬＭ　Routing：Ａ Study')).toBe('llm routing a study');
  });
});

describe('titleSimilarity', () => {
  it('is 1 for equal titles and high for a one-letter change, low for different titles', () => {
    const a = normalizeTitle('Zero-Shot Dense Retrieval with Embeddings from Relevance Feedback');
    expect(titleSimilarity(a, a)).toBe(1);
    expect(titleSimilarity(a, normalizeTitle('Zero-Shot Dense Retrieval with Embedding from Relevance Feedback'))).toBeGreaterThan(0.9);
    expect(titleSimilarity(a, normalizeTitle('Dense Passage Retrieval for Open-Domain Question Answering'))).toBeLessThan(0.6);
  });
});

describe('authorSurname', () => {
  it('takes the family name in "Given Family" and "Family, Given" forms', () => {
    expect(authorSurname('Yann LeCun')).toBe('lecun');
    expect(authorSurname('LeCun, Yann')).toBe('lecun');
    expect(authorSurname('Oleg Y. Rogov')).toBe('rogov');
  });
});
