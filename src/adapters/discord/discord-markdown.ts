/**
 * Making feed text safe to put inside Discord Markdown. Titles, authors and summaries come
 * from feeds we do not control: a `*` or `_` in a title would otherwise bold or italicise the
 * rest of the embed, a `[label](url)` would spoof a link, and `@everyone` would render as a
 * ping (allowed_mentions stops the notification, the zero-width space stops the look of it).
 */
import { cutText } from '../../core/text-cut.js';

const ZWSP = '\u200b';

/** Breaks `@everyone` / `@here` so they neither ping nor render as a mention. */
export function breakMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, `@${ZWSP}$1`);
}

// A bare URL is left alone: Discord links it as typed, so a backslash inside would break the link.
const BARE_URL = /https?:\/\/[^\s<>]+/g;

/**
 * Escapes what Discord would read as formatting: emphasis, strike, code, spoilers, link
 * brackets, and a quote, heading or subtext marker at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  const inline = (s: string) => s.replace(/[\\*_~`|[\]]/g, '\\$&');
  let out = '';
  let last = 0;
  for (const url of text.matchAll(BARE_URL)) {
    out += inline(text.slice(last, url.index)) + url[0];
    last = url.index + url[0].length;
  }
  out += inline(text.slice(last));
  return breakMentions(out.replace(/^(\s*)(>|#|-#)/gm, '$1\\$2'));
}

/**
 * `text` escaped and cut so the escaped form fits `max` UTF-16 units. Cutting happens before
 * escaping, so a cut never separates a backslash from the character it escapes.
 */
export function fitEscaped(text: string, max: number): string {
  return fitTransformed(text, max, escapeMarkdown);
}

/** Plain text (author names, footers, thread names: no Markdown there) on one line, cut to `max`. */
export function fitPlain(text: string, max: number): string {
  return fitTransformed(text.replace(/\s+/g, ' ').trim(), max, breakMentions);
}

const URL_BREAKERS: Record<string, string> = { '(': '%28', ')': '%29', ' ': '%20', '<': '%3C', '>': '%3E' };

/** `[label](url)` with the label escaped and the characters that would end the URL encoded. */
export function maskedLink(label: string, url: string): string {
  return `[${escapeMarkdown(label)}](${url.replace(/[()\s<>]/g, (c) => URL_BREAKERS[c] ?? '%20')})`;
}

function fitTransformed(text: string, max: number, transform: (s: string) => string): string {
  for (let budget = max; budget > 0; ) {
    const out = transform(cutText(text, budget));
    if (out.length <= max) return out;
    // Shrink by the overflow, or by the expansion ratio when escapes are dense; both are < budget.
    budget = Math.max(budget - (out.length - max), Math.floor((budget * max) / out.length));
  }
  return '';
}
