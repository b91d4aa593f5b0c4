import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot.js';
import { loadEnv, parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startFakeLlm, type FakeLlm } from '../fakes/fake-llm.js';

const KO = JSON.stringify({
  tldr: '여러 LLM이 협업해 수학 추론을 배우는 방법입니다.',
  whats_new: '생성된 요약: 여러 LLM이 함께 답을 만들어 가는 흐름 구조로 수학 추론 능력을 높입니다.',
  technical_details: '답변 모델과 중단 모델이 온라인 선호 최적화로 함께 학습하며 부분 답안에서 롤아웃을 수행합니다.',
  performance_highlights: '여러 모델에서 정확도가 79%에서 83%로 향상되었습니다. 기존 방법보다 더 나은 추론을 보였습니다.',
});

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
