/**
 * The fake Discord's create-message checks (fake-discord.ts): Discord's OpenAPI schema for the body,
 * then what Discord enforces beyond it (content and embed lengths, embed links and fields, no empty
 * message). Lengths are counted in code points, as Discord (Python) counts them.
 */
import { formError, type Json, type Problem } from './discord-form-errors.js';
import { schemaProblems } from './discord-spec.js';

const chars = (s: unknown): number => (typeof s === 'string' ? [...s].length : 0);
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const at = (o: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);
const EMBED_TEXTS: string[][] = [['title'], ['description'], ['footer', 'text'], ['author', 'name']];

/**
 * What Discord refuses in an embed beyond the spec's schema: a field with an empty name or value
 * ("This field is required"), and a link that is not http(s).
 */
function checkEmbed(out: Problem[], path: Problem[0], e: Json): void {
  for (const key of [['url'], ['thumbnail', 'url'], ['image', 'url'], ['author', 'url']]) {
    const url = at(e, key);
    if (typeof url === 'string' && URL.canParse(url) && !/^https?:/i.test(url)) {
      out.push([[...path, ...key], 'URL_TYPE_INVALID_SCHEME', `Scheme "${new URL(url).protocol.slice(0, -1)}" is not supported. Scheme must be one of ('http', 'https').`]);
    }
  }
  const fields = Array.isArray(e.fields) ? (e.fields as unknown[]) : [];
  fields.forEach((f, i) => {
    for (const key of ['name', 'value']) if (isObject(f) && typeof f[key] === 'string' && !chars(f[key])) out.push([[...path, 'fields', i, key], 'BASE_TYPE_REQUIRED', 'This field is required']);
  });
}

/** The characters of an embed that count towards 6000 per message, counted as Discord does. */
export function embedChars(e: Json): number {
  const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
  return EMBED_TEXTS.reduce((n, key) => n + chars(at(e, key)), 0) + fields.reduce((n, f) => n + chars(f.name) + chars(f.value), 0);
}

/**
 * Discord's create-message checks: the 400 body Discord would answer, or undefined when valid.
 * First the spec's `MessageCreateRequest` schema (lengths, counts, component and embed shapes),
 * then what Discord enforces beyond it: 2000 characters of content for a bot (the spec allows
 * 4000, what Nitro users may send), 6000 characters across all embeds, and no empty message.
 */
export function validateMessage(body: unknown): Json | undefined {
  if (!isObject(body)) return formError([[[], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType']]);
  const out = schemaProblems('MessageCreateRequest', body);
  if (chars(body.content) > 2000) out.push([['content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.']);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as unknown[]) : [];
  embeds.forEach((e, i) => isObject(e) && checkEmbed(out, ['embeds', i], e));
  if (embeds.filter(isObject).reduce((n, e) => n + embedChars(e), 0) > 6000) {
    out.push([['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000']);
  }
  if (out.length) return formError(out);
  const hasContent = typeof body.content === 'string' && body.content.trim() !== '';
  const hasOther = ['sticker_ids', 'components', 'attachments'].some((k) => Array.isArray(body[k]) && (body[k] as unknown[]).length);
  return hasContent || embeds.length || hasOther || body.poll ? undefined : { message: 'Cannot send an empty message', code: 50006 };
}
