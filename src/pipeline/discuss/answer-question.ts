/**
 * A question asked in a discussion thread by mentioning the bot: answered by the LLM from what
 * the store holds for the thread's paper (title, abstract, every summary), in the asker's
 * language, saying so when those texts do not hold the answer; at most `perHour` questions per
 * person in any hour (docs/adr/0020-discuss-threads.md). Returns what to reply, already
 * localized; the adapter escapes it for its platform and posts it in the thread.
 */
import type { Platform } from '../../core/chat-poster.js';
import { cleanQuestion, questionAllowed, questionLocale } from '../../core/discuss-question.js';
import type { ChannelStore } from '../../db/channel-store.js';
import type { DiscussStore } from '../../db/discuss-store.js';
import type { PaperReader } from '../../db/paper-reader.js';
import type { UserStore } from '../../db/user-store.js';
import { createTranslator } from '../../i18n/translator.js';
import type { Logger } from '../../log.js';
import { buildQuestionPrompt, parseQuestionAnswer } from '../../summarize/question-prompt.js';
import type { ChatMessage } from '../../summarize/prompt.js';

export interface Question {
  platform: Platform;
  /** Discord guild, Slack team. */
  workspace: string;
  userId: string;
  /** The thread as the store keys it (Discord thread id, Slack `<channel>:<thread_ts>`). */
  thread: string;
  /** The message as the platform gave it, mentions included. */
  text: string;
  /** The bot's own user id, whose mention is not part of the question. */
  botId: string;
  /** The asker's locale as the platform reports it (Slack users.info), if known. */
  platformLocale?: string;
}

/** What to post in the thread: a localized note (not in the texts, rate limited, paper gone…) and/or the model's answer. */
export interface Reply {
  locale: string;
  note?: string;
  /** The model's own words: Markdown from a model, to be made safe by the adapter. */
  answer?: string;
}

export interface QuestionDeps {
  store: DiscussStore;
  reader: PaperReader;
  users: UserStore;
  channels: ChannelStore;
  /** One chat completion; the LLM client's `complete`. */
  complete(messages: ChatMessage[], opts: { deadline: Date }): Promise<string>;
  perHour: number;
  timeoutMs: number;
  now(): Date;
  log: Logger;
}

export type QuestionAnswerer = (question: Question) => Promise<Reply | undefined>;

export function createQuestionAnswerer(deps: QuestionDeps): QuestionAnswerer {
  function localeFor(q: Question, text: string, channel: string): string {
    return questionLocale(text) ?? deps.users.locale(q.platform, q.userId) ?? q.platformLocale ?? deps.channels.find(channel)?.locale ?? 'en';
  }

  return async (q) => {
    const discussion = deps.store.byThread(q.platform, q.thread);
    if (!discussion) return undefined; // a mention in some other thread or channel is not a discussion question
    const text = cleanQuestion(q.text, q.botId);
    const locale = localeFor(q, text, discussion.channel);
    const t = createTranslator(locale).t;
    const note = (key: string, params?: Record<string, string | number>): Reply => ({ locale, note: t(key, params) });
    const paper = deps.reader.getByKey(discussion.paperKey);
    if (!paper) return note('discuss.paper_gone', { title: discussion.title });
    if (!text) return note('discuss.empty_question');
    const now = deps.now();
    const asked = deps.store.questionsSince(q.platform, q.workspace, q.userId, new Date(now.getTime() - 3_600_000).toISOString());
    const verdict = questionAllowed(asked, deps.perHour);
    if (!verdict.allowed) return note('discuss.rate_limited', { limit: deps.perHour, minutes: Math.max(1, Math.ceil((verdict.retryAt.getTime() - now.getTime()) / 60_000)) });
    deps.store.recordQuestion(q.platform, q.workspace, q.userId, paper.key, now.toISOString());
    try {
      const content = await deps.complete(buildQuestionPrompt(paper, text, locale), { deadline: new Date(Date.now() + deps.timeoutMs) });
      const { answer, inTexts } = parseQuestionAnswer(content);
      if (!answer) return note('discuss.llm_failed');
      return { locale, answer, ...(inTexts ? {} : { note: t('discuss.not_in_texts') }) };
    } catch (err) {
      deps.log.warn({ err, thread: q.thread, paper: paper.key }, 'discussion answer failed');
      return note('discuss.llm_failed');
    }
  };
}
