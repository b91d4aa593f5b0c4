import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../core/commands.js';
import type { PaperCard } from '../../../core/digest-model.js';
import { validatePostMessage } from '../../../../test/fakes/fake-slack.js';
import { feedbackLabels } from '../feedback-blocks.js';
import { payloadPage, renderAnswer } from './render-answer.js';

const card = (i: number, over: Partial<PaperCard> = {}): PaperCard => ({
  key: `arxiv:2410.${String(i).padStart(5, '0')}`,
  title: `Paper ${i}`,
  url: `https://arxiv.org/abs/2410.${String(i).padStart(5, '0')}`,
  authors: 'Ada Lovelace',
  summary: { sections: [{ label: 'Abstract', text: 'A summary. '.repeat(20) }], fallback: false },
  facts: [{ label: 'Votes', text: String(i) }],
  links: [{ label: 'arXiv', url: 'https://arxiv.org' }],
  ...over,
});

/** What Slack would say to these blocks in a message (respond() is held to the same rules). */
const slackRejects = (a: Answer) => {
  const reply = renderAnswer(a);
  return validatePostMessage({ text: reply.text, blocks: JSON.stringify(reply.blocks) });
};

describe('renderAnswer', () => {
  it('maps ephemeral to response_type and keeps a plain-text fallback', () => {
    expect(renderAnswer({ ephemeral: true, text: 'hi' })).toMatchObject({ response_type: 'ephemeral', text: 'hi' });
    expect(renderAnswer({ ephemeral: false, text: 'hi' }).response_type).toBe('in_channel');
  });

  it('renders title, text, lines, cards and buttons as blocks Slack accepts', () => {
    const answer: Answer = {
      ephemeral: true,
      title: 'Results',
      text: 'Some text',
      lines: ['1. one', '2. two'],
      cards: [card(1), card(2)],
      buttons: [
        { label: 'Previous', payload: 'search|1|robots' },
        { label: 'Next', payload: 'search|3|robots' },
      ],
    };
    const { blocks } = renderAnswer(answer);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'divider', 'section', 'section', 'context', 'divider', 'section', 'section', 'context', 'actions']);
    expect(blocks.at(-1)).toMatchObject({
      elements: [
        { type: 'button', action_id: 'papers_page_1', value: 'search|1|robots', text: { type: 'plain_text', text: 'Previous' } },
        { type: 'button', action_id: 'papers_page_3', value: 'search|3|robots' },
      ],
    });
    expect(slackRejects(answer)).toBeUndefined();
  });

  it('escapes mentions and markup in every text it shows', () => {
    const reply = renderAnswer({ ephemeral: false, title: '<!channel> t', text: '<!here> & <@U1>', lines: ['<!subteam^S1>'], cards: [card(1, { title: '<!everyone>' })] });
    // The header is plain_text, which Slack never parses; everything mrkdwn must be escaped.
    expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: '<!channel> t' } });
    const json = JSON.stringify(reply.blocks.slice(1));
    expect(json).not.toMatch(/<!(channel|here|everyone|subteam)|<@U1>/);
    expect(json).toContain('&lt;!here&gt; &amp; &lt;@U1&gt;');
    expect(reply.text).not.toContain('<!');
  });

  it('stays within 50 blocks, the header limit and the section limit for huge answers', () => {
    const answer: Answer = {
      ephemeral: true,
      title: 'T'.repeat(500),
      text: 'x '.repeat(5000),
      lines: Array.from({ length: 400 }, (_, i) => `line ${i} `.repeat(10)),
      cards: Array.from({ length: 30 }, (_, i) => card(i)),
      buttons: [{ label: 'Next'.repeat(40), payload: 'search|2|q' }],
    };
    const { blocks } = renderAnswer(answer);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(slackRejects(answer)).toBeUndefined();
  });

  it('drops a button whose payload Slack would refuse and keeps action ids unique', () => {
    const { blocks } = renderAnswer({ ephemeral: true, text: 'x', buttons: [{ label: 'a', payload: 'x'.repeat(2001) }] });
    expect(blocks.map((b) => b.type)).toEqual(['section']);
    const dup = renderAnswer({ ephemeral: true, text: 'x', buttons: [{ label: 'a', payload: 'other' }, { label: 'b', payload: 'other' }] });
    expect(dup.blocks[1]).toMatchObject({ elements: [{ action_id: 'papers_page_0' }, { action_id: 'papers_page_1' }] });
  });

  it('reads the page out of a search payload', () => {
    expect(payloadPage('search|12|robots|arms')).toBe(12);
    expect(payloadPage('today|1')).toBeUndefined();
  });

  it('gives the Undo of a vote a pb1_ action id and the danger style, so the paper-action listener takes it', () => {
    const { blocks } = renderAnswer({ ephemeral: true, text: '👍 Noted', buttons: [{ label: 'Undo', payload: 'pb1:undo:42', style: 'danger' }] });
    expect(blocks[1]).toEqual({ type: 'actions', elements: [{ type: 'button', action_id: 'pb1_undo_42', value: 'pb1:undo:42', style: 'danger', text: { type: 'plain_text', text: 'Undo', emoji: true } }] });
  });

  it('gives each stored card of an answer its feedback buttons in the answer’s language, and the reason line, within 50 blocks', () => {
    const cards = Array.from({ length: 30 }, (_, i) => card(i, { paperId: i + 1, reason: `matches: term${i}` }));
    const answer: Answer = { ephemeral: true, title: 'More like this', cards, buttons: [{ label: 'Next', payload: 'search|2|q' }] };
    const reply = renderAnswer(answer, feedbackLabels('ja'));
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(validatePostMessage({ text: reply.text, blocks: JSON.stringify(reply.blocks) })).toBeUndefined();
    const rows = reply.blocks.filter((b) => b.type === 'actions') as { elements: { action_id: string; text: { text: string } }[] }[];
    expect(rows.at(-1)!.elements.map((e) => e.action_id)).toEqual(['papers_page_2']);
    const cardRows = rows.slice(0, -1);
    expect(cardRows.length).toBeGreaterThan(3);
    cardRows.forEach((row, i) => expect(row.elements.map((e) => `${e.action_id}:${e.text.text}`)).toEqual([`pb1_up_${i + 1}:👍`, `pb1_down_${i + 1}:👎`, `pb1_similar_${i + 1}:似た論文`, `pb1_save_${i + 1}:⭐ 保存`, `pb1_discuss_${i + 1}:💬 ディスカッション`]));
    expect(JSON.stringify(reply.blocks)).toContain('\\n_matches: term0_');
    // Without labels (no deps), the same cards carry no buttons.
    expect(renderAnswer(answer).blocks.filter((b) => b.type === 'actions')).toHaveLength(1);
  });
});
