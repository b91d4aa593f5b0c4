import { describe, expect, it } from 'vitest';
import { createEngagementStore } from './engagement-store.js';
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
