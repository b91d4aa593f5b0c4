/**
 * The reading list on Slack end to end: the real bot posts a digest to the fake Slack over Socket
 * Mode; a person saves papers with the ⭐ buttons on it and with `/papers save`, pages and
 * searches `/papers saved`, and `/papers export` uploads the file into their DM through Slack's
 * external upload flow (files.getUploadURLExternal → upload → files.completeUploadExternal). The
 * exported file, imported into a fresh profile, gives the same papers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeedMatcher } from '../../src/db/seed-matcher.js';
import { readLibrary } from '../../src/library/read-library.js';
import { openStores } from '../../src/main.js';
import { seedsFromLibrary } from '../../src/pipeline/import-interests.js';
import type { FakeResponse } from '../fakes/fake-slack.js';
import { clickPayload, interactiveEnvelope, type Clicker } from '../fakes/fake-slack-interactions.js';
import { CHANNELS, startHarness, type ChannelYaml, type Harness } from './bot-harness.js';
import { eventually } from '../helpers/eventually.js';

const DIGEST: ChannelYaml = { ...CHANNELS.slackEn };
const SLOT = '2024-10-30T11:00:00.000Z';

let h: Harness;
let seq = 0;
let reader: ReturnType<typeof openStores>;

beforeAll(async () => {
  h = await startHarness({ start: '2024-10-30T10:00:00Z', channels: [DIGEST], slackSocketMode: {} });
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

const responseTo = (name: string) => eventually(() => h.slack.responses.find((r) => r.name === name)?.body, `a response_url post for ${name}`);

type Button = { type: string; action_id: string; value: string; style?: string; text: { text: string } };
type Block = { type: string; elements?: Button[]; text?: { text: string } };
const blocksOf = (m: { blocks?: unknown[] }): Block[] => (m.blocks ?? []) as Block[];
const buttonsOf = (m: { blocks?: unknown[] }): Button[] => blocksOf(m).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const saveButtons = () => h.slackMessages(DIGEST.channel).flatMap((m) => buttonsOf(m).filter((b) => b.action_id.startsWith('pb1_save_')).map((b) => ({ m, b })));
const savedIds = (user: string): number[] =>
  (reader.db.prepare("SELECT paper_id FROM saved_papers WHERE platform = 'slack' AND workspace = 'T0FAKE' AND actor = ? ORDER BY saved_at DESC, paper_id DESC").pluck().all(user) as number[]);

async function click(where: { channel: string; ts: string; ephemeral?: { blocks: unknown[] } }, actionId: string, who: Partial<Clicker> & { user: string }) {
  const clicker = { responseName: `c${++seq}`, ...who };
  await h.slack.sendEnvelope(interactiveEnvelope(clickPayload(h.slack, where as never, actionId, clicker)));
  return responseTo(clicker.responseName);
}

async function command(text: string, user: string): Promise<FakeResponse['body']> {
  const name = `cmd${++seq}`;
  await h.slack.sendSlashCommand({ text, user_id: user, channel_id: DIGEST.channel, response_url: h.slack.responseUrl(name) });
  return responseTo(name);
}

describe('the reading list on Slack', () => {
  it('saves a paper with the ⭐ button on a digest, privately, and Undo on the confirmation takes it back', async () => {
    const { m, b } = saveButtons()[0]!;
    const paperId = Number(b.value.split(':')[2]);
    const answer = await click({ channel: DIGEST.channel, ts: m.ts }, b.action_id, { user: 'U0ALICE' });
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.text)).toMatch(/^⭐ Saved “.+” to your reading list \(1 paper\)\.$/);
    expect(savedIds('U0ALICE')).toEqual([paperId]);
    const undo = buttonsOf(answer as { blocks?: unknown[] }).find((x) => x.value === `pb1:unsave:${paperId}`)!;
    const undone = await click({ channel: DIGEST.channel, ts: m.ts, ephemeral: { blocks: answer.blocks as unknown[] } }, undo.action_id, { user: 'U0ALICE' });
    expect(undone).toMatchObject({ replace_original: true });
    expect(String(undone.text)).toMatch(/^Removed “.+” from your reading list\.$/);
    expect(savedIds('U0ALICE')).toEqual([]);
  });

  it('pages /papers saved newest first with its buttons, searches it, and keeps each person’s list apart', async () => {
    const buttons = saveButtons();
    expect(buttons.length).toBeGreaterThan(5);
    for (const { m, b } of buttons) await click({ channel: DIGEST.channel, ts: m.ts }, b.action_id, { user: 'U0ALICE' });
    expect(savedIds('U0ALICE')).toHaveLength(buttons.length);
    expect(savedIds('U0BOB')).toEqual([]);
    const page1 = await command('saved', 'U0ALICE');
    expect(String(page1.text)).toContain(`⭐ Your reading list: ${buttons.length} papers (page 1 of 2)`);
    const next = buttonsOf(page1 as { blocks?: unknown[] }).find((x) => x.value === 'saved|2|')!;
    expect(next.action_id).toBe('papers_page_2');
    const page2 = await click({ channel: DIGEST.channel, ts: '0', ephemeral: { blocks: page1.blocks as unknown[] } }, next.action_id, { user: 'U0ALICE' });
    expect(page2).toMatchObject({ replace_original: true });
    expect(String(page2.text)).toContain('(page 2 of 2)');
    // The newest save is first on page 1; page 2 holds the oldest.
    const newest = reader.reader.getById(savedIds('U0ALICE')[0]!)!.title;
    expect(String(page1.text)).toContain(newest);
    const word = newest.split(/\s+/).find((w) => w.length > 6)!;
    const found = await command(`saved ${word}`, 'U0ALICE');
    expect(String(found.text)).toContain(newest);
    const bob = await command('saved', 'U0BOB');
    expect(String(bob.text)).toMatch(/読書リストは空です/);
  });

  it('exports into the person’s DM as an uploaded file that imports into a fresh profile as the same papers', async () => {
    const answer = await command('export ris', 'U0ALICE');
    expect(answer.response_type).toBe('ephemeral');
    expect(String(answer.text)).toMatch(/📚 Your reading list: \d+ papers as RIS\.\nThe file is in your direct messages with Paperboy\./);
    const dm = h.slack.dmChannel('U0ALICE')!;
    const shared = h.slack.messages.get(dm)!.find((m) => m.files?.length)!;
    expect(shared.text).toMatch(/as RIS\.$/);
    const file = h.slack.files.get(shared.files![0]!.id)!;
    expect(file.name).toMatch(/^paperboy-reading-list-\d{4}-\d{2}-\d{2}\.ris$/);
    expect(file.content!.length).toBe(file.length);
    const methods = h.slack.requests.map((r) => r.method);
    expect(methods).toContain('files.getUploadURLExternal');
    expect(methods).toContain('files.completeUploadExternal');
    expect(methods).not.toContain('files.upload');

    const read = readLibrary(file.content!.toString('utf8'), file.name);
    expect(read.errors).toEqual([]);
    const report = seedsFromLibrary(read.entries, createSeedMatcher(reader.db), { value: 1, origin: 'import', now: '2024-10-30T12:00:00Z' });
    expect(report).toMatchObject({ matched: savedIds('U0ALICE').length, textOnly: 0, waiting: 0 });
    expect(report.seeds.map((s) => s.paperId)).toEqual(savedIds('U0ALICE'));
  });

  it('answers an export of an empty list clearly, in the asker’s language, uploading nothing', async () => {
    const uploads = h.slack.requests.filter((r) => r.method === 'files.getUploadURLExternal').length;
    const answer = await command('export', 'U0BOB');
    expect(String(answer.text)).toMatch(/読書リストが空なので/);
    expect(h.slack.requests.filter((r) => r.method === 'files.getUploadURLExternal')).toHaveLength(uploads);
  });
});
