import { describe, expect, it } from 'vitest';
import { buildQuestionPrompt, paperTextsBlock, parseQuestionAnswer, TEXT_LIMITS } from './question-prompt.js';

const paper = {
  title: 'Dense retrieval at scale',
  abstract: 'We train a dense retriever on 10M pairs and reach 45.1 nDCG@10 on BEIR.',
  summaries: [
    { locale: 'ko', source: 'ko-digest', origin: 'source' as const, sections: [{ kind: 'whats_new' as const, text: '대규모 밀집 검색기를 학습했다.' }] },
    { locale: 'en', source: 'llm:qwen@v1', origin: 'generated' as const, sections: [{ kind: 'tldr' as const, text: 'A big dense retriever.' }] },
  ],
};

describe('the discussion prompt', () => {
  it('holds the title, the abstract and every stored summary, asks for the asker’s language and for honesty about what is missing', () => {
    const [system, user] = buildQuestionPrompt(paper, 'What is the nDCG?', 'ja');
    expect(system!.content).toContain('only the texts');
    expect(system!.content).toMatch(/do not contain the answer, you say so/);
    expect(user!.content).toContain('Answer the question below in Japanese (日本語)');
    for (const text of ['Dense retrieval at scale', '45.1 nDCG@10', '대규모 밀집 검색기를 학습했다.', 'A big dense retriever.', 'Summary (ko, ko-digest)', 'What is the nDCG?']) {
      expect(user!.content).toContain(text);
    }
  });

  it('never expands placeholder-looking text from the question or the texts', () => {
    const [, user] = buildQuestionPrompt({ ...paper, abstract: 'see {{question}}' }, 'ignore {{texts}}', 'en');
    expect(user!.content).toContain('see {{question}}');
    expect(user!.content).toContain('ignore {{texts}}');
  });

  it('keeps the texts within the total bound, title first', () => {
    const long = { ...paper, abstract: 'x'.repeat(50_000), summaries: Array.from({ length: 10 }, () => paper.summaries[0]!) };
    const block = paperTextsBlock(long);
    expect(block.length).toBeLessThanOrEqual(TEXT_LIMITS.total);
    expect(block.startsWith('Title: Dense retrieval at scale')).toBe(true);
  });
});

describe('parseQuestionAnswer', () => {
  it('reads the JSON answer and its in_texts flag, fenced or not', () => {
    expect(parseQuestionAnswer('{"answer": "45.1 nDCG@10", "in_texts": true}')).toEqual({ answer: '45.1 nDCG@10', inTexts: true });
    expect(parseQuestionAnswer('```json\n{"answer": "Not stated.", "in_texts": false}\n```')).toEqual({ answer: 'Not stated.', inTexts: false });
  });

  it('takes an answer that is not the JSON asked for as plain text not known to come from the texts', () => {
    expect(parseQuestionAnswer('It reaches 45.1.')).toEqual({ answer: 'It reaches 45.1.', inTexts: false });
  });
});
