/**
 * Discord's message and embed limits. Discord counts code points; we count UTF-16 units
 * (`String.length`), which is never fewer, so what fits here fits there.
 */
import type { APIEmbed } from 'discord.js';

export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Summed over title, description, field names and values, footer text and author name of every embed in a message. */
  embedTotal: 6000,
  threadName: 100,
} as const;

/** The characters of `embed` that count towards the 6000 per message, as Discord sums them. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}
