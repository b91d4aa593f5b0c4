/**
 * What people read as a summary's source: the config's `label` (changed without a re-ingest), else a
 * default from what the last ingest saw, and never the file path a source was read from or its
 * config name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDb } from './run-cli.js';

const KO_FOLDER = fixture('digests/ko/2024');
const ARXIV_FILE = fixture('arxiv/cs.AI.rss.xml');

function configFile(sources: string): { env: NodeJS.ProcessEnv; write(sources: string): void } {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-labels-')), 'paperboy.yaml');
  const write = (s: string) => writeFileSync(file, `timezone: UTC\nsources:\n${s}`);
  write(sources);
  return { env: { PAPERBOY_CONFIG: file }, write };
}

describe('source labels people see', () => {
  it('show names a path source by its kind or its own title, never by the path', async () => {
    const db = tempDb();
    const env = { PAPERBOY_CONFIG: join(tmpdir(), 'no-such-paperboy.yaml') };
    // cs.AI.rss.xml has one broken item on purpose (exit 1); the rest is stored.
    await runCli(['ingest', KO_FOLDER, ARXIV_FILE, '--db', db], env);
    const text = (await runCli(['show', '2410.22304', '--db', db], env)).stdout;
    expect(text).toContain('Summary [ko] from Korean paper digest:');
    expect(text).toMatch(/Sources: .*arXiv cs\.AI \(/);
    expect(text).not.toContain(KO_FOLDER);
    expect(text).not.toContain(ARXIV_FILE);
    const json = JSON.parse((await runCli(['show', '2410.22304', '--json', '--db', db], env)).stdout);
    expect(json.summaries.map((s: { label: string }) => s.label)).toEqual(['Korean paper digest']);
    expect(json.sources.map((s: { label: string }) => s.label).sort()).toEqual(['Korean paper digest', 'arXiv cs.AI']);
    // The stored name stays for scripts: `source` is the key, `label` is for people.
    expect(json.summaries[0].source).toBe(KO_FOLDER);
  });

  it('digest previews credit the configured label, in the channel language, and a changed label shows without a re-ingest', async () => {
    const db = tempDb();
    const source = (label: string) => `  - name: daily-ko\n    path: ${KO_FOLDER}\n${label}`;
    const config = configFile(source('    label: { en: Daily Papers in Korean, ko: 데일리 페이퍼 }\n'));
    expect((await runCli(['ingest', '--db', db], config.env)).code).toBe(0);
    const preview = async (locale: string) =>
      (await runCli(['digest', '--locale', locale, '--platform', 'text', '--date', '2024-10-30', '--db', db], config.env)).stdout;
    expect(await preview('ko')).toContain('(요약 출처: 데일리 페이퍼)');
    expect(await preview('en')).toContain('(Summary: Daily Papers in Korean)');

    config.write(source('    label: Korean Daily Papers\n'));
    expect(await preview('ja')).toContain('(要約の出典: Korean Daily Papers)');

    // Gone from the config: what the last ingest saw still names it; never the key or the path.
    config.write('  - url: https://rss.arxiv.org/rss/cs.AI\n');
    const orphan = await preview('en');
    expect(orphan).toContain('(Summary: Korean paper digest)');
    expect(orphan).not.toContain('daily-ko');
    expect(orphan).not.toContain(KO_FOLDER);
  });
});
