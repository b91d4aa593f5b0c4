/** Block Kit blocks for one paper card: title and authors, summary sections, a context line. */
import type { types } from '@slack/bolt';
import type { CardSummary, PaperCard } from '../../core/digest-model.js';
import { feedbackBlock, type FeedbackLabels } from './feedback-blocks.js';
import { fitPlain, fitText, joinWithin, link, safeHref, splitText } from './mrkdwn.js';

export type Block = types.KnownBlock;

/** Room for the "why this paper" line under the title (a localized reason, core/rank-reason-text.ts). */
const REASON_MAX = 500;

/** Slack's limits (Block Kit reference): text objects and section text 3000, header 150, 50 blocks, alt_text 2000. */
export const LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, altText: 2000 } as const;

/**
 * mrkdwn with `verbatim: true`: Slack still renders our explicit `<url|label>` links and `*bold*`,
 * but does not auto-link channel names or parse mentions out of the (already escaped) text.
 */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function context(texts: string[]): types.ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

export const divider: types.DividerBlock = { type: 'divider' };

function titleSection(card: PaperCard): types.SectionBlock {
  const title = card.title.trim() || card.url || card.key;
  let text = `*${link(card.url, title)}*`;
  if (card.authors?.trim()) text += `\n${fitText(card.authors.trim(), 500)}`;
  if (card.reason?.trim()) text += `\n_${fitText(card.reason.trim(), REASON_MAX)}_`;
  const block = section(text);
  const image = safeHref(card.thumbnail);
  if (image) block.accessory = { type: 'image', image_url: image, alt_text: fitPlain(title, LIMITS.altText) };
  return block;
}

/** One section per summary part, several when a part is longer than a section can hold; at most `maxBlocks`. */
function summarySections(summary: CardSummary | undefined, maxBlocks: number): types.SectionBlock[] {
  const blocks: types.SectionBlock[] = [];
  for (const part of summary?.sections ?? []) {
    const label = part.label.trim() ? `*${fitText(part.label.trim(), 200)}*\n` : '';
    const chunks = splitText(part.text, LIMITS.sectionText - label.length);
    chunks.forEach((chunk, i) => blocks.push(section(i === 0 ? label + chunk : chunk)));
  }
  return blocks.slice(0, maxBlocks);
}

/** Facts, links and attribution as one context block, or none when the card has none of them. */
function factsContext(card: PaperCard): types.ContextBlock | undefined {
  const max = LIMITS.sectionText;
  const facts = card.facts.map((f) => (f.label.trim() ? `*${fitText(f.label.trim(), 100)}* ` : '') + fitText(f.text, 300));
  const links = card.links.map((l) => link(l.url, l.label.trim() || l.url, 100));
  const texts = [joinWithin(facts, '  ·  ', max), joinWithin(links, '  ·  ', max)];
  if (card.summary?.attribution?.trim()) texts.push(`_${fitText(card.summary.attribution.trim(), 500)}_`);
  const present = texts.filter((t) => t.length > 0);
  return present.length > 0 ? context(present) : undefined;
}

/**
 * The blocks of one paper, never more than `maxBlocks` (summary parts beyond that are dropped, which
 * takes a summary of tens of thousands of characters): the title is never lost. With `labels` and
 * a store id on the card, the card ends with its 👍 / 👎 / more-like-this buttons.
 */
export function paperBlocks(card: PaperCard, maxBlocks: number, labels?: FeedbackLabels): Block[] {
  const facts = factsContext(card);
  const buttons = labels && card.paperId !== undefined && maxBlocks >= 2 ? feedbackBlock(card.paperId, labels) : undefined;
  const room = maxBlocks - 1 - (facts ? 1 : 0) - (buttons ? 1 : 0);
  const blocks: Block[] = [titleSection(card), ...summarySections(card.summary, Math.max(0, room))];
  if (facts && blocks.length < maxBlocks - (buttons ? 1 : 0)) blocks.push(facts);
  if (buttons) blocks.push(buttons);
  return blocks;
}

/** A readable one-line summary of a paper for the message's plain `text` (notifications, screen readers). */
export function paperLine(card: PaperCard): string {
  const authors = card.authors?.trim() ? ` — ${card.authors.trim()}` : '';
  return `${card.title.trim() || card.url || card.key}${authors}`;
}
