import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../fakes/fake-llm.js';
import { fixture, runCli, tempDb } from './run-cli.js';

// A valid Korean answer of the model, as the chat completion's content.
const KO = readFileSync(new URL('../fixtures/llm/ko-summary.json', import.meta.url), 'utf8');

let llm: FakeLlm | undefined;
afterEach(async () => {
  await llm?.close();
  llm = undefined;
});

async function setup() {
  llm = await startFakeLlm({ model: 'test-model' });
  const db = tempDb();
  const config = join(dirname(db), 'c.yaml');
  writeFileSync(config, 'channels:\n  - platform: slack\n    channel: C0123ABCD\n    locale: ko\n');
  await runCli(['ingest', fixture('arxiv/cs.CL.atom.xml'), '--db', db]);
  const env = { PAPERBOY_CONFIG: config, LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'test-model' };
  return { db, env, llm };
}

describe('paperboy summarize', () => {
  it('writes a Korean summary with the model, which show and the digest then use', async () => {
    const t = await setup();
    t.llm.reply(() => KO);
    const r = await runCli(['summarize', '--paper', '2410.22304', '--json', '--db', t.db], t.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'llm:test-model@v1', locales: ['ko'], generated: 1, failed: 0 });
    const shown = JSON.parse((await runCli(['show', '2410.22304', '--json', '--db', t.db], t.env)).stdout);
    expect(shown.summaries).toContainEqual(expect.objectContaining({ locale: 'ko', origin: 'generated', source: 'llm:test-model@v1' }));
    const digest = (await runCli(['digest', '--locale', 'ko', '--date', shown.announcedOn, '--db', t.db], t.env)).stdout;
    expect(digest).toContain('생성된 요약: 여러 LLM이 함께 답을 만들어 가는 흐름 구조');
    // Asked again, nothing is generated twice.
    expect(JSON.parse((await runCli(['summarize', '--paper', '2410.22304', '--json', '--db', t.db], t.env)).stdout).generated).toBe(0);
    expect(t.llm.requests.length).toBe(1);
  });

  it('rejects an answer in the wrong language and keeps the fallback, exit 1', async () => {
    const t = await setup();
    t.llm.reply(() => JSON.stringify({ tldr: 'An English answer.', whats_new: 'This is written in English, not Korean at all.', technical_details: 'Still English text, which the language check must reject.', performance_highlights: 'English again, so the summary is not stored.' }));
    const r = await runCli(['summarize', '--paper', '2410.22304', '--db', t.db], t.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Korean/);
    const shown = JSON.parse((await runCli(['show', '2410.22304', '--json', '--db', t.db], t.env)).stdout);
    expect(shown.summaries.filter((s: { origin: string }) => s.origin === 'generated')).toEqual([]);
  });

  it('is a usage error without LLM_BASE_URL and LLM_MODEL', async () => {
    const t = await setup();
    const r = await runCli(['summarize', '--db', t.db], { PAPERBOY_CONFIG: t.env.PAPERBOY_CONFIG });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/LLM_BASE_URL and LLM_MODEL/);
  });
});
