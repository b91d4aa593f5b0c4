/**
 * Discuss on Slack end to end: the real bot (Socket Mode) posts the day's digests to the fake
 * Slack, people click 💬 Discuss (`interactive` envelopes) and ask questions by mentioning the
 * bot in the thread (`app_mention` events), and a fake LLM answers. Every person's message in a
 * discussion thread (`message` events) is recorded as a reply, for the weekly digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage, FakeResponse } from '../fakes/fake-slack.js';
import { clickPayload, eventsEnvelope, interactiveEnvelope, mentionBody, messageBody } from '../fakes/fake-slack-interactions.js';
import { startFakeLlm, type FakeLlm, type FakeLlmRequest } from '../fakes/fake-llm.js';
import { startHarness, type ChannelYaml, type Harness } from './bot-harness.js';
import { eventually } from '../helpers/eventually.js';

/** Several papers per message. */
const DIGEST: ChannelYaml = { platform: 'slack', channel: 'C0JA0000001', locale: 'ja', time: '09:00', timezone: 'Asia/Tokyo' };
/** One paper per message: its own thread is the discussion. */
const ONE: ChannelYaml = { ...DIGEST, channel: 'C0ONE000001', locale: 'en', maxPapers: 1 };
const OUTSIDE = 'C0OUTSIDE01';
const QUESTION_PROMPT = 'You answer questions about one research paper';

let h: Harness;
let llm: FakeLlm;
let seq = 0;
const answers: string[] = [];

beforeAll(async () => {
  llm = await startFakeLlm({ model: 'test-model' });
  llm.reply((req) => (isQuestion(req) ? (answers.shift() ?? '{"answer": "?", "in_texts": true}') : { kind: 'error', status: 400 }));
  h = await startHarness({ start: '2024-10-29T23:00:00Z', channels: [DIGEST, ONE], slackSocketMode: {}, llmBaseUrl: llm.baseUrl });
  h.slack.addUser('U0ALICE', { locale: 'en-US' });
  h.slack.addUser('U0BOB', { locale: 'ja-JP' });
  h.slack.addChannel(OUTSIDE, { member: false });
  await h.publish({});
  await h.tickAt('2024-10-30T00:00:00.000Z');
});

afterAll(async () => {
  await h?.close();
  await llm?.close();
});

function isQuestion(req: FakeLlmRequest): boolean {
  return req.body?.messages?.[0]?.content.startsWith(QUESTION_PROMPT) ?? false;
}

type Button = { action_id: string; value: string };
const buttonsOf = (m: { blocks?: unknown[] }): Button[] => ((m.blocks ?? []) as { type: string; elements?: Button[] }[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const discussButtons = (m: FakeMessage) => buttonsOf(m).filter((b) => b.action_id.startsWith('pb1_discuss_'));

async function click(where: { channel: string; ts: string; ephemeral?: { blocks: unknown[] } }, actionId: string, user = 'U0ALICE'): Promise<FakeResponse['body']> {
  const clicker = { responseName: `d${++seq}`, user };
  await h.slack.sendEnvelope(interactiveEnvelope(clickPayload(h.slack, where as never, actionId, clicker)));
  return eventually(() => h.slack.responses.find((r) => r.name === clicker.responseName)?.body);
}

async function ask(channel: string, threadTs: string, text: string, user = 'U0BOB'): Promise<FakeMessage> {
  const before = h.slackMessages(channel).length;
  await h.slack.sendEnvelope(eventsEnvelope(mentionBody({ user, channel, text, threadTs })));
  return eventually(() => h.slackMessages(channel).slice(before).find((m) => m.thread_ts === threadTs));
}

describe('Discuss on a one-paper message', () => {
  it('uses the message’s thread, opening it with the full card, and points to the same thread on a second click', async () => {
    const [message] = h.slackMessages(ONE.channel);
    const button = discussButtons(message!)[0]!;
    const first = await click({ channel: ONE.channel, ts: message!.ts }, button.action_id);
    const second = await click({ channel: ONE.channel, ts: message!.ts }, button.action_id, 'U0BOB');
    const link = `https://fake-workspace.slack.com/archives/${ONE.channel}/p${message!.ts.replace('.', '')}`;
    expect(first).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(new RegExp(`^Discussion thread opened: <${link}\\|`)) });
    expect(second.text).toMatch(new RegExp(`^このチャンネルでのこの論文のディスカッション: <${link}\\|`));
    const replies = h.slackMessages(ONE.channel).filter((m) => m.thread_ts === message!.ts && m.ts !== message!.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/^💬 Discussion of this paper\. Mention me with a question/);
    // The card: title section with the paper's link, its summary, its buttons (Discuss included).
    expect(JSON.stringify(replies[0]!.blocks)).toContain(button.value.replace('pb1:discuss:', 'pb1:up:'));
  });

  it('answers a mention in the thread from the stored texts, in the asker’s language, escaped so nothing pings', async () => {
    const [message] = h.slackMessages(ONE.channel);
    answers.push('{"answer": "<!channel> **精度** は 79% から 83% に上がりました & <@U0ALICE> も確認済み。", "in_texts": true}');
    const before = llm.completions().filter(isQuestion).length;
    const reply = await ask(ONE.channel, message!.ts, '<@U0PAPERBOY> 性能はどれくらい上がりましたか？ <!here> *bold* `code`');
    expect(reply.text).toBe('&lt;!channel&gt; *精度* は 79% から 83% に上がりました &amp; &lt;@U0ALICE&gt; も確認済み。');
    const prompt = llm.completions().filter(isQuestion)[before]!.body!.messages!.map((m) => m.content).join('\n');
    expect(prompt).toContain('Answer the question below in Japanese (日本語)');
    expect(prompt).toContain('性能はどれくらい上がりましたか？ *bold* `code`');
    expect(prompt).not.toMatch(/<@U0PAPERBOY>|<!here>/);
  });

  it('does not answer a mention outside a discussion thread', async () => {
    const before = llm.completions().length;
    await h.slack.sendEnvelope(eventsEnvelope(mentionBody({ user: 'U0BOB', channel: ONE.channel, text: '<@U0PAPERBOY> hi', threadTs: '1700000000.000001' })));
    await new Promise((r) => setTimeout(r, 200));
    expect(llm.completions().length).toBe(before);
  });
});

describe('replies in a discussion thread', () => {
  const replies = () => h.bot.stores.db.prepare('SELECT message_id, thread, actor FROM discuss_replies ORDER BY rowid').all() as { message_id: string; thread: string; actor: string }[];
  const send = async (body: Record<string, unknown>, retry = 0) => {
    await h.slack.sendEnvelope(eventsEnvelope(body, retry));
    return (body.event as { ts: string }).ts;
  };

  it('records each person’s message in the thread once, however often Slack sends it, and none of the bot’s, edits or other threads', async () => {
    const [message] = h.slackMessages(ONE.channel);
    const thread = `${ONE.channel}:${message!.ts}`;
    const before = replies().length;
    const first = messageBody({ user: 'U0ALICE', channel: ONE.channel, threadTs: message!.ts, text: 'Interesting ablation.' });
    const ts = await send(first);
    await send(first, 1); // Slack's retry of the same event
    await send(messageBody({ user: 'U0PAPERBOY', botId: 'B0PAPERBOY', channel: ONE.channel, threadTs: message!.ts })); // the bot's own message
    await send(messageBody({ botId: 'B0OTHERBOT', channel: ONE.channel, threadTs: message!.ts, subtype: 'bot_message' }));
    await send(messageBody({ user: 'U0ALICE', channel: ONE.channel, threadTs: message!.ts, subtype: 'message_changed' }));
    await send(messageBody({ user: 'U0BOB', channel: ONE.channel })); // top level, not in a thread
    await send(messageBody({ user: 'U0BOB', channel: ONE.channel, threadTs: '1700000000.000001' })); // another thread
    await send(messageBody({ user: 'U0BOB', channel: OUTSIDE, threadTs: message!.ts })); // the same ts in another channel
    const last = await send(messageBody({ user: 'U0BOB', channel: ONE.channel, threadTs: message!.ts, subtype: 'thread_broadcast' }));
    // Events are handled in order: once the last is in, the others have been seen.
    await eventually(() => (replies().length === before + 2 ? true : undefined));
    expect(replies().slice(before)).toEqual([
      { message_id: `${ONE.channel}:${ts}`, thread, actor: 'U0ALICE' },
      { message_id: `${ONE.channel}:${last}`, thread, actor: 'U0BOB' },
    ]);
  });

  it('no longer counts a message its author deleted', async () => {
    const [message] = h.slackMessages(ONE.channel);
    const before = replies().length;
    const ts = await send(messageBody({ user: 'U0BOB', channel: ONE.channel, threadTs: message!.ts }));
    await eventually(() => (replies().length === before + 1 ? true : undefined));
    await send(messageBody({ user: 'U0BOB', channel: ONE.channel, threadTs: message!.ts, deletedTs: ts }));
    await eventually(() => (replies().length === before ? true : undefined));
    expect(replies().map((r) => r.message_id)).not.toContain(`${ONE.channel}:${ts}`);
  });
});

describe('Discuss on a message of several papers', () => {
  it('posts the paper’s card as a new message whose thread is the discussion, once', async () => {
    const [digest] = h.slackMessages(DIGEST.channel);
    const button = discussButtons(digest!)[2]!;
    const before = h.slackMessages(DIGEST.channel).length;
    const first = await click({ channel: DIGEST.channel, ts: digest!.ts }, button.action_id, 'U0BOB');
    await click({ channel: DIGEST.channel, ts: digest!.ts }, button.action_id);
    const added = h.slackMessages(DIGEST.channel).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]!.thread_ts).toBeUndefined();
    expect(added[0]!.text).toMatch(/^💬 この論文についてのディスカッションです。/);
    expect(first.text).toMatch(/^ディスカッションのスレッドを開きました: </);
  });

  it('tells a question in the thread of a paper removed since that the paper is gone', async () => {
    const root = h.slackMessages(DIGEST.channel).at(-1)!;
    const row = h.bot.stores.db.prepare('SELECT paper_key, title FROM discuss_threads WHERE thread = ?').get(`${DIGEST.channel}:${root.ts}`) as { paper_key: string; title: string };
    const id = h.bot.stores.reader.getByKey(row.paper_key)!.id;
    h.bot.stores.db.prepare('DELETE FROM observations WHERE paper_id = ?').run(id);
    h.bot.stores.db.prepare('DELETE FROM papers WHERE id = ?').run(id);
    const reply = await ask(DIGEST.channel, root.ts, '<@U0PAPERBOY> what about the baselines?', 'U0ALICE');
    expect(reply.text).toBe(`_The paper “${row.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}” is no longer in the store, so I can no longer answer questions about it._`);
  });
});

describe('Discuss where the bot cannot post', () => {
  it('answers the clicker that it must be invited, in their language', async () => {
    const [message] = h.slackMessages(ONE.channel);
    const ephemeral = { blocks: message!.blocks as unknown[] };
    const answer = await click({ channel: OUTSIDE, ts: '1730250000.000100', ephemeral }, discussButtons(message!)[0]!.action_id, 'U0BOB');
    expect(answer.text).toBe('このチャンネルのメンバーではないため、ディスカッションを始められません。先に私を招待してください（/invite @Paperboy）。');
    expect(h.slackMessages(OUTSIDE)).toEqual([]);
  });
});
