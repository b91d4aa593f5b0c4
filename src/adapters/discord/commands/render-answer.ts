/**
 * A command Answer as a Discord interaction response: title and text as content, paper cards
 * as embeds (at most 10, sharing the 6000 characters), plain lines as one embed, the cards'
 * 👍 / 👎 / "more like this" controls (paper-components.ts), then the answer's own buttons
 * (paging, undo) in one row. Mentions never ping: the text comes from feeds and from users.
 */
import { ButtonStyle, ComponentType, MessageFlags, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Answer, AnswerButton } from '../../../core/commands.js';
import { fitEscaped } from '../discord-markdown.js';
import { LIMITS } from '../discord-limits.js';
import { paperControls, type MessageRow, type PaperControlLabels } from '../paper-components.js';
import { paperEmbed } from '../paper-embed.js';

const BUTTONS_PER_ROW = 5;
const BUTTON_LABEL = 80;
const CUSTOM_ID = 100;

/** What an edit (editReply, update) sends: the flags of a message cannot change after it is sent. */
export interface EditMessage {
  content?: string;
  embeds: APIEmbed[];
  components: MessageRow[];
  allowedMentions: { parse: [] };
  /** Sent as multipart/form-data `files[n]` beside `payload_json` (an export). */
  files?: { attachment: Buffer; name: string; contentType: string }[];
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

/** The cards shown: as many as fit the 10 embeds beside the lines' embed. */
function shownCards(answer: Answer) {
  const lines = answer.lines?.some((line) => line.trim()) ? 1 : 0;
  return (answer.cards ?? []).slice(0, LIMITS.embedsPerMessage - lines);
}

function embedsOf(answer: Answer): APIEmbed[] {
  const lines = answer.lines?.filter((line) => line.trim()) ?? [];
  const linesEmbed = lines.length ? [{ description: fitEscaped(lines.join('\n'), LIMITS.embedDescription) }] : [];
  const cards = shownCards(answer);
  const left = LIMITS.embedTotal - (linesEmbed[0]?.description?.length ?? 0);
  const share = cards.length ? Math.floor(left / cards.length) : 0;
  return [...linesEmbed, ...cards.map((card) => paperEmbed(card, share))];
}

const STYLES: Record<NonNullable<AnswerButton['style']> | 'default', ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

function buttonsOf(answer: Answer): MessageRow[] {
  const buttons: APIButtonComponent[] = (answer.buttons ?? [])
    .filter((b) => b.payload.length > 0 && b.payload.length <= CUSTOM_ID)
    .slice(0, BUTTONS_PER_ROW)
    .map((b) => ({ type: ComponentType.Button, style: STYLES[b.style ?? 'default'], label: b.label.slice(0, BUTTON_LABEL) || '…', custom_id: b.payload }));
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/**
 * The edit that shows an answer in place of an earlier message (content cleared when there is
 * none). With `labels`, the cards get their vote and "more like this" controls.
 */
export function renderEdit(answer: Answer, labels?: PaperControlLabels): EditMessage {
  const embeds = embedsOf(answer);
  const content = contentOf(answer) ?? (embeds.length ? '' : '…');
  const controls = labels ? paperControls(shownCards(answer), labels) : [];
  const files = (answer.files ?? []).map((f) => ({ attachment: Buffer.from(f.content, 'utf8'), name: f.name, contentType: f.mime }));
  return { content, embeds, components: [...controls, ...buttonsOf(answer)], allowedMentions: { parse: [] }, ...(files.length ? { files } : {}) };
}

/** A new reply showing an answer; ephemeral answers are seen by the asker only. */
export function renderAnswer(answer: Answer, labels?: PaperControlLabels): ReplyMessage {
  const { content, ...rest } = renderEdit(answer, labels);
  const message: ReplyMessage = { ...(content ? { content } : {}), ...rest };
  if (answer.ephemeral) message.flags = MessageFlags.Ephemeral;
  return message;
}
