/**
 * A command Answer as a Block Kit reply for `respond()`: a header for the title, sections for the
 * text and lines, each card through paperBlocks, and the paging buttons as one actions block.
 * Every string is escaped (or plain_text) and cut to Slack's limits; 50 blocks at most. With
 * `labels`, each card with a store id carries its 👍 / 👎 / more-like-this buttons; a button whose
 * payload is a paper action (the Undo of a vote) gets a `pb1_` action_id, so the paper-action
 * listener takes it, not the paging one.
 */
import type { types } from '@slack/bolt';
import type { Answer, AnswerButton } from '../../../core/commands.js';
import { parsePaperActionId } from '../../../core/paper-actions.js';
import { paperActionElementId, type FeedbackLabels } from '../feedback-blocks.js';
import { fitPlain, fitText, splitText } from '../mrkdwn.js';
import { divider, LIMITS, paperBlocks, paperLine, section, type Block } from '../paper-blocks.js';

/** What `respond()` is given; `replace_original` is added for button clicks. */
export interface SlackReply {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: Block[];
}

/** Buttons with this action_id prefix are handled by the paging action listener. */
export const PAGE_ACTION_PREFIX = 'papers_page_';
/** Slack's limits for a button: text 75, value 2000; an actions block holds 25 elements. */
const BUTTON = { text: 75, value: 2000, perBlock: 25 } as const;
/** The fallback `text` (notifications, screen readers): far below the 40k message limit. */
const FALLBACK_MAX = 3000;

/** The page number inside a `search|<page>|<query>` or `saved|<page>|<query>` payload, if it has one. */
export function payloadPage(payload: string): number | undefined {
  const m = /^(?:search|saved)\|(\d{1,4})\|/.exec(payload);
  return m ? Number(m[1]) : undefined;
}

function actions(buttons: AnswerButton[]): types.ActionsBlock | undefined {
  const usable = buttons.filter((b) => b.payload.length <= BUTTON.value).slice(0, BUTTON.perBlock);
  if (usable.length === 0) return undefined;
  const ids = new Set<string>();
  const elements = usable.map((b, i): types.Button => {
    const paper = parsePaperActionId(b.payload);
    let id = paper ? paperActionElementId(paper) : `${PAGE_ACTION_PREFIX}${payloadPage(b.payload) ?? i}`;
    if (ids.has(id)) id = `${id}_${i}`;
    ids.add(id);
    const text = { type: 'plain_text' as const, text: fitPlain(b.label || '…', BUTTON.text), emoji: true };
    return { type: 'button', action_id: id, value: b.payload, text, ...(b.style ? { style: b.style } : {}) };
  });
  return { type: 'actions', elements };
}

/** Lines grouped into as few sections as fit, each under the section limit. */
function lineSections(lines: string[]): types.SectionBlock[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.map((l) => fitText(l, LIMITS.sectionText))) {
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks.map(section);
}

function fallbackText(answer: Answer): string {
  const parts = [answer.title, answer.text, ...(answer.lines ?? []), ...(answer.cards ?? []).map(paperLine)].filter((p): p is string => !!p?.trim());
  return fitText(parts.join('\n') || '…', FALLBACK_MAX);
}

export function renderAnswer(answer: Answer, labels?: FeedbackLabels): SlackReply {
  const head: Block[] = [];
  if (answer.title?.trim()) head.push({ type: 'header', text: { type: 'plain_text', text: fitPlain(answer.title.trim(), LIMITS.headerText), emoji: true } });
  if (answer.text?.trim()) head.push(...splitText(answer.text, LIMITS.sectionText).map(section));
  if (answer.lines?.length) head.push(...lineSections(answer.lines));
  const tail = answer.buttons?.length ? actions(answer.buttons) : undefined;
  const room = LIMITS.blocks - (tail ? 1 : 0);
  const blocks = head.slice(0, room);
  for (const card of answer.cards ?? []) {
    // A divider between cards and after text (not under a bare header); a card gets room for its title, a summary and facts.
    const gap = blocks.length > 0 && blocks.at(-1)?.type !== 'header' ? 1 : 0;
    const left = room - blocks.length - gap;
    if (left < 3) break;
    if (gap) blocks.push(divider);
    blocks.push(...paperBlocks(card, Math.min(left, 12), labels));
  }
  if (tail) blocks.push(tail);
  return { response_type: answer.ephemeral ? 'ephemeral' : 'in_channel', text: fallbackText(answer), blocks };
}
