/**
 * What a question in a discussion thread asks, as the model should see it, and in which language
 * to answer (docs/adr/0020-discuss-threads.md). Pure functions over the message text.
 */

/**
 * The question without chat markup: the bot's own mention removed, other people's and roles'
 * mentions and channel links turned into plain words (the model must not echo a ping, and a
 * user id means nothing to it), `@everyone`/`@here` and Slack's `<!channel>` dropped.
 * Discord writes mentions as `<@id>`, `<@!id>`, `<@&role>`, `<#channel>`; Slack as `<@U…>`,
 * `<@U…|name>`, `<#C…|name>`, `<!here>`, and links as `<url|label>`.
 */
export function cleanQuestion(text: string, botId: string): string {
  return text
    .replace(/<@!?([A-Z0-9]+)(?:\|[^>]*)?>/gi, (_, id: string) => (id === botId ? '' : '@someone'))
    .replace(/<@&\d+>/g, '@role')
    .replace(/<#[A-Z0-9]+(?:\|([^>]*))?>/gi, (_, name: string | undefined) => `#${name ?? 'channel'}`)
    .replace(/<![^>]*>/g, '')
    .replace(/<(https?:\/\/[^|>]+)\|([^>]*)>/g, '$2 ($1)')
    .replace(/@(everyone|here)\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/;
const HAN = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]/;

/**
 * The language a question is written in, when its script says so: Hangul is Korean, kana is
 * Japanese, Latin letters with no CJK at all are English (the only Latin-script locale the bot
 * ships). Undefined when the script does not tell (digits only, Han without kana).
 */
export function questionLocale(text: string): string | undefined {
  if (HANGUL.test(text)) return 'ko';
  if (KANA.test(text)) return 'ja';
  if (HAN.test(text)) return undefined;
  return LATIN.test(text) ? 'en' : undefined;
}

/**
 * A sliding one-hour window: whether one more question is allowed after those asked at
 * `askedAt` (ISO, oldest first, all within the last hour), and if not, when the next one is.
 */
export function questionAllowed(askedAt: string[], perHour: number): { allowed: true } | { allowed: false; retryAt: Date } {
  if (askedAt.length < perHour) return { allowed: true };
  const oldest = askedAt[askedAt.length - perHour]!;
  return { allowed: false, retryAt: new Date(new Date(oldest).getTime() + 3_600_000) };
}
