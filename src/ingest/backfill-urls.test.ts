import { describe, expect, it } from 'vitest';
import { arxivSearchQuery, backfillPlan, daysBetween, fillTemplate, isDay, NO_PAST_DAYS, type BackfillPlan } from './backfill-urls.js';

const API = 'https://export.arxiv.org/api/query';

function daily(plan: BackfillPlan) {
  if (plan.kind !== 'daily') throw new Error(`expected a daily plan, got ${plan.kind}`);
  return plan;
}

function arxiv(plan: BackfillPlan) {
  if (plan.kind !== 'arxiv') throw new Error(`expected an arxiv plan, got ${plan.kind}`);
  return plan;
}

describe('days', () => {
  it('accepts real calendar days only', () => {
    expect(['2024-02-29', '2024-10-03'].map(isDay)).toEqual([true, true]);
    expect(['2023-02-29', '2024-13-01', '2024-1-3', '20241003', '2024-10-03T00:00', ''].map(isDay)).toEqual([false, false, false, false, false, false]);
  });

  it('lists every day between two days, both included, across months and leap days', () => {
    expect(daysBetween('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysBetween('2024-10-03', '2024-10-03')).toEqual(['2024-10-03']);
    expect(daysBetween('2024-10-04', '2024-10-03')).toEqual([]);
  });
});

describe('backfillPlan', () => {
  it('fills a backfillUrl template first, whatever else the source is', () => {
    expect(fillTemplate('https://x.org/{yyyy}/{mm}/{dd}/{date}.md', '2024-10-03')).toBe('https://x.org/2024/10/03/2024-10-03.md');
    const plan = daily(backfillPlan({ url: 'https://huggingface.co/api/daily_papers', format: 'ko-digest', backfillUrl: 'https://x.org/d/{date}.md' }, API));
    expect(plan.urlFor('2024-10-03')).toBe('https://x.org/d/2024-10-03.md');
    expect(plan.format).toBe('ko-digest');
    expect(daily(backfillPlan({ path: 'digests/', backfillUrl: 'https://x.org/{yyyy}/{mm}/{dd}.md' }, API)).urlFor('2024-01-09')).toBe('https://x.org/2024/01/09.md');
  });

  it('sets the date query parameter of Hugging Face Daily Papers, by host or by format, keeping other parameters', () => {
    const byHost = daily(backfillPlan({ url: 'https://huggingface.co/api/daily_papers' }, API));
    expect(byHost.urlFor('2024-10-03')).toBe('https://huggingface.co/api/daily_papers?date=2024-10-03');
    expect(byHost.format).toBe('hf-daily');
    const byFormat = daily(backfillPlan({ url: 'http://127.0.0.1:8080/hf?limit=50&date=2020-01-01', format: 'hf-daily' }, API));
    expect(byFormat.urlFor('2024-10-03')).toBe('http://127.0.0.1:8080/hf?limit=50&date=2024-10-03');
  });

  it('searches the arXiv API by category and submission date for an arXiv feed, one or several categories', () => {
    const one = arxiv(backfillPlan({ url: 'https://rss.arxiv.org/rss/cs.AI' }, API));
    expect(one.categories).toEqual(['cs.AI']);
    const url = new URL(one.pageUrl('2024-10-03', 200, 200));
    expect(`${url.origin}${url.pathname}`).toBe(API);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search_query: 'cat:cs.AI AND submittedDate:[202410030000 TO 202410032359]',
      sortBy: 'submittedDate',
      sortOrder: 'ascending',
      start: '200',
      max_results: '200',
    });
    const two = arxiv(backfillPlan({ url: 'http://127.0.0.1:9/atom/cs.AI+cs.CL', format: 'arxiv-atom' }, 'http://127.0.0.1:9/api/query'));
    expect(two.categories).toEqual(['cs.AI', 'cs.CL']);
    expect(new URL(two.pageUrl('2024-10-03', 0, 50)).searchParams.get('search_query')).toBe('(cat:cs.AI OR cat:cs.CL) AND submittedDate:[202410030000 TO 202410032359]');
    expect(arxiv(backfillPlan({ url: 'http://export.arxiv.org/rss/math.CO' }, API)).categories).toEqual(['math.CO']);
    expect(arxivSearchQuery(['cs.LG'], '2024-01-31')).toBe('cat:cs.LG AND submittedDate:[202401310000 TO 202401312359]');
  });

  it('has no past days for generic feeds, local files and arXiv URLs without a category', () => {
    expect(backfillPlan({ url: 'https://lab.example.org/feed.xml', format: 'rss' }, API)).toEqual({ kind: 'none', reason: NO_PAST_DAYS });
    expect(backfillPlan({ path: 'digests/' }, API)).toEqual({ kind: 'none', reason: `is a local file or folder and ${NO_PAST_DAYS}` });
    expect(backfillPlan({ path: 'hf.json', format: 'hf-daily' }, API).kind).toBe('none');
    expect(backfillPlan({ url: 'https://export.arxiv.org/api/query?search_query=all:llm' }, API).kind).toBe('none');
  });
});
