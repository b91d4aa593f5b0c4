/**
 * 👍 / 👎 on Slack end to end: the real bot posts a day's digest to the fake Slack, then people
 * click the buttons on what it posted and react to its one-paper messages, over Socket Mode
 * (`interactive` and `events_api` envelopes). What the clicks recorded is read back from the
 * bot's database, and the channel's ranking of the day's papers changes with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRankDocReader } from '../../src/db/rank-doc-reader.js';
import { buildRelevance, openStores } from '../../src/main.js';
import type { FakeResponse } from '../fakes/fake-slack.js';
import { clickPayload, eventsEnvelope, interactiveEnvelope, reactionBody, type Clicker, type Reaction } from '../fakes/fake-slack-interactions.js';
import { arxivRss, CHANNELS, startHarness, type ArxivItem, type ChannelYaml, type Harness } from './bot-harness.js';
import { eventually } from '../helpers/eventually.js';

/** One message per paper (thread replies), so reactions there are votes. */
const THREADED: ChannelYaml = { ...CHANNELS.slackEn, layout: 'thread' };
/** Several papers per message: buttons work, reactions are ignored. */
const DIGEST: ChannelYaml = { ...CHANNELS.slackEn, channel: 'C0EN0000002' };
const SLOT = '2024-10-30T11:00:00.000Z';

let h: Harness;
let seq = 0;
const responseTo = (name: string) => eventually(() => h.slack.responses.find((r) => r.name === name)?.body, `a response_url post for ${name}`);

type Stores = ReturnType<typeof openStores>;
let reader: Stores;

beforeAll(async () => {
  h = await startHarness({ start: '2024-10-30T10:00:00Z', channels: [THREADED, DIGEST], slackSocketMode: {} });
  h.slack.addUser('U0ALICE', { locale: 'en-US' });
  h.slack.addUser('U0BOB', { locale: 'ja-JP' });
  await h.publish({});
  await h.tickAt(SLOT);
  reader = openStores(h.dbFile);
});

afterAll(async () => {
  reader?.close();
  await h?.close();
});

type Button = { type: string; action_id: string; value: string; style?: string; text: { text: string } };
type Block = { type: string; elements?: Button[]; text?: { text: string } };
const blocksOf = (m: { blocks?: unknown[] }): Block[] => (m.blocks ?? []) as Block[];
const buttonsOf = (m: { blocks?: unknown[] }): Button[] => blocksOf(m).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
/** The thread replies of the threaded digest: one paper each. */
const paperMessages = () => h.slackMessages(THREADED.channel).filter((m) => m.thread_ts && m.thread_ts !== m.ts);

function events(paperId?: number): { team: string; channel: string; actor: string; paper_id: number; value: number; origin: string; workspace: string }[] {
  const rows = reader.db.prepare('SELECT * FROM feedback_events ORDER BY id').all() as ReturnType<typeof events>;
  return paperId === undefined ? rows : rows.filter((r) => r.paper_id === paperId);
}

async function click(where: { channel: string; ts: string; ephemeral?: { blocks: unknown[] } }, actionId: string, who: Partial<Clicker> & { user: string }): Promise<FakeResponse['body']> {
  const clicker = { responseName: `c${++seq}`, ...who };
  const ack = await h.slack.sendEnvelope(interactiveEnvelope(clickPayload(h.slack, where as never, actionId, clicker)));
  // The ack carries no answer: the answer goes to response_url.
  expect(ack.payload ?? {}).toEqual({});
  return responseTo(clicker.responseName);
}

async function react(r: Omit<Reaction, 'channel'> & { channel?: string }, retry = 0): Promise<void> {
  await h.slack.sendEnvelope(eventsEnvelope(reactionBody({ channel: THREADED.channel, ...r }), retry));
}

/** Waits until the fake Slack's count of open Socket Mode connections satisfies `ok`. */
async function connections(ok: (n: number) => boolean): Promise<void> {
  await eventually(() => ok(h.slack.socketConnections), 'the Socket Mode connections');
}

/** Waits until the bot's database shows `n` feedback events (a listener runs after its ack). */
async function settled(n: number): Promise<void> {
  await eventually(() => events().length >= n, `${n} feedback events`);
}

describe('feedback on Slack', () => {
  it('posts every paper with 👍 / 👎 / more-like-this buttons and remembers which papers each message shows', () => {
    const replies = paperMessages();
    expect(replies.length).toBeGreaterThan(3);
    for (const m of replies) {
      const buttons = buttonsOf(m);
      expect(buttons.map((b) => b.text.text)).toEqual(['👍', '👎', 'More like this', '⭐ Save', '💬 Discuss']);
      const id = Number(/^pb1:up:(\d+)$/.exec(buttons[0]!.value)?.[1]);
      expect(buttons.map((b) => b.value)).toEqual([`pb1:up:${id}`, `pb1:down:${id}`, `pb1:similar:${id}`, `pb1:save:${id}`, `pb1:discuss:${id}`]);
      expect(buttons.map((b) => b.action_id)).toEqual([`pb1_up_${id}`, `pb1_down_${id}`, `pb1_similar_${id}`, `pb1_save_${id}`, `pb1_discuss_${id}`]);
      expect(reader.outbox.papersOfMessage(m.ts)).toEqual([id]);
    }
    const digest = h.slackMessages(DIGEST.channel);
    const shown = digest.flatMap((m) => reader.outbox.papersOfMessage(m.ts));
    expect(shown).toEqual(digest.flatMap((m) => buttonsOf(m).filter((b) => b.action_id.startsWith('pb1_up_')).map((b) => Number(b.value.split(':')[2]))));
    expect(new Set(shown).size).toBe(replies.length);
  });

  it('records a click once under a repeated delivery, confirms it privately with an Undo, and undoes it', async () => {
    const message = paperMessages()[0]!;
    const up = buttonsOf(message)[0]!;
    const paperId = Number(up.value.split(':')[2]);
    const before = events().length;
    const where = { channel: THREADED.channel, ts: message.ts };
    const answer = await click(where, up.action_id, { user: 'U0ALICE', actionTs: '1730286000.000100' });
    // The same click delivered again (a retry): answered again, recorded once.
    await click(where, up.action_id, { user: 'U0ALICE', actionTs: '1730286000.000100' });
    expect(events().length).toBe(before + 1);
    expect(events(paperId).at(-1)).toMatchObject({ value: 1, origin: 'button', actor: 'U0ALICE', channel: THREADED.channel, workspace: 'T0FAKE' });
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.text)).toMatch(/^👍 Noted for “/);
    const undo = buttonsOf(answer as { blocks?: unknown[] }).find((b) => b.value === `pb1:undo:${paperId}`)!;
    expect(undo).toMatchObject({ action_id: `pb1_undo_${paperId}`, style: 'danger', text: { text: 'Undo' } });

    const undone = await click({ ...where, ephemeral: { blocks: answer.blocks as unknown[] } }, undo.action_id, { user: 'U0ALICE' });
    expect(undone).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(String(undone.text)).toMatch(/^Your vote on “.*” is undone\.$/);
    expect(events(paperId).at(-1)).toMatchObject({ value: 0, actor: 'U0ALICE' });
  });

  it('answers "more like this" with cards that carry their own buttons, in the clicker’s language', async () => {
    const message = paperMessages()[1]!;
    const similar = buttonsOf(message)[2]!;
    const before = events().length;
    const answer = await click({ channel: THREADED.channel, ts: message.ts }, similar.action_id, { user: 'U0BOB' });
    expect(events().length).toBe(before);
    expect(answer.response_type).toBe('ephemeral');
    const cards = blocksOf(answer as { blocks?: unknown[] }).filter((b) => b.type === 'actions');
    expect(cards.length).toBeGreaterThan(0);
    for (const row of cards) expect(row.elements!.map((b) => b.text.text)).toEqual(['👍', '👎', '似た論文', '⭐ 保存', '💬 ディスカッション']);
    expect(cards.map((row) => row.elements![0]!.value)).not.toContain(similar.value.replace('similar', 'up'));
  });

  it('answers a button of another version and a paper that is gone, recording nothing', async () => {
    const message = paperMessages()[2]!;
    const up = buttonsOf(message)[0]!;
    const before = events().length;
    const payload = clickPayload(h.slack, { channel: THREADED.channel, ts: message.ts }, up.action_id, { user: 'U0ALICE', responseName: 'stale' });
    const action = (payload.actions as Record<string, unknown>[])[0]!;
    await h.slack.sendEnvelope(interactiveEnvelope({ ...payload, actions: [{ ...action, value: 'pb2:vote:up:7' }] }));
    expect(String((await responseTo('stale')).text)).toBe('This button is from another version of Paperboy and no longer works. Use /papers like or /papers dislike instead.');
    const gone = { ...payload, response_url: h.slack.responseUrl('gone'), actions: [{ ...action, value: 'pb1:up:987654' }] };
    await h.slack.sendEnvelope(interactiveEnvelope(gone));
    expect(String((await responseTo('gone')).text)).toBe('This paper is no longer in the store (it may have been removed); its buttons no longer work.');
    expect(events().length).toBe(before);
  });

  it('keeps the same person’s clicks in two workspaces apart', async () => {
    const message = paperMessages()[3]!;
    const [up, down] = buttonsOf(message);
    const paperId = Number(up!.value.split(':')[2]);
    await click({ channel: THREADED.channel, ts: message.ts }, up!.action_id, { user: 'U0CAROL', team: 'T0FAKE' });
    await click({ channel: THREADED.channel, ts: message.ts }, down!.action_id, { user: 'U0CAROL', team: 'T0OTHER' });
    const relevance = buildRelevance(reader);
    const votesIn = (workspace: string) => relevance.feedback.votes({ kind: 'person', platform: 'slack', workspace, user: 'U0CAROL' });
    expect(votesIn('T0FAKE')).toEqual([expect.objectContaining({ paperId, value: 1 })]);
    expect(votesIn('T0OTHER')).toEqual([expect.objectContaining({ paperId, value: -1 })]);
  });

  it('counts 👍 / 👎 reactions on a one-paper message, once per event, undoes on removal, and ignores other messages', async () => {
    const message = paperMessages()[4] ?? paperMessages()[0]!;
    const paperId = reader.outbox.papersOfMessage(message.ts)[0]!;
    const before = events().length;
    await react({ type: 'reaction_added', user: 'U0DAVE', reaction: '+1::skin-tone-3', ts: message.ts, eventId: 'Ev0REACT0001' });
    await react({ type: 'reaction_added', user: 'U0DAVE', reaction: '+1::skin-tone-3', ts: message.ts, eventId: 'Ev0REACT0001' }, 1);
    await settled(before + 1);
    expect(events(paperId).at(-1)).toMatchObject({ value: 1, origin: 'reaction', actor: 'U0DAVE', channel: THREADED.channel });

    // A 👎 since then: removing the old 👍 does not undo it.
    await react({ type: 'reaction_added', user: 'U0DAVE', reaction: 'thumbsdown', ts: message.ts });
    await settled(before + 2);
    await react({ type: 'reaction_removed', user: 'U0DAVE', reaction: '+1', ts: message.ts });
    await react({ type: 'reaction_removed', user: 'U0DAVE', reaction: '-1', ts: message.ts });
    await settled(before + 3);
    expect(events(paperId).slice(-2).map((e) => e.value)).toEqual([-1, 0]);

    // Not votes: another emoji, the header message, a message showing several papers.
    const header = h.slackMessages(THREADED.channel)[0]!;
    const multi = h.slackMessages(DIGEST.channel).find((m) => reader.outbox.papersOfMessage(m.ts).length > 1)!;
    await react({ type: 'reaction_added', user: 'U0DAVE', reaction: 'tada', ts: message.ts });
    await react({ type: 'reaction_added', user: 'U0DAVE', reaction: '+1', ts: header.ts });
    await react({ type: 'reaction_added', user: 'U0DAVE', reaction: '+1', ts: multi.ts, channel: DIGEST.channel });
    // A vote after them, on another paper: once it is in, the events before it were handled too.
    const other = paperMessages()[5] ?? paperMessages()[1]!;
    await react({ type: 'reaction_added', user: 'U0DAVE', reaction: 'thumbsup', ts: other.ts });
    await settled(before + 4);
    expect(events().slice(before + 3).map((e) => e.paper_id)).toEqual(reader.outbox.papersOfMessage(other.ts));
    // Nothing was posted in answer to a reaction.
    expect(h.slack.requests.filter((r) => r.method === 'chat.postEphemeral' || (r.method === 'chat.postMessage' && r.params.channel === THREADED.channel)).length).toBe(paperMessages().length + 1);
  });

  it('after a restart, a button on the old message still works and a click delivered again is still recorded once', async () => {
    const message = paperMessages()[1]!;
    const down = buttonsOf(message)[1]!;
    const paperId = Number(down.value.split(':')[2]);
    const where = { channel: THREADED.channel, ts: message.ts };
    await click(where, down.action_id, { user: 'U0ERIN', actionTs: '1730289600.000500' });
    await h.stop();
    await connections((n) => n === 0);
    await h.start();
    await connections((n) => n === 1);
    const again = await click(where, down.action_id, { user: 'U0ERIN', actionTs: '1730289600.000500' });
    expect(String(again.text)).toMatch(/^👎 /);
    expect(events(paperId).filter((e) => e.actor === 'U0ERIN')).toHaveLength(1);
    await click(where, buttonsOf(message)[0]!.action_id, { user: 'U0ERIN' });
    expect(events(paperId).filter((e) => e.actor === 'U0ERIN').map((e) => e.value)).toEqual([-1, 1]);
  });

  it('a 👍 in the channel changes how the channel’s ranking orders the next day’s papers', async () => {
    const message = h.slackMessages(DIGEST.channel).find((m) => reader.outbox.papersOfMessage(m.ts).length > 1)!;
    const up = buttonsOf(message).filter((b) => b.action_id.startsWith('pb1_up_')).at(-1)!;
    const liked = reader.reader.getById(Number(up.value.split(':')[2]))!;
    // Thursday: an unrelated paper first, then one on the liked paper's subject.
    const THU = 'Thu, 31 Oct 2024 00:00:00 -0400';
    const item = (id: string, title: string): ArxivItem => ({ id, title, abstract: `${title}. We study it in depth.`, authors: 'Ada Lovelace', categories: ['cs.AI'], pubDate: THU });
    h.clock.set('2024-10-30T18:00:00.000Z');
    await h.publish({ 'arxiv-cs.AI': arxivRss([item('2410.23901', 'Lattice models of protein folding kinetics'), item('2410.23902', `${liked.title}, revisited`)], THU) });
    const tomorrow = createRankDocReader(reader.db).byIds(['arxiv:2410.23901', 'arxiv:2410.23902'].map((key) => reader.reader.getByKey(key)!.id));
    const relevance = buildRelevance(reader);
    const ref = { kind: 'channel', platform: 'slack', channel: DIGEST.channel } as const;
    // No vote yet: no ranking, the digest keeps votes order.
    expect(relevance.ranker.rank(ref, tomorrow)).toBeUndefined();
    await click({ channel: DIGEST.channel, ts: message.ts }, up.action_id, { user: 'U0ALICE' });
    const ranked = relevance.ranker.rank(ref, tomorrow)!;
    expect(ranked.map((r) => r.id)).toEqual([reader.reader.getByKey('arxiv:2410.23902')!.id, reader.reader.getByKey('arxiv:2410.23901')!.id]);
    // The vote is this channel's: a channel nobody clicked in still has no ranking.
    expect(relevance.ranker.rank({ kind: 'channel', platform: 'slack', channel: 'C0QUIET0001' }, tomorrow)).toBeUndefined();
  });
});
