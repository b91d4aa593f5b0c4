/**
 * Text preparation for full-text search in Latin, Korean and Japanese scripts.
 *
 * SQLite's unicode61 tokenizer treats a run of Hangul or kanji as one token, and the trigram
 * tokenizer finds nothing under three characters, yet Korean and Japanese users search with
 * two-character words (검색, 検索). So the application tokenizes before SQLite does, the way
 * Lucene's CJK analyzer does: CJK runs become overlapping bigrams ("강화학습" → "강화 화학 학습"),
 * other text becomes lower-case words. The same function prepares the query, so a CJK word
 * becomes a phrase of consecutive bigrams and matches exactly where the word occurs.
 */

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005\u3006]/u;
const TOKEN_RUN =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005\u3006]+)|([\p{L}\p{N}\p{M}]+)/gu;

export type SearchToken = { text: string; cjk: boolean };

/** Splits text into search tokens: CJK runs as bigrams (a lone CJK character as itself), other words whole. */
export function searchTokens(text: string): SearchToken[][] {
  const groups: SearchToken[][] = [];
  const normalized = text.normalize('NFKC').toLowerCase();
  for (const m of normalized.matchAll(TOKEN_RUN)) {
    const [, cjk, word] = m;
    if (cjk) groups.push(bigrams(cjk).map((t) => ({ text: t, cjk: true })));
    else if (word) groups.push([{ text: word, cjk: false }]);
  }
  return groups;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The text to store in the FTS index for a field. */
export function toIndexText(text: string | undefined | null): string {
  if (!text) return '';
  // Without CJK, unicode61 splits and folds the words itself exactly as searchTokens would, so
  // only NFKC is left to do: this skips most of the tokenizing cost of English abstracts.
  if (!CJK_CHAR.test(text)) return text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  for (const group of searchTokens(text)) for (const t of group) out.push(t.text);
  return out.join(' ');
}

/**
 * Turns what a user typed into an FTS5 MATCH expression that cannot be misread as FTS syntax:
 * every token is a quoted string, every word a phrase, words are AND-ed. Returns undefined
 * when nothing searchable is left (only punctuation or operators).
 */
export function toFtsQuery(query: string): string | undefined {
  const phrases: string[] = [];
  for (const word of query.split(/\s+/u)) {
    const tokens = searchTokens(word).flat();
    if (tokens.length === 0) continue;
    const single = tokens.length === 1 ? tokens[0] : undefined;
    // A lone CJK character is indexed only as the first half of bigrams: match it as a prefix.
    if (single && single.cjk && [...single.text].length === 1) phrases.push(`${quote(single.text)}*`);
    else phrases.push(quote(tokens.map((t) => t.text).join(' ')));
  }
  return phrases.length ? [...new Set(phrases)].join(' ') : undefined;
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** The words of a query as a person reads them, for highlighting and snippets. */
export function queryTerms(query: string): string[] {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}\u30fc]+/u)
    .filter((t) => t.length > 0);
}

/** True if the text contains a CJK character. */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/**
 * A short excerpt of the first text that contains a query term, with the term near the
 * middle; falls back to the start of the first non-empty text.
 */
export function makeSnippet(texts: (string | undefined | null)[], query: string, width = 160): string {
  const terms = queryTerms(query);
  const candidates = texts.filter((t): t is string => !!t && t.trim().length > 0).map((t) => t.replace(/\s+/g, ' ').trim());
  for (const text of candidates) {
    const lower = text.normalize('NFKC').toLowerCase();
    for (const term of terms) {
      const at = lower.indexOf(term);
      if (at >= 0) return cutAround(text, at, width);
    }
  }
  const first = candidates[0] ?? '';
  return cutAround(first, 0, width);
}

function cutAround(text: string, at: number, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  let start = Math.max(0, at - Math.floor(width / 3));
  let end = Math.min(chars.length, start + width);
  start = Math.max(0, end - width);
  // Never cut a Latin word in half: move inward to the nearest space.
  while (start > 0 && start < at && /\S/.test(chars[start - 1]!) && !hasCjk(chars[start - 1]!)) start++;
  while (end < chars.length && end > at && /\S/.test(chars[end]!) && !hasCjk(chars[end]!)) end--;
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('').trim()}${end < chars.length ? '…' : ''}`;
}
