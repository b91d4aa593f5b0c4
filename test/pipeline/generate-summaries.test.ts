import { describe, expect, it } from 'vitest';
import type { SummarySection } from '../../src/core/types.js';
import { createGeneratedSummaryStore } from '../../src/db/generated-summary-store.js';
import { silentLogger } from '../../src/log.js';
import { openStores } from '../../src/main.js';
import { generateSummaries, type Summarizer } from '../../src/pipeline/generate-summaries.js';
import { paper } from './digest-setup.js';

function setup() {
  const stores = openStores(':memory:');
  stores.ingest.applyEntries(
    'arxiv',
    'arxiv-rss',
    [paper(1), paper(2, 1, { summaries: [{ locale: 'ko', sections: [{ kind: 'whats_new', text: '이미 요약이 있습니다.' }] }] }), paper(3)],
    '2024-10-30T00:00:00Z',
  );
  const store = createGeneratedSummaryStore(stores.db);
  const calls: string[] = [];
  const summarizer: Summarizer & { fail?: Set<string>; delayMs?: number } = {
    source: 'llm:test-model@v1',
    async summarize(p, { deadline }) {
      calls.push(`${p.title}|${p.locale}`);
      if (summarizer.delayMs) await new Promise((r) => setTimeout(r, summarizer.delayMs));
      if (Date.now() > deadline.getTime()) throw new Error('deadline passed');
      if (summarizer.fail?.has(p.title)) throw new Error('model answered in the wrong language');
      const text = p.locale === 'ko' ? `${p.title}에 대한 생성 요약입니다.` : `${p.title} の生成要約です。`;
      return [{ kind: 'tldr', text }, { kind: 'whats_new', text }] as SummarySection[];
    },
  };
  const run = (over: Partial<Parameters<typeof generateSummaries>[1]> = {}) =>
    generateSummaries(
      { store, summarizer, log: silentLogger(), now: () => new Date() },
      { locales: ['ko', 'ja'], limit: 10, concurrency: 2, dailyBudget: 100, deadline: new Date(Date.now() + 120_000), ...over },
    );
  return { stores, store, summarizer, calls, run };
}

describe('summary generation', () => {
  it('writes what is missing per locale, never over a source summary, and never twice', async () => {
    const t = setup();
    expect(await t.run()).toMatchObject({ generated: 5, failed: 0 });
    expect(t.calls).not.toContain('Paper number 2 on retrieval|ko');
    const p1 = t.stores.reader.getByKey('arxiv:2410.20001')!;
    expect(p1.summaries.map((s) => [s.locale, s.origin, s.source])).toEqual([
      ['ja', 'generated', 'llm:test-model@v1'],
      ['ko', 'generated', 'llm:test-model@v1'],
    ]);
    expect(await t.run()).toMatchObject({ generated: 0 });
    expect(t.calls).toHaveLength(5);
  });

  it('makes generated summaries searchable and keeps them through a re-merge', async () => {
    const t = setup();
    await t.run({ locales: ['ja'] });
    expect(t.stores.search.search('生成要約').length).toBe(3);
    t.stores.ingest.applyEntries('hf', 'hf-daily', [paper(1, 99)], '2024-10-31T00:00:00Z');
    expect(t.stores.reader.getByKey('arxiv:2410.20001')!.summaries.some((s) => s.origin === 'generated')).toBe(true);
  });

  it('stops at the daily budget and at the deadline, and isolates a failing paper', async () => {
    const t = setup();
    expect(await t.run({ dailyBudget: 2 })).toMatchObject({ generated: 2, skipped: 3 });
    const late = setup();
    late.summarizer.delayMs = 150;
    const r = await late.run({ deadline: new Date(Date.now() + 100), concurrency: 1 });
    expect(r.generated).toBe(0);
    expect(r.failed + r.skipped).toBe(5);
    const flaky = setup();
    flaky.summarizer.fail = new Set(['Paper number 1 on retrieval']);
    expect(await flaky.run({ locales: ['ja'] })).toMatchObject({ generated: 2, failed: 1 });
  });
});
