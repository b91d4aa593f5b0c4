import { describe, expect, it } from 'vitest';
import { openStores } from '../open-stores.js';
import { paper } from '../../test/pipeline/digest-setup.js';
import { createSavedStore } from './saved-store.js';

function setup() {
  const stores = openStores(':memory:');
  stores.ingest.applyEntries('arxiv', 'arxiv-rss', [paper(1), paper(2), paper(3)], '2024-10-30T00:00:00Z');
  const ids = [1, 2, 3].map((n) => stores.reader.getByKey(`arxiv:2410.2000${n}`)!.id);
  return { stores, ids, saved: createSavedStore(stores.db) };
}
const me = { platform: 'discord', workspace: 'G1', user: 'U1' };

describe('the saved-papers store', () => {
  it('saves once (the first time is kept), lists newest first, and unsaves', () => {
    const { ids, saved } = setup();
    expect(saved.save(me, ids[0]!, 'button', '2024-10-30T01:00:00Z')).toBe(true);
    expect(saved.save(me, ids[1]!, 'command', '2024-10-30T02:00:00Z')).toBe(true);
    expect(saved.save(me, ids[0]!, 'button', '2024-10-30T03:00:00Z')).toBe(false);
    expect(saved.list(me).map((p) => [p.paperId, p.savedAt])).toEqual([[ids[1], '2024-10-30T02:00:00Z'], [ids[0], '2024-10-30T01:00:00Z']]);
    expect(saved.count(me)).toBe(2);
    expect(saved.unsave(me, ids[1]!)).toBe(true);
    expect(saved.unsave(me, ids[1]!)).toBe(false);
    expect(saved.isSaved(me, ids[0]!)).toBe(true);
    expect(saved.isSaved(me, ids[1]!)).toBe(false);
  });

  it('keeps two servers apart, and lists every workspace of a person (each paper once) when asked for none', () => {
    const { ids, saved } = setup();
    saved.save(me, ids[0]!, 'button', '2024-10-30T01:00:00Z');
    saved.save({ ...me, workspace: 'G2' }, ids[0]!, 'button', '2024-10-30T05:00:00Z');
    saved.save({ ...me, workspace: 'G2' }, ids[2]!, 'button', '2024-10-30T04:00:00Z');
    saved.save({ ...me, user: 'U2' }, ids[1]!, 'button', '2024-10-30T01:00:00Z');
    expect(saved.list(me).map((p) => p.paperId)).toEqual([ids[0]]);
    expect(saved.list({ ...me, workspace: 'G2' }).map((p) => p.paperId)).toEqual([ids[0], ids[2]]);
    expect(saved.list({ platform: 'discord', user: 'U1', workspace: undefined }).map((p) => p.paperId)).toEqual([ids[0], ids[2]]);
    expect(saved.list({ platform: 'slack', user: 'U1', workspace: undefined })).toEqual([]);
  });

  it('reads the list in index order, with no sort of its own', () => {
    const { stores } = setup();
    const plan = stores.db.prepare(`EXPLAIN QUERY PLAN SELECT paper_id FROM saved_papers WHERE platform = ? AND workspace = ? AND actor = ? ORDER BY saved_at DESC, paper_id DESC`).all('d', 'w', 'u') as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX saved_papers_newest/);
    expect(plan.map((r) => r.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
