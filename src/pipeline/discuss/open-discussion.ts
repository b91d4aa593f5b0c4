/**
 * A Discuss click: open the paper's discussion thread in this channel, or reopen the one it
 * already has, so every click on the same paper in the same channel leads to one thread
 * (docs/adr/0020-discuss-threads.md). Where and how a thread is made is the platform's: a
 * ThreadHost per click does it. The thread opens with the paper's full card in the channel's
 * language, and, when questions can be answered, a line saying how to ask.
 */
import { buildPaperCard } from '../../core/build-digest.js';
import { UserError, type CommandContext } from '../../core/commands.js';
import type { PaperCard } from '../../core/digest-model.js';
import { createTranslator } from '../../i18n/translator.js';
import { answerLocale } from '../commands/answer-locale.js';
import type { CommandDeps } from '../commands/command-deps.js';

/** What the thread's first message shows. */
export interface DiscussionOpening {
  card: PaperCard;
  /** Thread name: the paper's title, cut to what a platform takes (100). */
  name: string;
  /** One localized line above the card. */
  intro: string;
  /** The channel's language, for labels the platform adds (buttons). */
  locale: string;
}

/** The platform side of one click (Discord: thread on the message, new thread, forum post; Slack: the message's thread). */
export interface ThreadHost {
  /** Brings back a recorded thread (unarchives it); false when it is gone and a new one is needed. */
  reopen(thread: string): Promise<boolean>;
  /** Makes the thread with the opening as its first message; the id the store keeps for it. */
  create(opening: DiscussionOpening): Promise<string>;
}

export interface OpenedDiscussion {
  thread: string;
  title: string;
  /** False when an existing thread was reopened. */
  created: boolean;
}

export const THREAD_NAME_MAX = 100;
/** Each summary section in full, as far as a card can hold it (the digest's cards are cut shorter). */
const FULL_SECTION = 3000;

// Two clicks at once on the same paper in the same channel share one creation (one process; see the ADR).
const inFlight = new Map<string, Promise<OpenedDiscussion>>();

export function threadName(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim() || '…';
  return [...flat].length <= THREAD_NAME_MAX ? flat : `${[...flat].slice(0, THREAD_NAME_MAX - 1).join('')}…`;
}

export async function openDiscussion(ctx: CommandContext, paperId: number, deps: CommandDeps, host: ThreadHost): Promise<OpenedDiscussion> {
  const discuss = deps.discuss;
  if (!discuss) throw new Error('discussion store is not wired');
  if (ctx.isDirect) throw new UserError('discuss.not_here');
  const paper = deps.reader.getById(paperId);
  if (!paper) throw new UserError('error.paper_gone');
  const key = `${ctx.platform}\u0000${ctx.channelId}\u0000${paper.key}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const work = (async (): Promise<OpenedDiscussion> => {
    const known = discuss.store.threadFor(ctx.platform, ctx.channelId, paper.key);
    if (known && (await host.reopen(known.thread))) return { thread: known.thread, title: paper.title, created: false };
    const channel = deps.channels.find(ctx.channelId);
    const loc = channel ? createTranslator(channel.locale) : answerLocale(ctx, deps);
    const card = buildPaperCard(paper, loc, { timeZone: channel?.timezone ?? deps.timezone, maxSummaryChars: FULL_SECTION, ...(deps.sourceLabel ? { sourceLabel: deps.sourceLabel } : {}) });
    const intro = loc.t(discuss.questions ? 'discuss.intro_questions' : 'discuss.intro');
    const thread = await host.create({ card, name: threadName(paper.title), intro, locale: loc.locale });
    discuss.store.save({ platform: ctx.platform, channel: ctx.channelId, paperKey: paper.key, title: paper.title, thread, createdBy: ctx.userId, createdAt: deps.now().toISOString() });
    return { thread, title: paper.title, created: true };
  })();
  inFlight.set(key, work);
  try {
    return await work;
  } finally {
    inFlight.delete(key);
  }
}
