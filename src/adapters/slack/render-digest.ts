/**
 * Renders a digest as chat.postMessage arguments (without channel, metadata and thread_ts, which
 * the poster adds). Every message stays within Slack's limits: at most 50 blocks, section text 3000,
 * header 150, fallback text 4000 here (Slack takes 40,000 but notifications show far less). Each
 * paper with a store id gets its 👍 / 👎 / more-like-this buttons, and each message lists the ids
 * of the papers it shows (`paperIds`): a reaction on a one-paper message is a vote on that paper.
 */
import type { DigestLayout, DigestModel, OutgoingMessage, PaperCard } from '../../core/digest-model.js';
import { feedbackLabels, type FeedbackLabels } from './feedback-blocks.js';
import { fitText } from './mrkdwn.js';
import { LIMITS, context, divider, paperBlocks, paperLine, section, type Block } from './paper-blocks.js';

const MAX_FALLBACK_TEXT = 4000;
/** Room for one paper in the first message: 50 minus header, intro and the divider before it. */
const MAX_PAPER_BLOCKS = LIMITS.blocks - 3;

export function renderSlackDigest(model: DigestModel, layout: DigestLayout): OutgoingMessage[] {
  if (model.papers.length === 0) return model.notice ? [noticeMessage(model)] : [];
  const labels = feedbackLabels(model.locale);
  return layout === 'thread' ? renderThread(model, labels) : renderDigest(model, labels);
}

function body(text: string, blocks: Block[]): Record<string, unknown> {
  return { text: fitText(text, MAX_FALLBACK_TEXT), blocks, unfurl_links: false, unfurl_media: false };
}

function headBlocks(model: DigestModel): Block[] {
  const title = model.title.trim() || model.date;
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: fitText(title, LIMITS.headerText), emoji: true } }];
  if (model.intro.trim()) blocks.push(context([fitText(model.intro.trim(), LIMITS.sectionText)]));
  return blocks;
}

function headLine(model: DigestModel): string {
  return [model.title.trim() || model.date, model.intro.trim()].filter(Boolean).join('\n');
}

function noticeMessage(model: DigestModel): OutgoingMessage {
  const blocks = [...headBlocks(model), section(fitText(model.notice ?? '', LIMITS.sectionText))];
  return { body: body(`${headLine(model)}\n${model.notice ?? ''}`, blocks) };
}

interface Page {
  blocks: Block[];
  papers: PaperCard[];
}

/** Papers packed into as few messages as fit, a paper never split across two. */
function paginate(model: DigestModel, labels: FeedbackLabels): Page[] {
  const pages: Page[] = [{ blocks: headBlocks(model), papers: [] }];
  const place = (blocks: Block[], card?: PaperCard): void => {
    let page = pages[pages.length - 1]!;
    const needed = blocks.length + (page.blocks.length > 0 ? 1 : 0);
    if (page.blocks.length + needed > LIMITS.blocks) {
      page = { blocks: [], papers: [] };
      pages.push(page);
    }
    if (page.blocks.length > 0) page.blocks.push(divider);
    page.blocks.push(...blocks);
    if (card) page.papers.push(card);
  };
  for (const card of model.papers) place(paperBlocks(card, MAX_PAPER_BLOCKS, labels), card);
  if (model.more) place([context([fitText(model.more, LIMITS.sectionText)])]);
  return pages;
}

/** The store ids of the cards a message shows; absent when none has one (a preview of unstored papers). */
function idsOf(cards: PaperCard[]): Pick<OutgoingMessage, 'paperIds'> {
  const ids = cards.flatMap((c) => (c.paperId === undefined ? [] : [c.paperId]));
  return ids.length ? { paperIds: ids } : {};
}

function renderDigest(model: DigestModel, labels: FeedbackLabels): OutgoingMessage[] {
  const pages = paginate(model, labels);
  return pages.map((page, i) => {
    const part = pages.length > 1 ? ` (${i + 1}/${pages.length})` : '';
    const lines = [`${model.title.trim() || model.date}${part}`];
    if (i === 0 && model.intro.trim()) lines.push(model.intro.trim());
    lines.push(...page.papers.map((card) => `• ${card.title.trim()}`));
    if (i === pages.length - 1 && model.more) lines.push(model.more);
    return { body: body(lines.join('\n'), page.blocks), ...idsOf(page.papers) };
  });
}

/** The header as message 0 and each paper as its own reply in that message's thread. */
function renderThread(model: DigestModel, labels: FeedbackLabels): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [{ body: body(headLine(model), headBlocks(model)) }];
  for (const card of model.papers) {
    messages.push({ body: body(paperLine(card), paperBlocks(card, LIMITS.blocks, labels)), threadParent: 0, ...idsOf([card]) });
  }
  if (model.more) messages.push({ body: body(model.more, [context([fitText(model.more, LIMITS.sectionText)])]), threadParent: 0 });
  return messages;
}
