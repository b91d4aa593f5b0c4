import { describe, expect, it } from 'vitest';
import { createDiscussStore, type DiscussReply } from './discuss-store.js';
import { createEngagementStore, REPLIES_SQL } from './engagement-store.js';
import { createFeedbackStore, type FeedbackEvent } from './feedback-store.js';
import { openDatabase } from './open-database.js';
import { createSavedStore } from './saved-store.js';

function setup() {
  const db = openDatabase(':memory:');
  const insert = db.prepare("INSERT INTO papers (id, key, kind, title, title_norm, first_seen_at, updated_at) VALUES (?, ?, 'paper', 'T', 't', 'x', 'x')");
  for (const id of [1, 2, 3]) insert.run(id, `arxiv:2410.0000${id}`);
  const feedback = createFeedbackStore(db);
  const vote = (over: Partial<FeedbackEvent>) =>
    feedback.record({ platform: 'discord', workspace: 'g', channel: 'C1', actor: 'a', paperId: 1, value: 1, origin: 'button', at: '2024-11-01T00:00:00Z', ...over });
  return { db, store: createEngagementStore(db), vote };
}

describe('engagement store', () => {
  it('counts each member’s latest 👍 or 👎 made in the channel up to an instant', () => {
    const { store, vote } = setup();
    vote({ actor: 'a' });
    vote({ actor: 'b' });
    vote({ actor: 'c', value: -1 });
    vote({ actor: 'b', value: 0, at: '2024-11-02T00:00:00Z' }); // b takes it back
    vote({ actor: 'd', paperId: 2, value: -1 });
    vote({ actor: 'e', paperId: 2, at: '2024-11-09T00:00:00Z' }); // after the week
    vote({ actor: 'f', paperId: 3, channel: 'C2' }); // another channel
    vote({ actor: 'g', paperId: 3, platform: 'slack', channel: 'C1' }); // the same id on the other platform
    vote({ actor: 'h', paperId: 3, at: '2024-10-20T00:00:00Z' }); // before the week
    const week = (until: string) => ({ from: '2024-10-28T00:00:00Z', until });
    const counts = store.votes({ platform: 'discord', channel: 'C1' }, week('2024-11-04T00:00:00Z'));
    expect([...counts].sort()).toEqual([
      [1, { likes: 1, dislikes: 1 }],
      [2, { likes: 0, dislikes: 1 }],
    ]);
    // Before b took it back.
    expect(store.votes({ platform: 'discord', channel: 'C1' }, week('2024-11-01T12:00:00Z')).get(1)).toEqual({ likes: 2, dislikes: 1 });
    expect(store.votes({ platform: 'discord', channel: 'C9' }, week('2024-11-04T00:00:00Z')).size).toBe(0);
  });

  it('reads only the channel’s events, through the feedback_by_channel index', () => {
    const { db } = setup();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT max(id) FROM feedback_events WHERE platform = 'discord' AND channel = 'C1' AND at > 'w' AND at <= 'x' GROUP BY actor, paper_id`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX feedback_by_channel \(platform=\? AND channel=\?/);
  });

  it('counts the people who saved a paper from the channel within the week and still have it saved', () => {
    const { db, store } = setup();
    const saved = createSavedStore(db);
    const save = (user: string, paperId: number, at: string, where: { platform?: string; workspace?: string; channel?: string } = {}) =>
      saved.save({ platform: where.platform ?? 'discord', workspace: where.workspace ?? 'g', user, channel: where.channel ?? 'C1' }, paperId, 'button', at);
    save('a', 1, '2024-11-01T00:00:00Z');
    save('b', 1, '2024-11-02T00:00:00Z');
    save('c', 1, '2024-11-02T00:00:00Z');
    saved.unsave({ platform: 'discord', workspace: 'g', user: 'c' }, 1); // c took it off the list
    save('d', 2, '2024-11-03T00:00:00Z');
    save('e', 2, '2024-11-09T00:00:00Z'); // after the week
    save('f', 3, '2024-11-01T00:00:00Z', { channel: 'C2' }); // another channel
    save('g', 3, '2024-11-01T00:00:00Z', { channel: '' }); // a DM or the command line
    save('h', 3, '2024-11-01T00:00:00Z', { platform: 'slack' }); // the same channel id on the other platform
    const counts = store.saves({ platform: 'discord', channel: 'C1' }, { from: '2024-10-28T00:00:00Z', until: '2024-11-04T00:00:00Z' });
    expect([...counts].sort()).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });
});

describe('discussion replies', () => {
  function withThreads() {
    const t = setup();
    const discuss = createDiscussStore(t.db);
    const thread = (platform: 'discord' | 'slack', channel: string, paperKey: string, id: string) =>
      discuss.save({ platform, channel, paperKey, title: 'T', thread: id, createdBy: 'u', createdAt: '2024-10-20T00:00:00Z' });
    thread('discord', 'C1', 'arxiv:2410.00001', 'T1');
    thread('discord', 'C1', 'arxiv:2410.00002', 'T2');
    thread('discord', 'C2', 'arxiv:2410.00001', 'T3'); // the same paper discussed in another channel
    thread('slack', 'C1', 'arxiv:2410.00003', 'C1:1730000000.000100'); // the same channel id on the other platform
    let n = 0;
    const reply = (thread: string, at: string, over: Partial<DiscussReply> = {}) =>
      discuss.recordReply({ platform: 'discord', thread, messageId: `m${++n}`, actor: 'a', at, ...over });
    return { ...t, discuss, reply };
  }
  const WEEK = { from: '2024-10-28T00:00:00Z', until: '2024-11-04T00:00:00Z' };

  it('counts the replies in each paper’s thread in the channel within the week', () => {
    const { store, reply } = withThreads();
    reply('T1', '2024-11-01T00:00:00Z');
    reply('T1', '2024-11-02T00:00:00Z', { actor: 'b' });
    reply('T1', '2024-11-04T00:00:00Z'); // the last instant of the week counts
    reply('T1', '2024-10-28T00:00:00Z'); // the first does not: it was the previous week's
    reply('T1', '2024-11-04T00:00:01Z'); // after
    reply('T2', '2024-10-30T00:00:00Z');
    reply('T3', '2024-10-30T00:00:00Z'); // another channel
    reply('C1:1730000000.000100', '2024-10-30T00:00:00Z', { platform: 'slack' });
    expect([...store.replies({ platform: 'discord', channel: 'C1' }, WEEK)].sort()).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect([...store.replies({ platform: 'discord', channel: 'C2' }, WEEK)]).toEqual([[1, 1]]);
    expect([...store.replies({ platform: 'slack', channel: 'C1' }, WEEK)]).toEqual([[3, 1]]);
    expect(store.replies({ platform: 'discord', channel: 'C9' }, WEEK).size).toBe(0);
  });

  it('records a message once however often it arrives, only in known threads, and forgets a deleted one', () => {
    const { store, discuss } = withThreads();
    const r = { platform: 'discord' as const, thread: 'T1', messageId: 'm1', actor: 'a', at: '2024-11-01T00:00:00Z' };
    expect(discuss.recordReply(r)).toBe(true);
    expect(discuss.recordReply({ ...r, at: '2024-11-01T00:00:05Z' })).toBe(false);
    expect(discuss.recordReply({ ...r, messageId: 'm2', thread: 'not-a-discussion' })).toBe(false);
    expect(discuss.recordReply({ ...r, messageId: 'm3', actor: 'b' })).toBe(true);
    expect(store.replies({ platform: 'discord', channel: 'C1' }, WEEK).get(1)).toBe(2);
    expect(discuss.forgetReply('discord', 'm3')).toBe(true);
    expect(discuss.forgetReply('discord', 'm3')).toBe(false);
    expect(store.replies({ platform: 'discord', channel: 'C1' }, WEEK).get(1)).toBe(1);
  });

  it('follows a paper’s old key to the paper that adopted it, and skips a thread whose paper is gone', () => {
    const { db, store, discuss, reply } = withThreads();
    discuss.save({ platform: 'discord', channel: 'C1', paperKey: 'title:old', title: 'T', thread: 'T4', createdBy: 'u', createdAt: '2024-10-20T00:00:00Z' });
    discuss.save({ platform: 'discord', channel: 'C1', paperKey: 'arxiv:2410.99999', title: 'T', thread: 'T5', createdBy: 'u', createdAt: '2024-10-20T00:00:00Z' });
    db.prepare("INSERT INTO paper_aliases (key, paper_id) VALUES ('title:old', 2)").run();
    reply('T2', '2024-11-01T00:00:00Z');
    reply('T4', '2024-11-01T00:00:00Z');
    reply('T5', '2024-11-01T00:00:00Z');
    expect([...store.replies({ platform: 'discord', channel: 'C1' }, WEEK)]).toEqual([[2, 2]]);
  });

  it('reads the channel’s threads by their key and each thread’s replies through discuss_replies_by_thread', () => {
    const { db } = withThreads();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${REPLIES_SQL}`).all({ platform: 'discord', channel: 'C1', from: 'a', until: 'b' }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.findIndex((d) => /^SEARCH t USING INDEX sqlite_autoindex_discuss_threads_1 \(platform=\? AND channel=\?\)/.test(d))).toBeGreaterThanOrEqual(0);
    expect(plan.findIndex((d) => /^SEARCH r USING (COVERING )?INDEX discuss_replies_by_thread \(platform=\? AND thread=\? AND at>\? AND at<\?\)/.test(d))).toBeGreaterThan(
      plan.findIndex((d) => d.startsWith('SEARCH t ')),
    );
    expect(plan.join(' | ')).not.toMatch(/SCAN (t|r)\b/);
  });
});
