import { describe, expect, it } from 'vitest';
import type { BackfillEvent } from '../pipeline/backfill.js';
import { bar, createProgress } from './progress.js';

const ev = (e: Partial<BackfillEvent>): BackfillEvent => ({ type: 'fetching', done: 0, total: 40, source: 'hf', day: '2024-10-03', ...e });

function io(errIsTty: boolean) {
  const out = { progress: '', lines: [] as string[] };
  return { out, io: { out: () => undefined, err: (t: string) => void out.lines.push(t), env: {}, isTty: false, errIsTty, progress: (t: string) => void (out.progress += t) } };
}

describe('backfill progress', () => {
  it('draws a bar of twenty cells', () => {
    expect(bar(0, 40)).toBe(`[${'-'.repeat(20)}]`);
    expect(bar(10, 40)).toBe(`[${'#'.repeat(5)}${'-'.repeat(15)}]`);
    expect(bar(40, 40)).toBe(`[${'#'.repeat(20)}]`);
  });

  it('on a terminal, redraws one line with \\r, prints failures on their own line, and clears the bar at the end', () => {
    const { out, io: tty } = io(true);
    const p = createProgress(tty);
    p.onEvent(ev({ done: 11 }));
    p.onEvent(ev({ type: 'failed', done: 11, error: 'HTTP 503' }));
    p.end();
    expect(out.progress.startsWith(`\r[######--------------] 12/40  hf 2024-10-03`)).toBe(true);
    expect(out.progress.endsWith('\r')).toBe(true);
    expect(out.progress).not.toContain('\n');
    expect(out.lines).toEqual(['backfill 12/40 hf 2024-10-03: failed: HTTP 503']);
  });

  it('elsewhere, writes one plain line per fetch and no bar', () => {
    const { out, io: plain } = io(false);
    const p = createProgress(plain);
    p.onEvent(ev({ done: 11 }));
    p.onEvent(ev({ type: 'fetched', done: 11, entries: 25, new: 3, updated: 0 }));
    p.onEvent(ev({ type: 'fetched', done: 12, source: 'arxiv', page: { n: 2, of: 3 }, entries: 200, new: 150, updated: 50 }));
    p.end();
    expect(out.progress).toBe('');
    expect(out.lines).toEqual(['backfill 12/40 hf 2024-10-03: 25 entries (3 new)', 'backfill 13/40 arxiv 2024-10-03 page 2/3: 200 entries (150 new)']);
  });
});
