import { describe, expect, it } from 'vitest';
import { slackReplyText } from './discuss-mentions.js';

describe('slackReplyText', () => {
  it('escapes what would ping or link (<!channel>, <@U…>, &) and breaks @here, keeping Markdown bold as Slack bold', () => {
    expect(slackReplyText({ locale: 'en', answer: '<!channel> **Yes** & <@U0ALICE>, @here' })).toBe('&lt;!channel&gt; *Yes* &amp; &lt;@U0ALICE&gt;, @\u200bhere');
  });

  it('puts the note first in italics, escaped, and cuts a very long answer', () => {
    const text = slackReplyText({ locale: 'en', note: 'Not in <the> texts:', answer: 'y'.repeat(10_000) });
    expect(text.startsWith('_Not in &lt;the&gt; texts:_\n\n')).toBe(true);
    expect(text.length).toBeLessThan(3600);
  });
});
