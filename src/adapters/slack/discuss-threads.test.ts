import { describe, expect, it } from 'vitest';
import { openingArgs, slackPlace } from './discuss-threads.js';

const papersOf = (ts: string) => (ts === '1.000001' ? [7] : ts === '1.000002' ? [7, 8] : []);

describe('slackPlace', () => {
  it('uses the thread of the bot’s top-level message that shows only this paper', () => {
    expect(slackPlace({ channel: 'C1', message: { ts: '1.000001' }, ephemeral: false }, 7, papersOf)).toEqual({ kind: 'message', channel: 'C1', ts: '1.000001' });
  });

  it('posts a new message for a message of several papers, a reply in a thread, an ephemeral answer, or a message of another paper', () => {
    const channel = { kind: 'channel', channel: 'C1' };
    expect(slackPlace({ channel: 'C1', message: { ts: '1.000002' }, ephemeral: false }, 7, papersOf)).toEqual(channel);
    expect(slackPlace({ channel: 'C1', message: { ts: '1.000001', thread_ts: '1.000000' }, ephemeral: false }, 7, papersOf)).toEqual(channel);
    expect(slackPlace({ channel: 'C1', ephemeral: true }, 7, papersOf)).toEqual(channel);
    expect(slackPlace({ channel: 'C1', message: { ts: '1.000001' }, ephemeral: false }, 8, papersOf)).toEqual(channel);
  });
});

describe('openingArgs', () => {
  it('escapes the fallback text too, so a title cannot notify the channel', () => {
    const card = { key: 'k', paperId: 7, title: '<!channel> & friends', url: 'https://arxiv.org/abs/2410.1', facts: [], links: [] };
    const args = openingArgs({ card, name: 'n', intro: '💬 Discussion', locale: 'en' });
    expect(args.text).toBe('💬 Discussion &lt;!channel&gt; &amp; friends');
    expect(JSON.stringify(args.blocks)).not.toContain('<!channel>');
  });
});
