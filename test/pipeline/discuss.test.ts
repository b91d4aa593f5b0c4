/**
 * The discussion use cases on a real in-memory store: one thread per paper and channel (a
 * recording ThreadHost stands in for the platform), and questions answered from the stored
 * texts with a scripted completion, rate limited per person.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/commands.js';
import { silentLogger } from '../../src/log.js';
import { createQuestionAnswerer, type Question } from '../../src/pipeline/discuss/answer-question.js';
import { openDiscussion, threadName, type DiscussionOpening, type ThreadHost } from '../../src/pipeline/discuss/open-discussion.js';
import type { ChatMessage } from '../../src/summarize/prompt.js';
import { setupCommands } from './command-setup.js';

let next = 900;
function recordingHost(options: { gone?: Set<string> } = {}) {
  const created: DiscussionOpening[] = [];
  const reopened: string[] = [];
  const host: ThreadHost = {
    reopen: async (thread) => (reopened.push(thread), !options.gone?.has(thread)),
    create: async (opening) => (created.push(opening), String(next++)),
  };
  return { host, created, reopened };
}

function setup() {
  next = 900;
  const t = setupCommands();
  const deps = { ...t.deps, discuss: { store: t.stores.discuss, questions: true } };
  const dense = t.stores.reader.getByKey('arxiv:2410.20001')!;
  return { ...t, deps, dense };
}

describe('openDiscussion', () => {
  it('makes one thread per paper and channel: a second click reopens it, another channel gets its own', async () => {
    const { deps, ctx, dense } = setup();
    const { host, created, reopened } = recordingHost();
    const first = await openDiscussion(ctx(), dense.id, deps, host);
    const second = await openDiscussion(ctx({ userId: '333333333333333333' }), dense.id, deps, host);
    expect(first).toEqual({ thread: '900', title: dense.title, created: true });
    expect(second).toEqual({ thread: '900', title: dense.title, created: false });
    expect(reopened).toEqual(['900']);
    const elsewhere = await openDiscussion(ctx({ channelId: '111111111111111119' }), dense.id, deps, host);
    expect(elsewhere).toMatchObject({ thread: '901', created: true });
    expect(created).toHaveLength(2);
  });

  it('opens with the full card in the channel’s language and, with an LLM, says how to ask', async () => {
    const { deps, ctx, dense } = setup();
    const { host, created } = recordingHost();
    await openDiscussion(ctx({ platformLocale: 'en-US' }), dense.id, deps, host);
    const opening = created[0]!;
    expect(opening).toMatchObject({ name: dense.title, locale: 'ko', intro: '💬 이 논문에 대한 토론입니다. 저를 멘션해 질문하시면 저장된 초록과 요약을 바탕으로 답합니다.' });
    expect(opening.card.summary!.sections.map((s) => s.text)).toContain('검색 품질을 높이는 강화학습 방법입니다.');
    const quiet = await (async () => {
      const r = recordingHost();
      await openDiscussion(ctx({ channelId: '111111111111111118' }), dense.id, { ...deps, discuss: { ...deps.discuss, questions: false } }, r.host);
      return r.created[0]!;
    })();
    expect(quiet.intro).not.toMatch(/멘션|mention/i);
  });

  it('makes a new thread when the recorded one is gone, and records the new one', async () => {
    const { deps, ctx, dense, stores } = setup();
    const gone = new Set<string>();
    const { host } = recordingHost({ gone });
    await openDiscussion(ctx(), dense.id, deps, host);
    gone.add('900');
    expect(await openDiscussion(ctx(), dense.id, deps, host)).toMatchObject({ thread: '901', created: true });
    expect(stores.discuss.threadFor('discord', ctx().channelId, dense.key)?.thread).toBe('901');
    expect(stores.discuss.byThread('discord', '900')).toBeUndefined();
  });

  it('shares one creation between two clicks at the same moment', async () => {
    const { deps, ctx, dense } = setup();
    const { host, created } = recordingHost();
    const [a, b] = await Promise.all([openDiscussion(ctx(), dense.id, deps, host), openDiscussion(ctx(), dense.id, deps, host)]);
    expect(a.thread).toBe(b.thread);
    expect(created).toHaveLength(1);
  });

  it('refuses a direct message and a paper no longer stored', async () => {
    const { deps, ctx, dense } = setup();
    const { host } = recordingHost();
    await expect(openDiscussion(ctx({ isDirect: true }), dense.id, deps, host)).rejects.toMatchObject({ key: 'discuss.not_here' });
    await expect(openDiscussion(ctx(), 999_999, deps, host)).rejects.toBeInstanceOf(UserError);
  });

  it('cuts a long title to the 100 characters a thread name takes', () => {
    expect([...threadName('x'.repeat(300))]).toHaveLength(100);
    expect(threadName('  two\n lines ')).toBe('two lines');
  });
});

describe('answering questions', () => {
  async function answering(replies: (string | Error)[], perHour = 2) {
    const s = setup();
    const { host } = recordingHost();
    await openDiscussion(s.ctx(), s.dense.id, s.deps, host);
    const prompts: ChatMessage[][] = [];
    const answer = createQuestionAnswerer({
      store: s.stores.discuss, reader: s.stores.reader, users: s.deps.users, channels: s.stores.channels,
      complete: async (messages) => {
        prompts.push(messages);
        const next = replies.shift() ?? '{"answer": "ok", "in_texts": true}';
        if (next instanceof Error) throw next;
        return next;
      },
      perHour, timeoutMs: 1000, now: s.deps.now, log: silentLogger(),
    });
    const q = (text: string, over: Partial<Question> = {}): Question => ({ platform: 'discord', workspace: 'G', userId: 'U1', thread: '900', text, botId: 'B', ...over });
    return { ...s, answer, prompts, q };
  }

  it('answers from the stored texts in the question’s language, and flags an answer the texts do not hold', async () => {
    const { answer, prompts, q, dense } = await answering(['{"answer": "Dense retrieval.", "in_texts": true}', '{"answer": "書かれていません。", "in_texts": false}']);
    expect(await answer(q('<@B> what is it about?'))).toEqual({ locale: 'en', answer: 'Dense retrieval.' });
    expect(prompts[0]![1]!.content).toContain(dense.abstract!.slice(0, 50));
    expect(prompts[0]![1]!.content).toContain('검색 품질을 높이는 강화학습 방법입니다.');
    expect(await answer(q('<@B> GPUは何ですか'))).toEqual({ locale: 'ja', answer: '書かれていません。', note: 'この論文の保存されたアブストラクトと要約には書かれていません:' });
  });

  it('ignores a mention in a thread that is not a discussion', async () => {
    const { answer, q, prompts } = await answering([]);
    expect(await answer(q('<@B> hi', { thread: '12345' }))).toBeUndefined();
    expect(prompts).toHaveLength(0);
  });

  it('limits each person to perHour questions in an hour, counting failed answers, not other people', async () => {
    const { answer, q, prompts } = await answering([new Error('boom')]);
    expect((await answer(q('<@B> first?')))?.note).toBe('I could not get an answer from the language model just now; try again in a few minutes.');
    await answer(q('<@B> second?'));
    expect(await answer(q('<@B> third?'))).toEqual({ locale: 'en', note: 'You have asked 2 questions in the last hour, the most I answer per person. Ask again in 60 minutes.' });
    expect((await answer(q('<@B> mine?', { userId: 'U2' })))?.answer).toBe('ok');
    expect(prompts).toHaveLength(3);
  });

  it('says the paper is gone when it was removed, and asks for a question when there is only the mention', async () => {
    const { answer, q, stores, dense, prompts } = await answering([]);
    // Nothing to tell the language by: the asker's platform locale, else the channel's.
    expect((await answer(q('<@B>', { platformLocale: 'en-US' })))?.note).toMatch(/^Ask your question in the same message as the mention/);
    expect((await answer(q('<@B>')))?.note).toMatch(/^멘션과 같은 메시지에 질문을 적어 주세요/);
    stores.db.prepare('DELETE FROM observations WHERE paper_id = ?').run(dense.id);
    stores.db.prepare('DELETE FROM papers WHERE id = ?').run(dense.id);
    expect(await answer(q('<@B> still there?'))).toEqual({ locale: 'en', note: `The paper “${dense.title}” is no longer in the store, so I can no longer answer questions about it.` });
    expect(prompts).toHaveLength(0);
  });
});

describe('the discussion store', () => {
  it('forgets a person’s questions older than a day when they ask again, and no one else’s', () => {
    const { stores } = setupCommands();
    const d = stores.discuss;
    d.recordQuestion('slack', 'T', 'U1', 'k', '2024-10-28T10:00:00.000Z');
    d.recordQuestion('slack', 'T', 'U2', 'k', '2024-10-28T10:00:00.000Z');
    d.recordQuestion('slack', 'T', 'U1', 'k', '2024-10-30T10:00:00.000Z');
    expect(d.questionsSince('slack', 'T', 'U1', '2000-01-01T00:00:00.000Z')).toEqual(['2024-10-30T10:00:00.000Z']);
    expect(d.questionsSince('slack', 'T', 'U2', '2000-01-01T00:00:00.000Z')).toEqual(['2024-10-28T10:00:00.000Z']);
  });

  it('looks a thread up by paper and channel and by its own id, through indexes', () => {
    const { stores } = setupCommands();
    const plan = (sql: string) => (stores.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan("SELECT * FROM discuss_threads WHERE platform = 'slack' AND channel = 'C' AND paper_key = 'k'")).toMatch(/USING INDEX sqlite_autoindex_discuss_threads_1/);
    expect(plan("SELECT * FROM discuss_threads WHERE platform = 'slack' AND thread = 'C:1'")).toMatch(/USING INDEX discuss_threads_by_thread/);
    expect(plan("SELECT at FROM discuss_questions WHERE platform = 'slack' AND workspace = 'T' AND actor = 'U' AND at > 'x'")).toMatch(/USING (COVERING )?INDEX discuss_questions_by_actor/);
  });
});
