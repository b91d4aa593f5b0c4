/**
 * Ranking quality, held out by time, against honest baselines measured in the same run (see
 * bench/ranking/evaluate.ts). Settings are chosen on validation corpora (seeds 101–102) and
 * reported on test corpora generated with other seeds (201–203), in English and in Korean- and
 * Japanese-summary-only variants (no English abstract).
 *
 *   node --import tsx bench/ranking-quality-bench.ts [--days 40] [--lists 12]
 *   node --import tsx bench/ranking-quality-bench.ts --tune --days 24 --lists 10   (the validation grid only)
 */
import { flag, hasFlag, isMain } from './bench-util.js';
import { DEFAULT_MODEL_SETTINGS } from '../src/core/personal-ranking/profile-model.js';
import { DEFAULT_BLEND } from '../src/core/personal-ranking/rank-day.js';
import { generateCorpus, type CorpusOptions } from './ranking/generate-corpus.js';
import { evaluate, METHODS, type RankerConfig, type Scores, type Variant } from './ranking/evaluate.js';

const VARIANTS: Variant[] = ['en', 'ko', 'ja'];

function corpusOptions(seed: number, args: string[]): CorpusOptions {
  return { seed, days: Number(flag(args, 'days') ?? 40), papersPerDay: [250, 450], areas: 6, topicsPerArea: 8, lists: Number(flag(args, 'lists') ?? 12) };
}

function mean(all: Scores[]): Scores {
  return Object.fromEntries(
    METHODS.map((m) => [m, { recall: all.reduce((s, x) => s + x[m].recall, 0) / all.length, ndcg: all.reduce((s, x) => s + x[m].ndcg, 0) / all.length, n: all.reduce((s, x) => s + x[m].n, 0) }]),
  ) as Scores;
}

/** Grid search on the validation corpora (seeds 101–102, English and Korean-only): the blend and the classifier threshold. */
function tune(args: string[]): RankerConfig {
  const corpora = [101, 102].map((seed) => generateCorpus(corpusOptions(seed, args)));
  let best: { config: RankerConfig; recall: number } | undefined;
  for (const minLiked of [8, 100_000]) {
    for (const classifier of minLiked > 1000 ? [0] : [0.5, 1]) {
      for (const neighbour of [0, 0.25, 0.5]) {
        for (const votes of [0.15, 0.3]) {
          const config: RankerConfig = { model: { ...DEFAULT_MODEL_SETTINGS, minLikedForClassifier: minLiked }, blend: { ...DEFAULT_BLEND, classifier, neighbour, votes } };
          const runs = corpora.flatMap((c) => (['en', 'ko'] as const).map((v) => evaluate(c, v, config, ['paperboy']).paperboy.recall));
          const recall = runs.reduce((s, x) => s + x, 0) / runs.length;
          console.log(`  minLikedForClassifier ${minLiked}, classifier ${classifier}, neighbour ${neighbour}, votes ${votes}: recall@10 ${recall.toFixed(3)}`);
          if (!best || recall > best.recall) best = { config, recall };
        }
      }
    }
  }
  console.log(`validation chooses: minLikedForClassifier ${best!.config.model.minLikedForClassifier}, blend ${JSON.stringify(best!.config.blend)}`);
  return best!.config;
}

export function runRankingQualityBench(args: string[]): void {
  console.log('\n## Ranking quality (held out by time; generated corpora, see bench/ranking/generate-corpus.ts)');
  if (hasFlag(args, 'tune')) {
    tune(args);
    return;
  }
  const shipped: RankerConfig = { model: DEFAULT_MODEL_SETTINGS, blend: DEFAULT_BLEND };
  console.log(`shipped settings: minLikedForClassifier ${shipped.model.minLikedForClassifier}, blend ${JSON.stringify(shipped.blend)}`);
  const corpora = [201, 202, 203].map((seed) => generateCorpus(corpusOptions(seed, args)));
  console.log(`test corpora: seeds 201-203, ${corpora[0]!.days} days each, ${corpora.map((c) => c.papers.length).join('/')} papers, ${corpora.map((c) => c.lists.length).join('/')} interest lists`);
  for (const variant of VARIANTS) {
    const started = performance.now();
    const s = mean(corpora.map((c) => evaluate(c, variant, shipped)));
    console.log(`\n### ${variant === 'en' ? 'English abstracts' : `${variant === 'ko' ? 'Korean' : 'Japanese'} summaries only`} (${s.votes.n} list-days, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log('| method | recall@10 | nDCG@10 | recall vs votes |');
    console.log('|---|---|---|---|');
    for (const m of METHODS) console.log(`| ${m} | ${s[m].recall.toFixed(3)} | ${s[m].ndcg.toFixed(3)} | ${(s[m].recall / (s.votes.recall || 1)).toFixed(2)}× |`);
  }
}

if (isMain(import.meta.url)) runRankingQualityBench(process.argv.slice(2));
