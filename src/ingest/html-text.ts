/**
 * HTML fragment (a feed item's description) to readable plain text: block elements become
 * line breaks, paragraphs are separated by a blank line, scripts/styles and tags are dropped
 * and entities decoded. Not a full HTML parser: feed descriptions are small and simple.
 * Entities are the `entities` package's job (all 2,231 HTML named references), not a table here.
 */
import { decodeHTMLStrict } from 'entities';

const BLOCK = 'address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|pre|section|table|tbody|thead|tfoot|tr|ul';

// Private-use placeholders while tags are removed: a line break and a paragraph break. A run of them
// (`</li><li>`, `</h2><p>`) becomes one break, the larger one, not a stack of blank lines.
const LINE = '\uE000';
const PARA = '\uE001';

export function htmlToText(html: string): string {
  const flat = html
    .replace(/[\uE000\uE001]/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    // Source line breaks are not text line breaks in HTML; only tags make lines.
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?p\b[^>]*>/gi, PARA)
    // A list item starts a line with a marker; its closing tag is a plain block end.
    .replace(/<li\b[^>]*>/gi, `${LINE}- `)
    .replace(new RegExp(`</?(?:${BLOCK})\\b[^>]*>`, 'gi'), LINE)
    .replace(/<\/?(?:td|th)\b[^>]*>/gi, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  return decodeEntities(flat)
    .replace(/[ \t]*[\uE000\uE001][\s\uE000\uE001]*/g, (run) => (run.includes(PARA) ? '\n\n' : '\n'))
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Control characters other than tab, line feed and carriage return, as `&#1;` can name them, are not text.
const CONTROL = /[^\P{Cc}\t\n\r]/gu;

/**
 * Decodes HTML character references in one pass, so `&amp;lt;` becomes the text `&lt;`, not `<`.
 * Strict: a reference needs its `;`, so `AT&T`, `R&D` and `&notice` stay as written (the lenient
 * HTML rule would read `&not` in the last one as `¬`).
 */
export function decodeEntities(s: string): string {
  // Text without `&` (most of it) has nothing to decode: returned as is, at the cost of one scan.
  return s.includes('&') ? decodeHTMLStrict(s).replace(CONTROL, '') : s;
}
