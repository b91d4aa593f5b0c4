/**
 * What crediting sources by label costs a digest (ADR 11): building the cards of one 10-paper
 * digest in en, ko and ja, with the label resolved from the config and the stored source facts
 * (one SQLite lookup per source and digest) against the same cards credited with the raw stored
 * name, as before this change, and with a default from the name alone. All run in turn, their
 * order reversed every other round, in one process.
 *
 *   node --expose-gc --import tsx bench/card-labels-bench.ts [--digests 1000] [--rounds 5]
 */
import { parseConfig } from '../src/config.js';
import { buildDigestModel } from '../src/core/build-digest.js';
import type { PaperView, SummaryView } from '../src/core/paper-view.js';
import { defaultSourceLabel, type SourceLabeler } from '../src/core/source-label.js';
import { createTranslator } from '../src/i18n/translator.js';
import { buildSourceLabeler, openStores } from '../src/main.js';
import { flag, gc, isMain, median, ms } from './bench-util.js';

const SOURCES = ['daily-papers-ko', 'https://huggingface.co/api/daily_papers', '/srv/digests/ja', 'https://lab.example/feed.xml'];

function papers(): PaperView[] {
  return Array.from({ length: 10 }, (_, i): PaperView => {
    const summary = (locale: string, source: string): SummaryView => ({
      locale, source, origin: 'source', sections: [{ kind: 'whats_new', text: `요약 ${i} `.repeat(40) }, { kind: 'technical_details', text: `detail ${i} `.repeat(40) }],
    });
    return {
      id: i, key: `arxiv:2410.${22300 + i}`, kind: 'paper', arxivId: `2410.${22300 + i}`, arxivVersion: 1, url: null, title: `Paper ${i}`,
      authors: ['A. One', 'B. Two'], abstract: 'We propose a method. '.repeat(30), categories: ['cs.CL'], publishedAt: null, announcedOn: '2024-10-30',
      featuredOn: null, votes: i, thumbnail: null, links: {}, sources: [],
      summaries: [summary('ko', SOURCES[0]!), summary('ja', SOURCES[2]!), summary('en', SOURCES[i % 2 === 0 ? 1 : 3]!)],
    };
  });
}

export function runCardLabelsBench(o: { digests: number; rounds: number }): void {
  const stores = openStores(':memory:');
  const config = parseConfig(`sources:\n  - name: daily-papers-ko\n    path: ./ko\n    label: { en: Daily Papers (Korean), ko: 데일리 페이퍼 }\n  - url: https://huggingface.co/api/daily_papers\n`, 'bench.yaml');
  stores.sourceFacts.record({ source: SOURCES[2]!, format: 'ja-blog', at: '2024-10-30T00:00:00Z' });
  stores.sourceFacts.record({ source: SOURCES[3]!, format: 'rss', url: SOURCES[3]!, title: 'Example Lab', at: '2024-10-30T00:00:00Z' });
  const locs = ['en', 'ko', 'ja'].map((l) => createTranslator(l));
  const input = papers();
  const variants: [string, SourceLabeler][] = [
    ['raw stored name, as before (baseline)', (source) => source],
    ['default from the name alone', (source, loc) => defaultSourceLabel(source, {}, loc)],
    ['config + stored facts', buildSourceLabeler(stores, config)],
  ];
  const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let round = 0; round < o.rounds; round++) {
    for (const [name, sourceLabel] of round % 2 === 0 ? variants : [...variants].reverse()) {
      gc();
      const t = performance.now();
      for (let d = 0; d < o.digests; d++) {
        buildDigestModel(input, locs[d % 3]!, { date: '2024-10-30', timeZone: 'UTC', cardOptions: { sourceLabel } });
      }
      times.get(name)!.push(performance.now() - t);
    }
  }
  stores.close();
  const base = median(times.get(variants[0]![0])!);
  console.log(`\n## Card labels: ${o.digests} digests of 10 papers (en/ko/ja in turn), median of ${o.rounds} alternating rounds\n`);
  console.log('| credit from | total ms | per digest ms | vs baseline |\n|---|---:|---:|---:|');
  for (const [name] of variants) {
    const m = median(times.get(name)!);
    console.log(`| ${name} | ${ms(m)} | ${ms(m / o.digests)} | ${(m / base).toFixed(2)}× |`);
  }
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  runCardLabelsBench({ digests: Number(flag(args, 'digests') ?? 1000), rounds: Number(flag(args, 'rounds') ?? 5) });
}
