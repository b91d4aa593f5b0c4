import { MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { PaperCard } from '../../../core/digest-model.js';
import { renderAnswer, renderEdit } from './render-answer.js';

const card = (n: number, summary = 'x'.repeat(3000)): PaperCard => ({
  key: `arxiv:2410.${20000 + n}`,
  title: `Paper ${n} *bold*`,
  url: `https://arxiv.org/abs/2410.${20000 + n}`,
  summary: { sections: [{ label: 'Abstract', text: summary }], fallback: false },
  facts: [{ label: 'Votes', text: String(n) }],
  links: [{ label: 'arXiv', url: `https://arxiv.org/abs/2410.${20000 + n}` }],
});

const embedChars = (embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[]) =>
  embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);

describe('renderAnswer', () => {
  it('keeps many big cards within 10 embeds and 6000 characters', () => {
    const message = renderAnswer({ ephemeral: true, title: 'Results', cards: Array.from({ length: 14 }, (_, i) => card(i)) });
    expect(message.embeds).toHaveLength(10);
    expect(embedChars(message.embeds)).toBeLessThanOrEqual(6000);
    expect(message.embeds[0]!.title).toBe('Paper 0 \\*bold\\*');
  });

  it('sends errors as ephemeral content that never pings', () => {
    const message = renderAnswer({ ephemeral: true, text: '@everyone no such paper', error: 'error.paper_not_found' });
    expect(message).toEqual({ content: '@\u200beveryone no such paper', embeds: [], components: [], allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral });
  });

  it('cuts long text to the 2000 characters of content, and lines to one embed', () => {
    const message = renderAnswer({ ephemeral: false, title: 'Help', text: 'y'.repeat(5000), lines: ['a', 'b'] });
    expect(message.content!.length).toBeLessThanOrEqual(2000);
    expect(message.content!.startsWith('**Help**\n')).toBe(true);
    expect(message.embeds).toEqual([{ description: 'a\nb' }]);
    expect(message.flags).toBeUndefined();
  });

  it('renders paging buttons with their payload as custom_id, dropping any over 100', () => {
    const message = renderAnswer({ ephemeral: true, cards: [card(1)], buttons: [{ label: 'Next', payload: 'search|2|q' }, { label: 'Bad', payload: 'x'.repeat(101) }] });
    expect(message.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: 'Next', custom_id: 'search|2|q' }] }]);
  });

  it('clears old content and buttons when an edit has none', () => {
    const edit = renderEdit({ ephemeral: true, cards: [card(1)] });
    expect(edit.content).toBe('');
    expect(edit.components).toEqual([]);
    expect(edit).not.toHaveProperty('flags');
  });
});
