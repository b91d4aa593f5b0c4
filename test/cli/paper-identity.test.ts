/** One paper reaches one record whatever URL or title spelling a source uses for it. */
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDb } from './run-cli.js';

const ARXIV = fixture('identity/arxiv.rss.xml');
const LINKS = fixture('identity/links.rss.xml');
const JA = [fixture('identity/ja-curly.txt'), fixture('identity/ja-caps.txt')];

async function ingest(db: string, sources: string[]) {
  const r = await runCli(['ingest', ...sources, '--json', '--db', db]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { papers: number; articles: number };
}

async function show(db: string, id: string) {
  const r = await runCli(['show', id, '--json', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { key: string; sources: { source: string }[]; summaries: { locale: string }[] };
}

describe('one paper, many names', () => {
  it('joins listing, Hugging Face, alphaXiv, PDF and export links to the arXiv record', async () => {
    const db = tempDb();
    const report = await ingest(db, [ARXIV, LINKS]);
    expect(report).toMatchObject({ papers: 1, articles: 0 });
    const paper = await show(db, '2411.00201');
    expect(paper.sources.map((s) => s.source).sort()).toEqual([ARXIV, LINKS].sort());
    for (const name of ['https://alphaxiv.org/overview/2411.00201', 'http://export.arxiv.org/abs/2411.00201v2']) {
      expect((await show(db, name)).key).toBe('arxiv:2411.00201');
    }
  });

  it('joins titles with curly quotes, dashes, full-width letters, NBSP and other case to the arXiv record', async () => {
    const db = tempDb();
    expect(await ingest(db, [ARXIV, ...JA])).toMatchObject({ papers: 1, articles: 0 });
    const paper = await show(db, '2411.00201');
    expect(paper.sources.map((s) => s.source).sort()).toEqual([ARXIV, ...JA].sort());
    expect(paper.summaries.filter((s) => s.locale === 'ja')).toHaveLength(2);
  });

  it('joins the same titles when the blogs come before the arXiv record', async () => {
    const db = tempDb();
    expect((await ingest(db, JA)).papers).toBe(1);
    expect(await ingest(db, [ARXIV, LINKS])).toMatchObject({ papers: 1, articles: 0 });
    const paper = await show(db, '2411.00201');
    expect(paper.sources.map((s) => s.source).sort()).toEqual([ARXIV, LINKS, ...JA].sort());
  });
});
