/**
 * What the 👍 / 👎 / more-like-this row costs a Slack digest: the same digests rendered with the
 * buttons (cards carry their store id) and without (the baseline: no id, as before), in one
 * process, alternating the order every round. Reports render time per digest and, since Slack
 * takes about one message per second per channel, how many messages, blocks and request bytes a
 * digest becomes. 10 and 30 papers with Korean three-part summaries, both layouts.
 *
 *   node --expose-gc --import tsx bench/slack-feedback-bench.ts [--digests 300] [--rounds 5]
 */
import { renderSlackDigest } from '../src/adapters/slack/render-digest.js';
import type { DigestLayout, DigestModel, PaperCard } from '../src/core/digest-model.js';
import { flag, gc, isMain, median, table } from './bench-util.js';

const KO = '이 논문은 대규모 언어 모델의 추론 능력을 높이는 새로운 방법을 제안한다. ';

function model(papers: number, withIds: boolean): DigestModel {
  const cards = Array.from({ length: papers }, (_, i): PaperCard => ({
    key: `arxiv:2410.${22300 + i}`,
    ...(withIds ? { paperId: i + 1 } : {}),
    title: `Paper ${i}: a method for retrieval-augmented reasoning at scale`,
    url: `https://arxiv.org/abs/2410.${22300 + i}`,
    authors: 'Kim, Lee, Park and 12 others',
    summary: { sections: ['새로운 점', '기술적 세부사항', '성능 하이라이트'].map((label) => ({ label, text: KO.repeat(6) })), attribution: '요약 출처: 데일리 페이퍼', fallback: false },
    facts: [{ label: '👍', text: String(i) }, { label: '분야', text: 'cs.CL' }],
    links: [{ label: 'PDF', url: `https://arxiv.org/pdf/2410.${22300 + i}` }],
  }));
  return { locale: 'ko', date: '2024-10-30', title: '📰 Daily Papers — 2024년 10월 30일', intro: `새 논문 ${papers}편`, papers: cards };
}

export function runSlackFeedbackBench(o: { digests: number; rounds: number }): void {
  console.log(`\n## Slack feedback buttons: ${o.digests} digests per variant and round, median of ${o.rounds} alternating rounds\n`);
  const rows: string[][] = [];
  for (const papers of [10, 30]) {
    for (const layout of ['digest', 'thread'] as DigestLayout[]) {
      const variants = [['without buttons (baseline)', model(papers, false)], ['with buttons', model(papers, true)]] as const;
      const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
      for (let round = 0; round < o.rounds; round++) {
        for (const [name, m] of round % 2 === 0 ? variants : [...variants].reverse()) {
          gc();
          const t = performance.now();
          for (let d = 0; d < o.digests; d++) renderSlackDigest(m, layout);
          times.get(name)!.push((performance.now() - t) / o.digests);
        }
      }
      const base = median(times.get(variants[0][0])!);
      for (const [name, m] of variants) {
        const messages = renderSlackDigest(m, layout);
        const blocks = messages.reduce((n, msg) => n + (msg.body.blocks as unknown[]).length, 0);
        const bytes = messages.reduce((n, msg) => n + JSON.stringify(msg.body).length, 0);
        const t = median(times.get(name)!);
        rows.push([`${papers}`, layout, name, (t * 1000).toFixed(0), `${(t / base).toFixed(2)}×`, String(messages.length), String(blocks), String(bytes)]);
      }
    }
  }
  console.log(table(['papers', 'layout', 'variant', 'render µs/digest', 'vs baseline', 'messages', 'blocks', 'body bytes'], rows));
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  runSlackFeedbackBench({ digests: Number(flag(args, 'digests') ?? 300), rounds: Number(flag(args, 'rounds') ?? 5) });
}
