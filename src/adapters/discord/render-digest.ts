/**
 * A digest as Discord create-message bodies. Layout 'digest' packs one embed per paper into
 * as few messages as the limits allow (10 embeds and 6000 embed characters per message);
 * layout 'thread' posts a header and then every paper as its own message in the header's
 * thread. Every body carries `allowed_mentions: { parse: [] }`: feed text never pings anyone.
 * Each message showing papers carries their 👍 / 👎 / "more like this" controls
 * (paper-components.ts) and names them in `paperIds`, so a reaction on it can be a vote.
 */
import type { APIEmbed } from 'discord.js';
import type { DigestLayout, DigestModel, OutgoingMessage, PaperCard } from '../../core/digest-model.js';
import { fitEscaped, fitPlain } from './discord-markdown.js';
import { embedLength, LIMITS } from './discord-limits.js';
import { paperControlLabels, paperControls, paperIdsOf, type MessageRow, type PaperControlLabels } from './paper-components.js';
import { paperEmbed } from './paper-embed.js';

/**
 * Body key carrying the thread name on thread-layout replies, so the poster can name the
 * thread it starts from the header. Not a Discord field: the poster strips it before sending.
 */
export const THREAD_NAME_KEY = 'paperboy_thread_name';

const HEADING_MAX = 500;

export function renderDiscordDigest(model: DigestModel, layout: DigestLayout): OutgoingMessage[] {
  const header = headerContent(model);
  const embeds = model.papers.map((card) => paperEmbed(card));
  const labels = paperControlLabels(model.locale);
  return layout === 'thread' ? threadLayout(model, header, embeds, labels) : digestLayout(model, header, embeds, labels);
}

function body(content: string | undefined, embeds: APIEmbed[], components: MessageRow[] = []): Record<string, unknown> {
  return {
    ...(content ? { content } : {}),
    ...(embeds.length ? { embeds } : {}),
    ...(components.length ? { components } : {}),
    allowed_mentions: { parse: [] },
  };
}

/** A message showing `cards` (as `embeds`), with their controls and their ids. */
function papersMessage(content: string | undefined, embeds: APIEmbed[], cards: PaperCard[], labels: PaperControlLabels): OutgoingMessage {
  const paperIds = paperIdsOf(cards);
  return { body: body(content, embeds, paperControls(cards, labels)), ...(paperIds ? { paperIds } : {}) };
}

/** `**title**` and the intro (or, on a day with nothing new, the notice) within 2000 characters. */
function headerContent(model: DigestModel): string {
  const heading = `**${fitEscaped(model.title.replace(/\s+/g, ' ').trim(), HEADING_MAX)}**`;
  const line = model.papers.length === 0 && model.notice ? model.notice : model.intro;
  const rest = line.trim() ? fitEscaped(line.trim(), LIMITS.content - heading.length - 1) : '';
  return rest ? `${heading}\n${rest}` : heading;
}

function digestLayout(model: DigestModel, header: string, embeds: APIEmbed[], labels: PaperControlLabels): OutgoingMessage[] {
  let first = 0;
  const messages = packEmbeds(embeds).map((group, i) => {
    const cards = model.papers.slice(first, (first += group.length));
    return papersMessage(i === 0 ? header : undefined, group, cards, labels);
  });
  if (messages.length === 0) messages.push({ body: body(header, []) });
  const more = model.more?.trim() ? fitEscaped(model.more.trim(), LIMITS.content) : '';
  if (!more) return messages;
  // "…and 12 more" above the last papers' embeds would read as their caption: only a message
  // without embeds takes it as a second line; otherwise it gets a message of its own.
  const last = messages[messages.length - 1];
  const content = last?.body.content;
  if (last && !last.body.embeds && typeof content === 'string' && content.length + 1 + more.length <= LIMITS.content) {
    last.body.content = `${content}\n${more}`;
  } else {
    messages.push({ body: body(more, []) });
  }
  return messages;
}

/** Greedy, in order: a new message when the next embed would pass 10 embeds or 6000 characters. */
export function packEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let group: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (group.length === LIMITS.embedsPerMessage || (group.length > 0 && total + length > LIMITS.embedTotal)) {
      groups.push(group);
      group = [];
      total = 0;
    }
    group.push(embed);
    total += length;
  }
  if (group.length) groups.push(group);
  return groups;
}

function threadLayout(model: DigestModel, header: string, embeds: APIEmbed[], labels: PaperControlLabels): OutgoingMessage[] {
  const threadName = fitPlain(model.title, LIMITS.threadName) || model.date;
  const reply = (content: string | undefined, replyEmbeds: APIEmbed[], cards: PaperCard[]): OutgoingMessage => {
    const message = papersMessage(content, replyEmbeds, cards, labels);
    return { ...message, body: { ...message.body, [THREAD_NAME_KEY]: threadName }, threadParent: 0 };
  };
  const perPaper = embeds.map((embed, i) => reply(undefined, [embed], [model.papers[i]!]));
  const messages: OutgoingMessage[] = [{ body: body(header, []) }, ...perPaper];
  if (model.more?.trim()) messages.push(reply(fitEscaped(model.more.trim(), LIMITS.content), [], []));
  return messages;
}
