import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDb } from './run-cli.js';

/** A config naming one Discord channel, so --channel resolves its platform. */
function setup(): { db: string; env: NodeJS.ProcessEnv } {
  const db = tempDb();
  const config = join(dirname(db), 'paperboy.yaml');
  writeFileSync(config, 'channels:\n  - platform: discord\n    channel: "123456789012345678"\n    locale: en\n    time: "09:00"\n');
  return { db, env: { PAPERBOY_CONFIG: config } };
}

describe('paperboy interests and feedback', () => {
  it('imports a BibTeX library: stored papers by id, the rest by their own text, a malformed entry reported by line (exit 1), the rest kept', async () => {
    const { db, env } = setup();
    await runCli(['ingest', fixture('arxiv/cs.AI.rss.xml'), '--db', db], env);
    const r = await runCli(['interests', 'import', fixture('library/zotero.bib'), '--channel', '123456789012345678', '--json', '--db', db], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/zotero\.bib line 13: malformed BibTeX entry/);
    expect(JSON.parse(r.stdout)).toMatchObject({ owner: 'channel:discord:123456789012345678', added: 5, matched: 0, textOnly: 5, errors: [{ line: 13 }] });
    const list = JSON.parse((await runCli(['interests', 'list', '--channel', '123456789012345678', '--json', '--db', db], env)).stdout);
    expect(list.seeds.map((s: { ref: string }) => s.ref)).toEqual(['arxiv:1706.03762', 'arxiv:1810.04805', 'arxiv:2405.03150', 'arxiv:2310.06825', 'doi:10.5555/1162264']);
    // Importing again changes nothing.
    await runCli(['interests', 'import', fixture('library/zotero.bib'), '--channel', '123456789012345678', '--db', db], env);
    expect(JSON.parse((await runCli(['interests', 'list', '--channel', '123456789012345678', '--json', '--db', db], env)).stdout).seeds).toHaveLength(5);
  });

  it('adds and removes by id, matching a stored paper; lists a person\'s seeds apart from the channel\'s', async () => {
    const { db, env } = setup();
    await runCli(['ingest', fixture('arxiv/cs.AI.rss.xml'), '--db', db], env);
    const add = await runCli(['interests', 'add', 'https://arxiv.org/abs/2410.22304v1', '--user', 'slack:U123', '--json', '--db', db], env);
    expect(JSON.parse(add.stdout)).toMatchObject({ owner: 'person:slack:U123', added: 1, matched: 1 });
    expect(JSON.parse((await runCli(['interests', 'list', '--channel', '123456789012345678', '--json', '--db', db], env)).stdout).seeds).toEqual([]);
    expect((await runCli(['interests', 'remove', '2410.22304', '--user', 'slack:U123', '--db', db], env)).code).toBe(0);
    expect(JSON.parse((await runCli(['interests', 'list', '--user', 'slack:U123', '--json', '--db', db], env)).stdout).seeds).toEqual([]);
  });

  it('refuses an unknown channel, a bad --user and a missing action with usage errors (exit 2)', async () => {
    const { db, env } = setup();
    expect((await runCli(['interests', 'list', '--channel', '999', '--db', db], env)).stderr).toMatch(/channel "999" is neither in/);
    expect((await runCli(['interests', 'list', '--user', 'U123', '--db', db], env)).code).toBe(2);
    expect((await runCli(['interests', '--channel', '123456789012345678', '--db', db], env)).code).toBe(2);
    expect((await runCli(['interests', 'add', 'not-an-id', '--channel', '123456789012345678', '--db', db], env)).code).toBe(2);
  });

  it('records feedback from a script, and refuses an unknown paper (exit 1) and a vote that is not up, down or undo (exit 2)', async () => {
    const { db, env } = setup();
    await runCli(['ingest', fixture('arxiv/cs.AI.rss.xml'), '--db', db], env);
    const r = await runCli(['feedback', '--channel', '123456789012345678', '2410.22304', 'up', '--json', '--db', db], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ paper: 'arxiv:2410.22304', value: 1 });
    expect((await runCli(['feedback', '--channel', '123456789012345678', '2499.99999', 'up', '--db', db], env)).code).toBe(1);
    expect((await runCli(['feedback', '--channel', '123456789012345678', '2410.22304', 'sideways', '--db', db], env)).code).toBe(2);
  });

  it('orders a relevance channel\'s digest by its profile once it has one (votes order before), with each paper\'s score and reason in `digest --json`', async () => {
    const db = tempDb();
    const config = join(dirname(db), 'paperboy.yaml');
    writeFileSync(config, 'channels:\n  - platform: discord\n    channel: "123456789012345678"\n    locale: en\n    time: "09:00"\n    order: relevance\n');
    const env = { PAPERBOY_CONFIG: config };
    await runCli(['ingest', fixture('hf/daily_papers-2024-10-30.json'), '--db', db], env);
    const digest = async () => JSON.parse((await runCli(['digest', '--channel', '123456789012345678', '--date', '2024-10-30', '--json', '--db', db], env)).stdout);
    const before = await digest();
    expect(before.papers).toEqual(['2410.21465', '2410.22304', '2410.18057']);
    expect(before.scores).toBeUndefined();
    await runCli(['feedback', '--channel', '123456789012345678', '2410.18057', 'up', '--db', db], env);
    const after = await digest();
    expect(after.papers[0]).toBe('2410.18057');
    expect(after.scores).toHaveLength(3);
    expect(after.scores[0]).toMatchObject({ paper: '2410.18057', reason: expect.stringMatching(/^matches: .*unlearning/) });
  });
});

