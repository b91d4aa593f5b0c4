/**
 * One evaluation of the ranking benchmark: on a generated corpus, each interest list's papers
 * of the first half of the days seed a profile; every later day is ranked by each method and
 * scored by how many of that day's list papers reach its top 10. Methods: `order: votes` and
 * `order: date` (the digest's own comparator), a keyword filter made from the seeds (the
 * digest's own filter, votes order), arxiv-sanity-lite's tf-idf + LinearSVC, and Paperboy's
 * personal ranking.
 */
import { comparePapers, matchesFilters, type Candidate } from '../../src/core/select-papers.js';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/core/channel.js';
import type { RankDoc } from '../../src/core/personal-ranking/features.js';
import { trainProfileModel, type ModelSettings } from '../../src/core/personal-ranking/profile-model.js';
import { prepareRankingDay, rankDay, type BlendWeights, type RankCandidate } from '../../src/core/personal-ranking/rank-day.js';
import { buildVectorSpace } from '../../src/core/personal-ranking/vector-space.js';
import type { BenchCorpus, BenchPaper } from './generate-corpus.js';
import { ndcgAt, recallAt } from './metrics.js';
import { fitTfidf, trainLinearSvc } from './sanity-svm.js';

export type Variant = 'en' | 'ko' | 'ja';
export const METHODS = ['votes', 'date', 'keywords', 'sanity-svm', 'paperboy'] as const;
export type Method = (typeof METHODS)[number];
export type Scores = Record<Method, { recall: number; ndcg: number; n: number }>;

export interface RankerConfig {
  model: ModelSettings;
  blend: BlendWeights;
}

/** What a ranker reads of a paper in each variant: ko/ja have no English abstract, only a summary. */
export function docOf(p: BenchPaper, variant: Variant): RankCandidate {
  const text = variant === 'en' ? { abstract: p.abstract } : { summaries: [variant === 'ko' ? p.summaryKo : p.summaryJa] };
  return { id: p.id, title: p.title, ...text, authors: p.authors, categories: p.categories, votes: p.votes, date: p.date };
}

function candidateOf(p: BenchPaper, variant: Variant): Candidate {
  const summaryText = variant === 'en' ? '' : variant === 'ko' ? p.summaryKo : p.summaryJa;
  return { id: p.id, title: p.title, abstract: variant === 'en' ? p.abstract : null, categories: p.categories, votes: p.votes, date: p.date, firstSeenAt: `${p.date}T00:00:00Z`, summaryText };
}

/** The ten title words most over-represented in the seeds: what a person would type as keywords. */
function keywordsFrom(seeds: BenchPaper[], all: BenchPaper[]): string[] {
  const count = (papers: BenchPaper[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const p of papers) for (const w of new Set(p.title.toLowerCase().split(/\s+/))) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const mine = count(seeds);
  const everyone = count(all);
  return [...mine]
    .filter(([, n]) => n >= 3)
    .map(([w, n]) => [w, n / seeds.length / ((everyone.get(w) ?? 1) / all.length)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([w]) => w);
}

function emptyScores(): Scores {
  return Object.fromEntries(METHODS.map((m) => [m, { recall: 0, ndcg: 0, n: 0 }])) as Scores;
}

export function evaluate(corpus: BenchCorpus, variant: Variant, config: RankerConfig, methods: readonly Method[] = METHODS): Scores {
  const split = Math.floor(corpus.days / 2);
  const past = corpus.papers.filter((p) => p.day < split);
  const byDay = new Map<number, BenchPaper[]>();
  for (const p of corpus.papers) if (p.day >= split) byDay.set(p.day, [...(byDay.get(p.day) ?? []), p]);
  // Paperboy's vocabulary: recent background papers only, as in production since ADR 22 (a profile's
  // examples no longer add terms, so one channel's model never depends on another's clicks).
  const background = past.slice(-5000).map((p) => docOf(p, variant));
  const seedsOf = corpus.lists.map((l) => past.filter((p) => l.paperIds.has(p.id)));
  const space = buildVectorSpace(background);
  const negatives: RankDoc[] = background.filter((_, i) => i % 5 === 0);
  const models = seedsOf.map((seeds) => trainProfileModel(space, seeds.map((p) => ({ doc: docOf(p, variant), value: 1 as const })), negatives, config.model));
  // arxiv-sanity-lite: tf-idf fitted on every paper in its database, an SVM per list on the past.
  const textOf = (p: BenchPaper): string => `${p.title} ${variant === 'en' ? p.abstract : variant === 'ko' ? p.summaryKo : p.summaryJa} ${p.authors.join(' ')}`;
  const sanity = methods.includes('sanity-svm') ? fitTfidf(corpus.papers.map(textOf)) : undefined;
  const pastVectors = sanity ? past.map((p) => sanity.vectorize(textOf(p))) : [];
  const svms = sanity ? corpus.lists.map((l) => trainLinearSvc(pastVectors, past.map((p) => (l.paperIds.has(p.id) ? 1 : -1)), sanity.dimensions)) : [];
  const keywords = seedsOf.map((seeds) => keywordsFrom(seeds, past));
  const scores = emptyScores();
  const add = (m: Method, ranked: number[], relevant: Set<number>): void => {
    scores[m].recall += recallAt(10, ranked, relevant);
    scores[m].ndcg += ndcgAt(10, ranked, relevant);
    scores[m].n += 1;
  };
  for (const papers of byDay.values()) {
    const candidates = papers.map((p) => candidateOf(p, variant));
    const byVotes = [...candidates].sort(comparePapers('votes')).map((c) => c.id);
    const byDate = [...candidates].sort(comparePapers('date')).map((c) => c.id);
    const day = prepareRankingDay(space, papers.map((p) => docOf(p, variant)));
    const sanityDay = sanity ? papers.map((p) => sanity.vectorize(textOf(p))) : [];
    corpus.lists.forEach((list, li) => {
      const relevant = new Set(papers.filter((p) => list.paperIds.has(p.id)).map((p) => p.id));
      if (relevant.size === 0) return;
      if (methods.includes('votes')) add('votes', byVotes, relevant);
      if (methods.includes('date')) add('date', byDate, relevant);
      if (methods.includes('keywords')) {
        const settings = { ...DEFAULT_CHANNEL_SETTINGS, keywords: keywords[li]! };
        add('keywords', [...candidates].filter((c) => matchesFilters(c, settings)).sort(comparePapers('votes')).map((c) => c.id), relevant);
      }
      if (methods.includes('sanity-svm')) {
        const s = sanityDay.map((x) => svms[li]!(x));
        add('sanity-svm', papers.map((p, i) => ({ id: p.id, s: s[i]! })).sort((a, b) => b.s - a.s || a.id - b.id).map((x) => x.id), relevant);
      }
      if (methods.includes('paperboy')) add('paperboy', rankDay(day, models[li]!, config.blend).map((r) => r.id), relevant);
    });
  }
  for (const m of METHODS) if (scores[m].n) [scores[m].recall, scores[m].ndcg] = [scores[m].recall / scores[m].n, scores[m].ndcg / scores[m].n];
  return scores;
}
