import { describe, expect, it } from 'vitest';
import { discordReplyText } from './discuss-questions.js';

describe('discordReplyText', () => {
  it('sets the note in escaped italics above the model’s Markdown, and breaks @everyone', () => {
    expect(discordReplyText({ locale: 'en', note: 'Not in *the* texts:', answer: '@everyone **Bold** stays' })).toBe('*Not in \\*the\\* texts:*\n\n@\u200beveryone **Bold** stays');
  });

  it('keeps within Discord’s 2000 characters and closes a code block the cut left open', () => {
    const text = discordReplyText({ locale: 'en', note: 'n', answer: `\`\`\`\n${'x'.repeat(5000)}\n\`\`\`` });
    expect([...text].length).toBeLessThanOrEqual(2000);
    expect((text.match(/```/g) ?? []).length).toBe(2);
  });

  it('shows a note alone when there is no answer', () => {
    expect(discordReplyText({ locale: 'ko', note: '논문 “A_b”은(는) 없습니다.' })).toBe('*논문 “A\\_b”은(는) 없습니다.*');
  });
});
