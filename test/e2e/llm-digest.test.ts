import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot.js';
import { loadEnv, parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startFakeLlm, type FakeLlm } from '../fakes/fake-llm.js';

// A valid Korean answer of the model, as the chat completion's content.
const KO = readFileSync(new URL('../fixtures/llm/ko-summary.json', import.meta.url), 'utf8');

let bot: Bot | undefined;
let llm: FakeLlm | undefined;
afterEach(async () => {
  await bot?.stop();
  await llm?.close();
  bot = undefined;
  llm = undefined;
});

async function start(reply: () => string | { kind: 'hang' }, deadlineSeconds = 5) {
  llm = await startFakeLlm({ model: 'test-model' });
  llm.reply(reply);
  const feed = new URL('../fixtures/arxiv/cs.CL.atom.xml', import.meta.url).pathname;
  const config = parseConfig(
    `timezone: UTC\nllm:\n  deadlineSeconds: ${deadlineSeconds}\n  retries: 0\nsources:\n  - path: ${feed}\nchannels:\n  - platform: discord\n    channel: "111111111111111111"\n    locale: ko\n    time: "09:00"\n    timezone: Asia/Seoul\n`,
    'test.yaml',
  );
  const env = loadEnv({ LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'test-model' });
  let now = new Date('2024-10-29T12:00:00Z');
  let printed = '';
  const dbFile = join(mkdtempSync(join(tmpdir(), 'paperboy-llm-')), 'db.sqlite');
  bot = await startBot({ env, config, dbFile, log: silentLogger(), now: () => now, schedule: false, write: (t) => (printed += t) });
  return { setNow: (iso: string) => (now = new Date(iso)), printed: () => printed, llm };
}

describe('digests with the optional LLM', () => {
  it('writes a Korean summary before the digest and the digest shows it', async () => {
    const t = await start(() => KO);
    t.setNow('2024-10-30T00:00:30Z');
    await bot!.tick();
    expect(t.llm.requests.length).toBeGreaterThan(0);
    expect(t.printed()).toContain('생성된 요약: 여러 LLM이 함께 답을 만들어 가는 흐름 구조');
  });

  it('posts the digest on time with the English-abstract fallback when the model hangs past the deadline', async () => {
    const t = await start(() => ({ kind: 'hang' }), 1);
    t.setNow('2024-10-30T00:00:30Z');
    const started = Date.now();
    await bot!.tick();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(t.printed()).toContain('초록 (영문)');
    expect(t.printed()).not.toContain('생성된 요약');
  });
});
