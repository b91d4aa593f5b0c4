/**
 * HTML fragment (a feed item's description) to readable plain text: block elements become
 * line breaks, paragraphs are separated by a blank line, scripts/styles and tags are dropped
 * and entities decoded. Not a full HTML parser: feed descriptions are small and simple.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  middot: '\u00b7',
  bull: '\u2022',
  times: '\u00d7',
  shy: '',
};

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

/** Decodes in one pass, so `&amp;lt;` becomes the text `&lt;`, not `<`. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z][a-z0-9]{1,7}));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name] ?? NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    // Control characters other than tab and newline are not text.
    if (code < 0x20 && code !== 9 && code !== 10) return '';
    return String.fromCodePoint(code);
  });
}
