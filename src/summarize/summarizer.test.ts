import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../../test/fakes/fake-llm.js';
import { createLlmClient } from './llm-client.js';
import { createSummarizer, parseSummary, sourceName, SummaryRejected, unfence } from './summarizer.js';

const PAPER = { title: 'Fast Speculative Decoding', abstract: 'We propose a faster speculative decoding method for LLMs.' };
const KO = {
  tldr: '더 빠른 speculative decoding 방법을 제안한다.',
  whats_new: '초안 모델 없이도 LLM 추론을 가속하는 새로운 speculative decoding 기법을 제시한다.',
  technical_details: '여러 토큰을 한 번에 예측하는 헤드를 추가하고, 검증 단계에서 트리 어텐션을 사용한다.',
  performance_highlights: '여러 벤치마크에서 품질 저하 없이 최대 2.3배의 속도 향상을 보고한다.',
};
const JA = {
  tldr: 'より高速な speculative decoding 手法を提案する。',
  whats_new: 'ドラフトモデルなしで LLM の推論を高速化する新しい speculative decoding 手法を示す。',
  technical_details: '複数のトークンを同時に予測するヘッドを追加し、検証ではツリーアテンションを用いる。',
  performance_highlights: '複数のベンチマークで品質を落とさずに最大2.3倍の高速化を報告している。',
};
const inSeconds = (s: number): Date => new Date(Date.now() + s * 1000);

let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm({ model: 'qwen2.5:7b' });
});
afterEach(async () => {
  await llm.close();
});

function summarizer() {
  const client = createLlmClient({ baseUrl: llm.baseUrl, model: 'qwen2.5:7b', timeoutMs: 5000, retries: 2, backoffMs: 10 });
  return createSummarizer({ client });
}

async function rejection(locale: string): Promise<SummaryRejected> {
  const err = await summarizer()
    .summarize({ ...PAPER, locale }, { deadline: inSeconds(5) })
    .then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SummaryRejected);
  return err as SummaryRejected;
}

describe('createSummarizer', () => {
  it('turns a Korean answer into four sections', async () => {
    llm.reply([JSON.stringify(KO)]);
    const result = await summarizer().summarize({ ...PAPER, locale: 'ko' }, { deadline: inSeconds(5) });
    expect(result.model).toBe('qwen2.5:7b');
    expect(result.promptVersion).toBe('v1');
    expect(result.sections.map((s) => s.kind)).toEqual(['tldr', 'whats_new', 'technical_details', 'performance_highlights']);
    expect(result.sections[0]?.text).toBe(KO.tldr);
    const user = llm.completions()[0]?.body?.messages?.[1]?.content ?? '';
    expect(user).toContain('Korean (한국어)');
    expect(user).toContain(PAPER.abstract);
  });

  it('accepts a Japanese answer in a ```json fence', async () => {
    llm.reply(['Here it is:\n```json\n' + JSON.stringify(JA, null, 2) + '\n```']);
    const result = await summarizer().summarize({ ...PAPER, locale: 'ja' }, { deadline: inSeconds(5) });
    expect(result.sections).toHaveLength(4);
    expect(result.sections[3]?.text).toBe(JA.performance_highlights);
  });

  it('rejects malformed JSON', async () => {
    llm.reply(['{"tldr": "짧은 요약", "whats_new": ']);
    expect((await rejection('ko')).reason).toMatch(/not valid JSON/);
  });

  it('rejects a missing or empty field', async () => {
    llm.reply([JSON.stringify({ ...KO, technical_details: '  ' })]);
    expect((await rejection('ko')).reason).toMatch(/technical_details/);
  });

  it('rejects an English answer for Korean, naming the language', async () => {
    llm.reply([
      JSON.stringify({
        tldr: 'A faster speculative decoding method.',
        whats_new: 'A new speculative decoding technique that accelerates LLM inference without a draft model.',
        technical_details: 'Adds heads that predict several tokens at once and verifies them with tree attention.',
        performance_highlights: 'Reports up to 2.3x speedup without quality loss on several benchmarks.',
      }),
    ]);
    const err = await rejection('ko');
    expect(err.reason).toMatch(/Korean/);
    expect(err.message).toMatch(/^LLM summary rejected: tldr: expected Korean/);
  });

  it('rejects a Chinese answer for Japanese', async () => {
    llm.reply([JSON.stringify({ ...JA, whats_new: '本文提出了一种无需草稿模型即可加速大语言模型推理的新型推测解码方法。' })]);
    expect((await rejection('ja')).reason).toMatch(/whats_new: expected Japanese/);
  });

  it('rejects an answer that is too long', async () => {
    llm.reply([JSON.stringify({ ...KO, technical_details: KO.technical_details.repeat(40) })]);
    expect((await rejection('ko')).reason).toMatch(/technical_details is too long/);
  });
});

describe('helpers', () => {
  it('names the generated source', () => {
    expect(sourceName('qwen2.5:7b', 'v1')).toBe('llm:qwen2.5:7b@v1');
  });

  it('unfences only fenced answers', () => {
    expect(unfence('```\n{"a":1}\n```')).toBe('{"a":1}');
    expect(unfence(' {"a":1} ')).toBe('{"a":1}');
  });

  it('rejects a JSON value that is not an object', () => {
    expect(() => parseSummary('[1, 2]', 'ko')).toThrow(SummaryRejected);
  });
});
