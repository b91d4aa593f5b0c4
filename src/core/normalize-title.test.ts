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
  it('folds the spellings one title takes across sources: quotes, dashes, full width, NBSP, case', () => {
    const plain = normalizeTitle('Don\'t Stop: GPT-4 Self-Correction Needs a "Critic" - A Study');
    for (const variant of [
      'Don\u2019t Stop: \uff27\uff30\uff34\uff0d\uff14 Self\u2013Correction Needs a \u201cCritic\u201d \u2014 A Study',
      'DON\'T STOP:\u00a0GPT\u20114 SELF\u2010CORRECTION NEEDS A \u00abCRITIC\u00bb \u2013 A STUDY',
      'Don\'t Stop: GPT\u200b-4 Self-Correction Needs a "Critic" -- A Study',
    ]) {
      expect(normalizeTitle(variant), variant).toBe(plain);
    }
  });
  it('drops invisible format characters: zero-width space, soft hyphen, word joiner', () => {
    expect(normalizeTitle('Self\u00adSupervised\u2060 Learning\u200b')).toBe(normalizeTitle('SelfSupervised Learning'));
  });
  it('reads TeX accents and Greek letters as the characters they stand for', () => {
    expect(normalizeTitle('Schr\\"odinger Bridges for Erd\\H{o}s and Fran\\c{c}ois')).toBe(
      normalizeTitle('Schrödinger Bridges for Erdős and François'),
    );
    expect(normalizeTitle('{\\"O}zt{\\"u}rk')).toBe(normalizeTitle('Öztürk'));
    expect(normalizeTitle('$\\alpha$-Scaling of $\\Omega$')).toBe(normalizeTitle('α-Scaling of Ω'));
    expect(normalizeTitle('\\alphabet Soup')).toBe('soup');
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
