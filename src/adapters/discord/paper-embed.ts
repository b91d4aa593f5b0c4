/**
 * One paper card as one Discord embed, within every per-embed limit and within `maxTotal`
 * of the per-message 6000 so that a single paper always fits a message on its own. When the
 * card is too big, the summary gives way first (its attribution is kept), then the facts.
 * A ranked card's reason ("like *…* · matches: …") opens the description in italics.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { CardLink, CardSummary, LabeledText, PaperCard } from '../../core/digest-model.js';
import { fitEscaped, fitPlain, maskedLink } from './discord-markdown.js';
import { embedLength, LIMITS } from './discord-limits.js';

const LINKS_FIELD_NAME = '🔗';
/** Room kept for the summary when facts compete with it for the 6000. */
const SUMMARY_RESERVE = 1000;
/** A summary section cut shorter than this reads as noise; drop it instead. */
const MIN_SECTION = 40;
/** A reason is one short line; longer ones are cut. */
const REASON_MAX = 300;

const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:\/\/\S+$/i.test(url);

export function paperEmbed(card: PaperCard, maxTotal: number = LIMITS.embedTotal): APIEmbed {
  const embed: APIEmbed = { title: fitEscaped(card.title.replace(/\s+/g, ' ').trim(), LIMITS.embedTitle) };
  if (isWebUrl(card.url)) embed.url = card.url;
  if (card.authors?.trim()) embed.author = { name: fitPlain(card.authors, LIMITS.authorName) };
  if (isWebUrl(card.thumbnail)) embed.thumbnail = { url: card.thumbnail };

  // The whole line is set in italics; the reason's own `*title*` emphasis cannot nest inside, so it is dropped.
  const reasonText = card.reason?.replace(/\*/g, '').replace(/\s+/g, ' ').trim() ?? '';
  const reason = reasonText ? `*${fitEscaped(reasonText, REASON_MAX)}*` : '';
  const reserve = (card.summary ? SUMMARY_RESERVE : 0) + reason.length;
  const fields = cardFields(card.facts, card.links, maxTotal - embedLength(embed) - reserve);
  if (fields.length) embed.fields = fields;

  const room = Math.min(LIMITS.embedDescription, maxTotal - embedLength(embed)) - (reason ? reason.length + 2 : 0);
  const summary = card.summary ? summaryText(card.summary, room) : '';
  const description = [reason, summary].filter(Boolean).join('\n\n');
  if (description) embed.description = description;
  return embed;
}

/** Facts as inline fields, then the links field, all within `budget` characters and 25 fields. */
function cardFields(facts: LabeledText[], links: CardLink[], budget: number): APIEmbedField[] {
  const linksField = linksValue(links);
  const fields: APIEmbedField[] = [];
  let left = budget - (linksField ? LINKS_FIELD_NAME.length + linksField.length : 0);
  for (const fact of facts) {
    if (fields.length >= LIMITS.embedFields - 1) break;
    if (!fact.text.trim()) continue;
    const field = {
      name: fitEscaped(fact.label, LIMITS.fieldName) || '\u200b',
      value: fitEscaped(fact.text, LIMITS.fieldValue),
      inline: true,
    };
    if (field.name.length + field.value.length > left) break;
    left -= field.name.length + field.value.length;
    fields.push(field);
  }
  if (linksField && left >= 0) fields.push({ name: LINKS_FIELD_NAME, value: linksField, inline: false });
  return fields;
}

/** `[arXiv](…) · [PDF](…)`: whole links only, as many as fit a field value. */
function linksValue(links: CardLink[]): string {
  let value = '';
  for (const link of links) {
    if (!isWebUrl(link.url)) continue;
    const next = value ? `${value} · ${maskedLink(link.label, link.url)}` : maskedLink(link.label, link.url);
    if (next.length > LIMITS.fieldValue) break;
    value = next;
  }
  return value;
}

/**
 * `**label**\ntext` blocks, then the attribution in italics, within `max`. Earlier sections
 * are kept whole; the first one that does not fit is cut, and the rest are left out.
 */
function summaryText(summary: CardSummary, max: number): string {
  const attribution = summary.attribution?.trim() ? `*${fitEscaped(summary.attribution.trim(), 200)}*` : '';
  let left = max - (attribution ? attribution.length + 2 : 0);
  const blocks: string[] = [];
  for (const section of summary.sections) {
    const head = section.label.trim() ? `**${fitEscaped(section.label.trim(), 100)}**\n` : '';
    const gap = blocks.length ? 2 : 0;
    const room = left - gap - head.length;
    if (!section.text.trim()) continue;
    if (room < MIN_SECTION) break;
    const text = fitEscaped(section.text.trim(), room);
    blocks.push(head + text);
    left -= gap + head.length + text.length;
  }
  if (attribution && max >= attribution.length) blocks.push(attribution);
  return blocks.join('\n\n');
}
