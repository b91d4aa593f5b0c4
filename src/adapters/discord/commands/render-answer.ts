/**
 * A command Answer as a Discord interaction response: title and text as content, paper cards
 * as embeds (at most 10, sharing the 6000 characters), plain lines as one embed, paging
 * buttons in one row. Mentions never ping: the text comes from feeds and from users.
 */
import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Answer } from '../../../core/commands.js';
import { fitEscaped } from '../discord-markdown.js';
import { LIMITS } from '../discord-limits.js';
import { paperEmbed } from '../paper-embed.js';

const BUTTONS_PER_ROW = 5;
const BUTTON_LABEL = 80;
const CUSTOM_ID = 100;

/** What an edit (editReply, update) sends: the flags of a message cannot change after it is sent. */
export interface EditMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: [] };
}

export interface ReplyMessage extends EditMessage {
  flags?: MessageFlags.Ephemeral;
}

function contentOf(answer: Answer): string | undefined {
  const title = answer.title?.trim() ? `**${fitEscaped(answer.title.trim(), 300)}**` : '';
  const text = answer.text?.trim() ?? '';
  const room = LIMITS.content - (title ? title.length + 1 : 0);
  const content = [title, text ? fitEscaped(text, room) : ''].filter(Boolean).join('\n');
  return content || undefined;
}

function embedsOf(answer: Answer): APIEmbed[] {
  const lines = answer.lines?.filter((line) => line.trim()) ?? [];
  const linesEmbed = lines.length ? [{ description: fitEscaped(lines.join('\n'), LIMITS.embedDescription) }] : [];
  const cards = (answer.cards ?? []).slice(0, LIMITS.embedsPerMessage - linesEmbed.length);
  const left = LIMITS.embedTotal - (linesEmbed[0]?.description?.length ?? 0);
  const share = cards.length ? Math.floor(left / cards.length) : 0;
  return [...linesEmbed, ...cards.map((card) => paperEmbed(card, share))];
}

function buttonsOf(answer: Answer): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = (answer.buttons ?? [])
    .filter((b) => b.payload.length > 0 && b.payload.length <= CUSTOM_ID)
    .slice(0, BUTTONS_PER_ROW)
    .map((b) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: b.label.slice(0, BUTTON_LABEL) || '…', custom_id: b.payload }));
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** The edit that shows an answer in place of an earlier message (content cleared when there is none). */
export function renderEdit(answer: Answer): EditMessage {
  const embeds = embedsOf(answer);
  const content = contentOf(answer) ?? (embeds.length ? '' : '…');
  return { content, embeds, components: buttonsOf(answer), allowedMentions: { parse: [] } };
}

/** A new reply showing an answer; ephemeral answers are seen by the asker only. */
export function renderAnswer(answer: Answer): ReplyMessage {
  const { content, ...rest } = renderEdit(answer);
  const message: ReplyMessage = { ...(content ? { content } : {}), ...rest };
  if (answer.ephemeral) message.flags = MessageFlags.Ephemeral;
  return message;
}
