/**
 * Text helpers for Slack's mrkdwn and plain text. Everything that reaches a message comes from
 * feeds and summaries we do not control, so it is escaped here: with `&`, `<` and `>` turned into
 * entities, `<!channel>`, `<@U123>` and `<!subteam^…>` arrive as text and notify nobody. Limits are
 * counted with String.length on the escaped text, which is what Slack measures.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Longest URL we put inside `<url|label>`: keeps a title section far below its 3000 characters. */
export const MAX_LINK_URL = 2000;
/** Slack's limit for image_url. */
export const MAX_IMAGE_URL = 3000;

export function escapeText(raw: string): string {
  return raw.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/** The largest `i` (on a code point boundary) for which `raw.slice(0, i)`, escaped, fits in `budget`. */
function prefixFitting(raw: string, budget: number): number {
  let used = 0;
  let i = 0;
  while (i < raw.length) {
    const width = (raw.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const cost = ENTITIES[raw[i] ?? '']?.length ?? width;
    if (used + cost > budget) break;
    used += cost;
    i += width;
  }
  return i;
}

/** `raw` escaped and cut to at most `max` characters, ending in … when something was cut. */
export function fitText(raw: string, max: number): string {
  const escaped = escapeText(raw);
  if (escaped.length <= max) return escaped;
  return `${escapeText(raw.slice(0, prefixFitting(raw, max - 1)).trimEnd())}…`;
}

/** `raw` cut to `max` characters without escaping, for fields Slack never parses (alt_text). */
export function fitPlain(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  const end = (raw.codePointAt(max - 2) ?? 0) > 0xffff ? max - 2 : max - 1;
  return `${raw.slice(0, end)}…`;
}

const SENTENCE_END = /[.!?](?=\s)|[。！？\n]/g;

/** Where to cut `text` at or before `end`: a sentence end, else a space, in the last 40 %; else `end`. */
function breakPoint(text: string, end: number): number {
  const floor = Math.floor(end * 0.6);
  const window = text.slice(floor, end);
  let best = -1;
  for (const m of window.matchAll(SENTENCE_END)) best = m.index + m[0].length;
  if (best <= 0) best = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\u3000'));
  return best > 0 ? floor + best : end;
}

/**
 * `raw` escaped and split into chunks of at most `max` characters each, at sentence ends where
 * possible, so a long summary becomes several blocks instead of being lost.
 */
export function splitText(raw: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = raw.trim();
  while (rest.length > 0) {
    let end = prefixFitting(rest, max);
    if (end < rest.length) end = breakPoint(rest, end);
    chunks.push(escapeText(rest.slice(0, end).trimEnd()));
    rest = rest.slice(end).trimStart();
  }
  return chunks;
}

/** An http(s) URL in its normalized form, or undefined for anything else (javascript:, slack:, junk, too long). */
export function safeHref(raw: string | undefined, max = MAX_IMAGE_URL): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // The parser already percent-encodes < > and spaces; `|` would end the URL part of `<url|label>`.
  const href = url.href.replace(/\|/g, '%7C');
  return href.length <= max ? href : undefined;
}

/**
 * `<url|label>` built only from a URL that passed `safeHref`, or just the label when the URL did
 * not. A `|` in the label is swapped for a look-alike so no parser can take it as the separator.
 */
export function link(url: string | undefined, label: string, maxLabel = 300): string {
  const text = fitText(label.replace(/\|/g, '\u2223'), maxLabel);
  const href = safeHref(url, MAX_LINK_URL);
  return href ? `<${escapeText(href)}|${text}>` : text;
}

/** `parts` joined with `separator`, taking whole parts only while the result stays within `max`. */
export function joinWithin(parts: string[], separator: string, max: number): string {
  let out = '';
  for (const part of parts) {
    const next = out ? `${out}${separator}${part}` : part;
    if (next.length > max) break;
    out = next;
  }
  return out;
}
