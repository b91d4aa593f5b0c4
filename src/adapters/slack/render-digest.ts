/**
 * Renders a digest as chat.postMessage arguments (without channel, metadata and thread_ts, which
 * the poster adds). Every message stays within Slack's limits: at most 50 blocks, section text 3000,
 * header 150, fallback text 4000 here (Slack takes 40,000 but notifications show far less).
 */
import type { DigestLayout, DigestModel, OutgoingMessage, PaperCard } from '../../core/digest-model.js';
import { fitText } from './mrkdwn.js';
import { LIMITS, context, divider, paperBlocks, paperLine, section, type Block } from './paper-blocks.js';

const MAX_FALLBACK_TEXT = 4000;
/** Room for one paper in the first message: 50 minus header, intro and the divider before it. */
const MAX_PAPER_BLOCKS = LIMITS.blocks - 3;

export function renderSlackDigest(model: DigestModel, layout: DigestLayout): OutgoingMessage[] {
  if (model.papers.length === 0) return model.notice ? [noticeMessage(model)] : [];
  return layout === 'thread' ? renderThread(model) : renderDigest(model);
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
function paginate(model: DigestModel): Page[] {
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
  for (const card of model.papers) place(paperBlocks(card, MAX_PAPER_BLOCKS), card);
  if (model.more) place([context([fitText(model.more, LIMITS.sectionText)])]);
  return pages;
}

function renderDigest(model: DigestModel): OutgoingMessage[] {
  const pages = paginate(model);
  return pages.map((page, i) => {
    const part = pages.length > 1 ? ` (${i + 1}/${pages.length})` : '';
    const lines = [`${model.title.trim() || model.date}${part}`];
    if (i === 0 && model.intro.trim()) lines.push(model.intro.trim());
    lines.push(...page.papers.map((card) => `• ${card.title.trim()}`));
    if (i === pages.length - 1 && model.more) lines.push(model.more);
    return { body: body(lines.join('\n'), page.blocks) };
  });
}

/** The header as message 0 and each paper as its own reply in that message's thread. */
function renderThread(model: DigestModel): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [{ body: body(headLine(model), headBlocks(model)) }];
  for (const card of model.papers) {
    messages.push({ body: body(paperLine(card), paperBlocks(card, LIMITS.blocks)), threadParent: 0 });
  }
  if (model.more) messages.push({ body: body(model.more, [context([fitText(model.more, LIMITS.sectionText)])]), threadParent: 0 });
  return messages;
}
