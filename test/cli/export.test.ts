/** `paperboy export` and the round trip: export a reading list, import it into a fresh profile with `paperboy interests import`, get the same papers. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStores } from '../../src/open-stores.js';
import { ODD_PAPERS, saveAll } from '../reading-list/library-papers.js';
import { runCli, tempDb } from './run-cli.js';

function setup() {
  const db = tempDb();
  const stores = openStores(db);
  const ids = saveAll(stores, { platform: 'discord', workspace: 'G1', user: '222' });
  stores.close();
  return { db, ids, dir: dirname(db) };
}

describe('paperboy export', () => {
  for (const [format, ext] of [['bibtex', 'bib'], ['ris', 'ris'], ['csl-json', 'json']] as const) {
    it(`${format}: the exported list imports into a fresh profile as the same papers`, async () => {
      const { db, dir } = setup();
      const file = join(dir, `saved.${ext}`);
      const r = await runCli(['export', '--user', 'discord:222', '--format', format, '--out', file, '--json', '--db', db]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ user: 'discord:222', workspace: null, format, papers: 5, file });
      const imported = await runCli(['interests', 'import', file, '--user', 'slack:UFRESH', '--json', '--db', db]);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ added: 5, matched: 5, textOnly: 0, waiting: 0, errors: [] });
      const seeds = JSON.parse((await runCli(['interests', 'list', '--user', 'slack:UFRESH', '--json', '--db', db])).stdout).seeds as { ref: string; title: string }[];
      expect(seeds.map((s) => s.ref).sort()).toEqual(ODD_PAPERS.map((p) => `arxiv:${p.arxivId}`).sort());
      expect(seeds.map((s) => s.title)).toContain('강화학습 기반 검색: 대규모 언어 모델');
      expect(readFileSync(file, 'utf8').length).toBeGreaterThan(0);
    });
  }

  it('writes to stdout without --out, narrows to one workspace, and says so when there is nothing to export (exit 1)', async () => {
    const { db } = setup();
    const out = await runCli(['export', '--user', 'discord:222', '--db', db]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('title = {大規模言語モデルによる論文推薦}');
    expect((await runCli(['export', '--user', 'discord:222', '--workspace', 'G1', '--format', 'ris', '--db', db])).stdout.match(/^TY {2}- /gm)).toHaveLength(5);
    const none = await runCli(['export', '--user', 'discord:222', '--workspace', 'G2', '--db', db]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no saved papers in G2; nothing exported/);
    expect(none.stdout).toBe('');
  });

  it('refuses a missing or malformed --user, an unknown format and --json without --out (exit 2)', async () => {
    const { db } = setup();
    for (const args of [[], ['--user', '222'], ['--user', 'discord:222', '--format', 'endnote'], ['--user', 'discord:222', '--json']]) {
      const r = await runCli(['export', ...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/usage: paperboy export/);
    }
  });
});
