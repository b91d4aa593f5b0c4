import { describe, expect, it } from 'vitest';
import { cleanQuestion, questionAllowed, questionLocale } from './discuss-question.js';

describe('cleanQuestion', () => {
  it('drops the bot mention and turns other mentions into words that ping nobody', () => {
    expect(cleanQuestion('<@123456789012345678> what does <@!222222222222222222> think? cc <@&333> in <#444>', '123456789012345678')).toBe(
      'what does @someone think? cc @role in #channel',
    );
    expect(cleanQuestion('<@U0PAPERBOY> <!channel> <!here> is it SOTA? ask <@U0ALICE|alice> in <#C0GEN|general>', 'U0PAPERBOY')).toBe(
      'is it SOTA? ask @someone in #general',
    );
    expect(cleanQuestion('@everyone look: <https://arxiv.org/abs/2410.1|the paper>', 'B')).toBe('everyone look: the paper (https://arxiv.org/abs/2410.1)');
  });

  it('leaves a question that is only the mention empty', () => {
    expect(cleanQuestion('  <@42>  ', '42')).toBe('');
  });
});

describe('questionLocale', () => {
  it('reads the language from the script, and gives up where the script does not tell', () => {
    expect(questionLocale('이 논문의 데이터셋은?')).toBe('ko');
    expect(questionLocale('このモデルのサイズは？')).toBe('ja');
    expect(questionLocale('What dataset do they use?')).toBe('en');
    expect(questionLocale('数据集')).toBeUndefined();
    expect(questionLocale('1 + 1?')).toBeUndefined();
  });
});

describe('questionAllowed', () => {
  it('allows up to the limit within the hour, then says when the oldest question leaves the window', () => {
    expect(questionAllowed(['2024-10-30T09:10:00Z'], 2)).toEqual({ allowed: true });
    expect(questionAllowed(['2024-10-30T09:10:00Z', '2024-10-30T09:40:00Z'], 2)).toEqual({ allowed: false, retryAt: new Date('2024-10-30T10:10:00Z') });
    expect(questionAllowed(['2024-10-30T09:05:00Z', '2024-10-30T09:10:00Z', '2024-10-30T09:40:00Z'], 2)).toEqual({ allowed: false, retryAt: new Date('2024-10-30T10:10:00Z') });
  });
});
