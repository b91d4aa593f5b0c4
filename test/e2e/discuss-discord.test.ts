/**
 * Discuss on Discord end to end: the real bot posts the day's digests to the fake Discord, people
 * click 💬 Discuss (INTERACTION_CREATE over the fake gateway) and ask questions by mentioning the
 * bot in the thread (MESSAGE_CREATE), and a fake LLM answers. Every body the bot sends is checked
 * against Discord's OpenAPI spec by the fake (the harness fails the file if one is refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/fake-discord.js';
import { DEFAULT_BOT_ROLE, DEFAULT_EVERYONE, PERMISSION } from '../fakes/fake-discord-guilds.js';
import { startFakeLlm, type FakeLlm, type FakeLlmRequest } from '../fakes/fake-llm.js';
import { startHarness, type ChannelYaml, type Harness } from './bot-harness.js';
import { eventually } from '../helpers/eventually.js';

const GUILD = '1100000000000000001';
/** Several papers per message: a "Discuss…" select. */
const DIGEST: ChannelYaml = { platform: 'discord', channel: '1300000000000000001', locale: 'ko', time: '09:00', timezone: 'Asia/Seoul' };
/** One paper per message: a 💬 button, and the thread starts on the message. */
const ONE: ChannelYaml = { ...DIGEST, channel: '1300000000000000011', maxPapers: 1 };
/** The bot may post here but not create threads. */
const LOCKED: ChannelYaml = { ...DIGEST, channel: '1300000000000000021', locale: 'en', maxPapers: 1 };
const USER = { id: '222222222222222222', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
const OTHER = '222222222222222223';
const ALL = DEFAULT_EVERYONE | DEFAULT_BOT_ROLE;
const QUESTION_PROMPT = 'You answer questions about one research paper';

let h: Harness;
let llm: FakeLlm;
let seq = 0;
const answers: string[] = [];

beforeAll(async () => {
  llm = await startFakeLlm({ model: 'test-model' });
  // Summary requests (before digests) are refused, so the cards show the stored summaries; questions take the scripted answers.
  llm.reply((req) => (isQuestion(req) ? (answers.shift() ?? '{"answer": "?", "in_texts": true}') : { kind: 'error', status: 400 }));
  h = await startHarness({ start: '2024-10-29T23:00:00Z', channels: [DIGEST, ONE, LOCKED], llmBaseUrl: llm.baseUrl, config: { discuss: { questionsPerHour: 2 } } });
  h.discord.addChannel(LOCKED.channel, { guildId: GUILD, kind: 'no-threads' });
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

/** A component click on a message the bot posted, as Discord sends it (the message comes with it). */
function click(channel: string, message: Json, data: Json, { locale = 'ko', permissions = ALL } = {}) {
  seq++;
  return { id: String(1300000000000000000n + BigInt(seq)), application_id: h.discord.bot.id, type: 3, data, token: `discuss-${seq}`, version: 1, locale,
    app_permissions: String(permissions), entitlements: [], authorizing_integration_owners: {}, guild_id: GUILD, channel_id: channel, guild_locale: 'ko', context: 0,
    channel: { id: channel, type: 0, guild_id: GUILD, name: 'papers' }, message,
    member: { user: USER, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '0' } };
}

/** Sends the click and returns the deferred answer's final content (the editReply). */
async function send(payload: ReturnType<typeof click>): Promise<string> {
  h.discord.dispatch('INTERACTION_CREATE', payload);
  const edit = await eventually(() => h.discord.webhookCalls.find((c) => c.token === payload.token && c.method === 'PATCH'));
  const callback = h.discord.interactionCallbacks.find((c) => c.token === payload.token);
  expect(callback?.body).toMatchObject({ type: 5, data: { flags: 64 } }); // deferred, ephemeral
  return String((edit.body as Json).content);
}

const paperMessage = (channel: string) => h.discordMessages(channel).find((m) => (m.components as unknown[]).length > 0)!;
const threadsOf = (parent: string) => [...h.discord.channels.keys()].filter((id) => h.discord.thread(id)?.parent_id === parent);
const buttonOf = (m: Json, verb: string) => ((m.components as { components: Json[] }[])[0]!.components).find((c) => String(c.custom_id).startsWith(`pb1:${verb}:`))!;
const paperIdOf = (m: Json) => Number(String(buttonOf(m, 'discuss').custom_id).split(':')[2]);

async function ask(thread: string, content: string, mentions = [h.discord.bot.id]): Promise<Json> {
  const before = h.discordMessages(thread).length;
  const asked = h.discord.say(thread, { id: USER.id, username: 'reader' }, content, mentions);
  return eventually(() => h.discordMessages(thread).slice(before).find((m) => (m.message_reference as Json | undefined)?.message_id === asked.id) as Json | undefined);
}

describe('Discuss on a one-paper message', () => {
  let thread: string;

  it('starts a thread on the message, opening with the full card in the channel’s language, and asks for the intent to read mentions', async () => {
    const message = paperMessage(ONE.channel);
    const answer = await send(click(ONE.channel, message, { custom_id: buttonOf(message, 'discuss').custom_id, component_type: 2 }, { locale: 'en-US' }));
    thread = message.id;
    expect(threadsOf(ONE.channel)).toEqual([thread]);
    expect(h.discord.thread(thread)).toMatchObject({ type: 11, parent_id: ONE.channel, name: (message.embeds[0] as Json).title });
    expect(answer).toBe(`Discussion thread opened: <#${thread}> (${String((message.embeds[0] as Json).title)})`);
    const [opening] = h.discordMessages(thread);
    expect(opening!.content).toBe('💬 이 논문에 대한 토론입니다. 저를 멘션해 질문하시면 저장된 초록과 요약을 바탕으로 답합니다.');
    const embed = opening!.embeds[0] as { title: string; description: string };
    expect(embed.title).toBe((message.embeds[0] as Json).title);
    // The full summary, at least as long as the digest card's (cut shorter there), in Korean.
    expect(embed.description.length).toBeGreaterThanOrEqual(String((message.embeds[0] as Json).description).length);
    expect(embed.description).toMatch(/[\uac00-\ud7a3]/);
    expect(h.discord.identifies.at(-1)!.intents as number & 512).toBeTruthy();
    expect((h.discord.identifies.at(-1)!.intents as number) & (1 << 15)).toBe(0); // no privileged MessageContent
  });

  it('reopens the same thread on a second click, and unarchives it when Discord archived it', async () => {
    const message = paperMessage(ONE.channel);
    const again = await send(click(ONE.channel, message, { custom_id: buttonOf(message, 'discuss').custom_id, component_type: 2 }));
    expect(again).toContain(`<#${thread}>`);
    expect(again).toMatch(/^이 채널에서 이 논문의 토론/);
    h.discord.archiveThread(thread);
    const third = await send(click(ONE.channel, message, { custom_id: buttonOf(message, 'discuss').custom_id, component_type: 2 }));
    expect(third).toContain(`<#${thread}>`);
    expect(h.discord.thread(thread)).toMatchObject({ thread_metadata: { archived: false } });
    expect(threadsOf(ONE.channel)).toEqual([thread]);
    expect(h.discordMessages(thread).filter((m) => m.embeds.length)).toHaveLength(1); // the card once
  });

  it('answers a question that mentions the bot from the stored texts, in the asker’s language, through the LLM', async () => {
    answers.push('{"answer": "Llama-3-8B-Instruct의 정확도가 79%에서 83%로 올랐습니다.", "in_texts": true}');
    const before = llm.completions().filter(isQuestion).length;
    const reply = await ask(thread, `<@${h.discord.bot.id}> 성능이 얼마나 좋아졌나요?`);
    expect(reply.content).toBe('Llama-3-8B-Instruct의 정확도가 79%에서 83%로 올랐습니다.');
    expect(reply).toMatchObject({ message_reference: { message_id: expect.any(String) } });
    const request = llm.completions().filter(isQuestion)[before]!;
    const prompt = request.body!.messages!.map((m) => m.content).join('\n');
    const paperId = paperIdOf(paperMessage(ONE.channel));
    const paper = h.bot.stores.reader.getById(paperId)!;
    expect(prompt).toContain('Answer the question below in Korean (한국어)');
    expect(prompt).toContain(paper.abstract!.slice(0, 80));
    for (const s of paper.summaries) expect(prompt).toContain(s.sections[0]!.text.trim().slice(0, 40));
    expect(prompt).toContain('성능이 얼마나 좋아졌나요?');
    expect(prompt).not.toContain(h.discord.bot.id);
  });

  it('never pings anyone from a question full of mentions and markdown, and says when the texts do not hold the answer', async () => {
    answers.push('{"answer": "@everyone The texts do not say; <@222222222222222223> may know. **unclosed ```code", "in_texts": false}');
    const before = llm.completions().filter(isQuestion).length;
    const reply = await ask(thread, `<@${h.discord.bot.id}> @everyone <@${OTHER}> what **GPU** did they use? \`\`\` ||spoiler`, [h.discord.bot.id, OTHER]);
    const body = h.discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${thread}/messages`)).at(-1)!.body as Json;
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.content).toMatch(/^\*Not found in the stored abstract and summaries of this paper:\*\n\n/);
    expect(reply.content).toContain('@\u200beveryone');
    expect((String(reply.content).match(/```/g) ?? []).length % 2).toBe(0);
    const question = llm.completions().filter(isQuestion)[before]!.body!.messages![1]!.content;
    expect(question).toContain('everyone @someone what **GPU** did they use?');
    expect(question).not.toMatch(/<@|@everyone/);
  });

  it('limits questions per person per hour, without asking the LLM', async () => {
    const before = llm.completions().filter(isQuestion).length;
    const reply = await ask(thread, `<@${h.discord.bot.id}> one more question please`);
    expect(reply.content).toBe('*You have asked 2 questions in the last hour, the most I answer per person. Ask again in 60 minutes.*');
    expect(llm.completions().filter(isQuestion).length).toBe(before);
  });

  it('ignores messages that do not mention the bot', async () => {
    const before = h.discordMessages(thread).length;
    h.discord.say(thread, { id: OTHER }, 'just chatting', []);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.discordMessages(thread).length).toBe(before + 1);
  });

  it('records every person’s message in the thread as a reply (who and when, not what), but none elsewhere and not the bot’s', async () => {
    const rows = () => h.bot.stores.db.prepare('SELECT * FROM discuss_replies WHERE thread = ? ORDER BY rowid').all(thread) as Json[];
    const all = () => h.bot.stores.db.prepare('SELECT count(*) FROM discuss_replies').pluck().get() as number;
    // So far: the three questions (answered or not) and the chat, each once; the bot's answers are its own posts.
    expect(rows().map((r) => r.actor)).toEqual([USER.id, USER.id, USER.id, OTHER]);
    expect(Object.keys(rows()[0]!).sort()).toEqual(['actor', 'at', 'message_id', 'platform', 'thread']);
    const total = all();
    h.discord.say(ONE.channel, { id: OTHER }, 'in the channel, not a discussion', []);
    h.discord.say(thread, { id: h.discord.bot.id, bot: true }, 'the bot itself', []);
    h.discord.say(thread, { id: '333333333333333333', bot: true }, 'another bot', []);
    const last = h.discord.say(thread, { id: OTHER }, 'one more', []);
    await eventually(() => (all() > total ? true : undefined));
    expect(all()).toBe(total + 1);
    expect(rows().at(-1)).toMatchObject({ platform: 'discord', message_id: last.id, actor: OTHER });
  });
});

describe('Discuss on a digest of several papers', () => {
  it('opens a new public thread in the channel named after the paper, once however often it is chosen', async () => {
    const message = paperMessage(DIGEST.channel);
    const menu = (message.components as { components: Json[] }[])[3]!.components[0]!;
    expect(menu.custom_id).toBe('pb1:menu:discuss');
    const option = (menu.options as Json[])[1]!;
    const first = await send(click(DIGEST.channel, message, { custom_id: menu.custom_id, component_type: 3, values: [option.value] }));
    const second = await send(click(DIGEST.channel, message, { custom_id: menu.custom_id, component_type: 3, values: [option.value] }));
    const threads = threadsOf(DIGEST.channel);
    expect(threads).toHaveLength(1);
    expect(h.discord.thread(threads[0]!)).toMatchObject({ type: 11, name: option.label });
    expect(first).toMatch(/^토론 스레드를 열었습니다: /);
    expect(second).toContain(`<#${threads[0]}>`);
    expect(h.discordMessages(threads[0]!)[0]!.embeds).toHaveLength(1);
  });

  it('answers a question in the thread of a paper that has since been removed from the store', async () => {
    const thread = threadsOf(DIGEST.channel)[0]!;
    const title = String(h.discord.thread(thread)!.name);
    const key = h.bot.stores.db.prepare('SELECT paper_key FROM discuss_threads WHERE thread = ?').pluck().get(thread) as string;
    const id = h.bot.stores.reader.getByKey(key)!.id;
    h.bot.stores.db.prepare('DELETE FROM observations WHERE paper_id = ?').run(id);
    h.bot.stores.db.prepare('DELETE FROM papers WHERE id = ?').run(id);
    const before = llm.completions().length;
    const reply = await ask(thread, `<@${h.discord.bot.id}> 이 논문의 데이터셋은?`);
    expect(reply.content).toBe(`*논문 “${title}”은(는) 더 이상 저장소에 없어 이 논문에 대한 질문에 답할 수 없습니다.*`);
    expect(llm.completions().length).toBe(before);
  });
});

describe('Discuss in a forum', () => {
  const FORUM = '1300000000000000031';

  it('makes a forum post whose first message is the card, when the click is in a post of a forum channel', async () => {
    h.discord.addChannel(FORUM, { guildId: GUILD, kind: 'forum' });
    // Someone's post in the forum, where `/papers show` answered with the paper's buttons (an ephemeral message).
    const res = await fetch(`${h.discord.apiUrl}/v10/channels/${FORUM}/threads`, {
      method: 'POST', headers: { authorization: `Bot ${h.discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Reading group', message: { content: 'What should we read this week?' } }),
    });
    const post = (await res.json()) as Json & { id: string };
    const paperId = paperIdOf(paperMessage(ONE.channel));
    const ephemeral = { ...paperMessage(ONE.channel), id: '1400000000000000001', channel_id: post.id, flags: 64 };
    const payload = () => ({ ...click(post.id, ephemeral, { custom_id: `pb1:discuss:${paperId}`, component_type: 2 }), channel: { id: post.id, type: 11, guild_id: GUILD, parent_id: FORUM, name: 'Reading group' } });
    const first = await send(payload());
    const second = await send(payload());
    const posts = threadsOf(FORUM).filter((id) => id !== post.id);
    expect(posts).toHaveLength(1);
    expect(first).toContain(`<#${posts[0]}>`);
    expect(second).toMatch(new RegExp(`^이 채널에서 이 논문의 토론: <#${posts[0]}>`));
    const [opening] = h.discordMessages(posts[0]!);
    expect(opening).toMatchObject({ id: posts[0], content: expect.stringMatching(/^💬/) });
    expect(opening!.embeds).toHaveLength(1);
  });
});

describe('Discuss where the bot may not create threads', () => {
  it('answers in the clicker’s language, naming the missing permissions, and makes no thread', async () => {
    const message = paperMessage(LOCKED.channel);
    const permissions = ALL & ~(PERMISSION.CreatePublicThreads | PERMISSION.SendMessagesInThreads);
    const answer = await send(click(LOCKED.channel, message, { custom_id: buttonOf(message, 'discuss').custom_id, component_type: 2 }, { locale: 'ja', permissions }));
    expect(answer).toBe('このチャンネルではディスカッションのスレッドを開けません。このチャンネルで次の権限が必要です: Create Public Threads, Send Messages in Threads。サーバー管理者に私のロールへこの権限を付けるよう依頼してください（サーバー設定 → ロール、またはチャンネルの権限）。');
    expect(threadsOf(LOCKED.channel)).toEqual([]);
  });
});
