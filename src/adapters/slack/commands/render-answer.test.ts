import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../core/commands.js';
import type { PaperCard } from '../../../core/digest-model.js';
import { validatePostMessage } from '../../../../test/fakes/fake-slack.js';
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
});
