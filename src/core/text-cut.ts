/**
 * Cutting prose to a platform limit without breaking what a reader needs: a sentence if one
 * ends late enough, else a word, else a character (CJK runs have no spaces) — and never a link.
 * Lengths are UTF-16 code units (`.length`): Discord and Slack count no more than that, so a
 * text cut here always fits.
 */

export interface CutOptions {
  /** Appended when the cut is not at a sentence end; counted within `max`. */
  ellipsis?: string;
  /** Share of `max` a sentence or word cut must keep before we prefer a rougher cut. */
  minKeep?: number;
}

// . ? ! end a sentence before a space or the end (else `3.5`, `e.g.x`, URLs would count);
// full-width 。？！ end one anywhere (Japanese puts no space after them); Korean 다. / 요.
// also end one when the next sentence follows without a space. Closing quotes and brackets
// stay with their sentence.
const SENTENCE_END = /(?:[.?!](?=["'”’)\]」』）】]*(?:\s|$))|[。？！]|(?<=[다요])\.(?=[\p{L}]))["'”’)\]」』）】]*/gu;

// What must not be split: a Markdown link or image `[text](url)` (also Discord's `(<url>)`),
// a Slack `<url|text>`, `<@U1>`, `<#C1|name>`, `<!here>`, and a bare URL.
const PROTECTED = [
  /!?\[[^\]\n]*\]\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)\)/g,
  /<(?:https?:\/\/|mailto:|[@#!])[^<>\n]*>/gi,
  /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?'")\]]/gi,
];

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

interface Span {
  start: number;
  end: number;
}

/**
 * Returns `text` when it fits in `max`, else its longest good prefix: up to the last sentence
 * end (no ellipsis: the sentence is whole), else the last word or character plus the ellipsis.
 */
export function cutText(text: string, max: number, options: CutOptions = {}): string {
  if (text.length <= max) return text;
  const { ellipsis = '…', minKeep = 0.5 } = options;
  const spans = protectedSpans(text);
  const sentence = lastSentenceEnd(text, max, spans);
  if (sentence >= max * minKeep) return text.slice(0, sentence).trimEnd();

  const budget = max - ellipsis.length;
  if (budget <= 0) return text.slice(0, outsideSpans(boundaryAtOrBefore(text, Math.max(max, 0)), spans));
  const space = lastSpace(text, budget, spans);
  const cut = space >= budget * minKeep ? space : outsideSpans(boundaryAtOrBefore(text, budget), spans);
  // A dangling comma or colon before the ellipsis reads as a typo.
  return `${text.slice(0, cut).replace(/[\s,;:、，：]+$/u, '')}${ellipsis}`;
}

/** "a, b, c" — or, past `maxItems`, the first `keep` items and `more(hidden)`: "a, b, c and 9 others". */
export function shortenList(
  items: readonly string[],
  maxItems: number,
  more: (n: number) => string,
  options: { keep?: number; separator?: string } = {},
): string {
  const { keep = maxItems, separator = ', ' } = options;
  if (items.length <= maxItems) return items.join(separator);
  const shown = items.slice(0, Math.min(keep, maxItems));
  const tail = more(items.length - shown.length);
  return shown.length ? `${shown.join(separator)} ${tail}` : tail;
}

function protectedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of PROTECTED) {
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Moves a cut that falls inside a link to just before the (outermost) link. */
function outsideSpans(cut: number, spans: Span[]): number {
  let at = cut;
  for (let moved = true; moved; ) {
    moved = false;
    for (const s of spans) {
      if (s.start < at && at < s.end) {
        at = s.start;
        moved = true;
      }
    }
  }
  return at;
}

function lastSentenceEnd(text: string, max: number, spans: Span[]): number {
  const head = text.slice(0, max + 1); // one more, so the lookahead sees what follows the end
  let best = -1;
  for (const m of head.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end > max) break;
    if (!isAbbreviation(head, m.index) && outsideSpans(end, spans) === end) best = end;
  }
  return best;
}

function lastSpace(text: string, budget: number, spans: Span[]): number {
  for (let i = Math.min(budget, text.length - 1); i > 0; i--) {
    if (/\s/.test(text[i] ?? '') && outsideSpans(i, spans) === i) return i;
  }
  return -1;
}

/** The last grapheme boundary at or before `index`: never inside a surrogate pair, ZWJ emoji or flag. */
function boundaryAtOrBefore(text: string, index: number): number {
  if (index >= text.length) return text.length;
  return graphemes.segment(text).containing(index)?.index ?? index;
}

/** `e.g.`, `i.e.`, `vs.`, `et al.` and list numbers like `1.` do not end a sentence. */
function isAbbreviation(s: string, dot: number): boolean {
  if (s[dot] !== '.') return false;
  const word = s.slice(0, dot).match(/(\S+)$/)?.[1] ?? '';
  return /^(?:\p{N}+|[a-z](?:\.[a-z])*|e\.g|i\.e|vs|al|etc|cf|fig|eq|no|dr|mr|ms|prof)$/iu.test(word);
}
