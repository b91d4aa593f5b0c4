/**
 * Nothing a source says is lost: every fixture paper, ingested through the CLI, shows in
 * `show --json` every summary its source gave, whichever record it joined.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '../../src/core/normalize-title.js';
import type { EntrySummary, SourceEntry } from '../../src/core/types.js';
import { loadPath } from '../../src/ingest/load-source.js';
import { parseDocument } from '../../src/ingest/parse-document.js';
import { fixture, runCli, tempDb } from './run-cli.js';

// Every fixture file a user could ingest (remote/ holds what only the fake server serves, with its charset); each file is its own source, so no file's entries replace another's.
const SOURCES = ['arxiv', 'digests', 'feeds', 'hf', 'identity']
  .flatMap((dir) => files(fixture(dir)))
  .filter((f) => /\.(xml|json|md|txt)$/.test(f) && !/(api-error|README)/.test(f));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function entriesOf(source: string): Promise<SourceEntry[]> {
  const { docs } = await loadPath(source, 1 << 24);
  return (await Promise.all(docs.map(async (d) => (await parseDocument(d)).entries))).flat();
}

/** The record key an entry ends up in: its id or URL, else the arXiv paper with its title, else its title. */
function recordKey(entry: SourceEntry, all: SourceEntry[]): string {
  if (entry.arxivId) return `arxiv:${entry.arxivId}`;
  if (entry.kind === 'article' && entry.url) return `url:${entry.url}`;
  const norm = normalizeTitle(entry.title);
  const paper = all.find((e) => e.arxivId && normalizeTitle(e.title) === norm);
  return paper ? `arxiv:${paper.arxivId}` : `title:${norm}`;
}

describe('paperboy show after ingesting every fixture', () => {
  it('has every summary each source gave, for every paper and article', async () => {
    const db = tempDb();
    const ingest = await runCli(['ingest', ...SOURCES, '--json', '--db', db]);
    expect(JSON.parse(ingest.stdout).sources).toHaveLength(SOURCES.length);
    const parsed = await Promise.all(SOURCES.map(async (source) => ({ source, entries: await entriesOf(source) })));
    const all = parsed.flatMap((p) => p.entries);
    const withSummary = all.filter((e) => e.summaries?.some((s) => s.sections.length > 0));
    // Guards the test itself: the older Korean generations are among the papers checked.
    expect(withSummary.map((e) => e.arxivId)).toEqual(expect.arrayContaining(['2311.10122', '2312.02087', '2402.08939', '2406.00002']));
    let checked = 0;
    for (const { source, entries } of parsed) {
      for (const entry of entries) {
        const key = recordKey(entry, all);
        const shown = await runCli(['show', key, '--json', '--db', db]);
        expect(shown.code, `${key} from ${source}: ${shown.stderr}`).toBe(0);
        const summaries = JSON.parse(shown.stdout).summaries as (EntrySummary & { source: string })[];
        for (const given of entry.summaries ?? []) {
          if (given.sections.length === 0) continue;
          const { locale, sections, title } = given;
          const expected = { source, locale, sections, ...(title ? { title } : {}) };
          expect(summaries, `${key} from ${source}`).toContainEqual(expect.objectContaining(expected));
          checked++;
        }
      }
    }
    expect(checked).toBe(withSummary.reduce((n, e) => n + (e.summaries ?? []).filter((s) => s.sections.length).length, 0));
  });

  it('changes nothing when the older Korean generations are ingested again, and shows their summaries readably', async () => {
    const db = tempDb();
    const older = ['2023/11/20.md', '2023/12/05.md', '2024/02/15.md', 'variants.md'].map((f) => fixture(`digests/ko-older/${f}`));
    await runCli(['ingest', ...older, '--db', db]);
    const before = (await runCli(['show', '2402.08939', '--json', '--db', db])).stdout;
    const again = JSON.parse((await runCli(['ingest', ...older, '--json', '--db', db])).stdout);
    for (const s of again.sources) expect(s.unchanged).toBe(s.entries);
    expect((await runCli(['show', '2402.08939', '--json', '--db', db])).stdout).toBe(before);
    const text = (await runCli(['show', '2312.02087', '--db', db])).stdout;
    expect(text).toContain('  Summary: - 비디오의 주인공을 모양이 다른 대상으로 바꾸는 맞춤형 교체를 다룹니다.\n    - 조밀한 대응');
    expect(text).toContain('video: https://cdn-uploads.huggingface.co/production/uploads/fixture/videoswap.mp4');
    expect(JSON.parse(before)).toMatchObject({
      votes: 10,
      thumbnail: 'https://cdn-uploads.huggingface.co/production/uploads/fixture/premise.png',
      authors: ['Xinyun Chen', 'Ryan A. Chi', 'Denny Zhou', 'Xuezhi Wang'],
    });
  });
});
