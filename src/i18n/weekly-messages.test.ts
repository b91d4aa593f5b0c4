/** The weekly counts line with the real message files (the core's logic is in src/core/weekly-ranking.ts). */
import { describe, expect, it } from 'vitest';
import { engagementText, NO_ENGAGEMENT, type Engagement } from '../core/weekly-ranking.js';
import { createTranslator } from './translator.js';

const e = (over: Partial<Engagement>): Engagement => ({ ...NO_ENGAGEMENT, ...over });

describe('the counts line', () => {
  it('reads like a sentence in each language, and is absent when nothing happened', () => {
    const all = e({ likes: 5, saves: 2, replies: 12 });
    expect(engagementText(all, createTranslator('en'))).toBe('5 👍, 2 saves, thread with 12 replies');
    expect(engagementText(e({ likes: 1, dislikes: 1, saves: 1, replies: 1 }), createTranslator('en'))).toBe('1 👍, 1 👎, 1 save, thread with 1 reply');
    expect(engagementText(all, createTranslator('ko'))).toBe('👍 5개 · 저장 2회 · 스레드 답글 12개');
    expect(engagementText(all, createTranslator('ja'))).toBe('👍 5件、保存 2件、スレッドの返信 12件');
    expect(engagementText(NO_ENGAGEMENT, createTranslator('en'))).toBeUndefined();
  });
});
