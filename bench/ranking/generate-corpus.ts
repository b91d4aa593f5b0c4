/**
 * A generated daily-papers corpus for the ranking benchmark, with realistic overlap: research
 * areas (an arXiv category each) hold topics; topics share their area's words and a common
 * academic vocabulary; papers mix a primary topic with a secondary one; authors mostly write
 * within their topic; Hugging Face votes go to a minority of papers and favour "hot" topics
 * regardless of who reads them. Interest lists are people who collect part of one topic's
 * papers (and a little of a neighbouring topic) over the months. Rankers never see topics:
 * only the text, authors, categories and votes. Every summary also exists in Korean and
 * Japanese, word for word through a generated lexicon, for the summary-only variants.
 * Everything is generated from a seed, so the project may ship it (no third-party data).
 */
import { createRandom, type Random } from './random.js';

export interface BenchPaper {
  id: number;
  day: number;
  date: string;
  title: string;
  abstract: string;
  /** The abstract's words in Korean and Japanese (word-for-word through the lexicon). */
  summaryKo: string;
  summaryJa: string;
  authors: string[];
  categories: string[];
  votes: number | null;
  topic: number;
  secondTopic: number | null;
}

export interface InterestList {
  name: string;
  topic: number;
  paperIds: Set<number>;
}

export interface BenchCorpus {
  papers: BenchPaper[];
  days: number;
  lists: InterestList[];
}

export interface CorpusOptions {
  seed: number;
  days: number;
  papersPerDay: [number, number];
  areas: number;
  topicsPerArea: number;
  lists: number;
}

const COMMON = `learning model models data training performance task tasks network networks language method methods results
approach large neural deep framework evaluation benchmark dataset datasets state art existing propose proposed novel show
demonstrate experiments significantly improve improves improvement efficient effective simple general generalization
representation representations features accuracy robust analysis study problem problems via towards based using multi
scale scaling pretrained fine tuning inference optimization loss objective baseline baselines code available work`.split(/\s+/);

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'cr', 'gl', 'pr', 'st', 'tr', 'sh', 'th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ia', 'eo', 'ou'];
const CODAS = ['', '', 'n', 'r', 's', 'x', 'l', 'm', 'nt', 'st'];
const HANGUL_BASE = 0xac00;
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const KANJI = '学習強化生成画像言語理解推論知識表現構造分布最適系統動作検出予測評価空間時間信号音声文書翻訳視覚物体領域計算効率頑健';

function pseudoWord(r: Random): string {
  const syllables = 2 + r.int(2);
  let w = '';
  for (let i = 0; i < syllables; i++) w += r.pick(ONSETS) + r.pick(VOWELS) + (i === syllables - 1 ? r.pick(CODAS) : '');
  return w;
}

function koWord(r: Random): string {
  return Array.from({ length: 2 + r.int(3) }, () => String.fromCharCode(HANGUL_BASE + r.int(11172))).join('');
}

function jaWord(r: Random): string {
  return r.next() < 0.5
    ? Array.from({ length: 3 + r.int(3) }, () => r.pick([...KATAKANA])).join('')
    : Array.from({ length: 2 + r.int(2) }, () => r.pick([...KANJI])).join('');
}

interface Topic {
  area: number;
  words: string[];
  authors: string[];
  hot: number;
}

function buildWorld(r: Random, o: CorpusOptions) {
  const used = new Set<string>(COMMON);
  const fresh = (): string => {
    for (;;) {
      const w = pseudoWord(r);
      if (!used.has(w)) return used.add(w), w;
    }
  };
  const areaWords = Array.from({ length: o.areas }, () => Array.from({ length: 120 }, fresh));
  const areaAuthors = Array.from({ length: o.areas }, () => Array.from({ length: 40 }, () => `${cap(fresh())} ${cap(fresh())}`));
  const topics: Topic[] = [];
  for (let a = 0; a < o.areas; a++) {
    for (let t = 0; t < o.topicsPerArea; t++) {
      // A topic's words: its own, plus a share of its area's (the overlap between sibling topics).
      const own = Array.from({ length: 25 }, fresh);
      const shared = Array.from({ length: 35 }, () => r.pick(areaWords[a]!));
      const authors = [...Array.from({ length: 50 }, () => `${cap(fresh())} ${cap(fresh())}`), ...Array.from({ length: 10 }, () => r.pick(areaAuthors[a]!))];
      topics.push({ area: a, words: [...own, ...shared], authors, hot: Math.exp(r.normal() * 0.8) });
    }
  }
  const lexicon = new Map<string, { ko: string; ja: string }>();
  for (const w of used) lexicon.set(w, { ko: koWord(r), ja: jaWord(r) });
  return { areaWords, topics, lexicon };
}

function cap(w: string): string {
  return w[0]!.toUpperCase() + w.slice(1);
}

type World = ReturnType<typeof buildWorld>;

function words(r: Random, world: World, n: number, topic: number, second: number | null, mix: { own: number; second: number; area: number }): string[] {
  const t = world.topics[topic]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = r.next();
    if (u < mix.own) out.push(t.words[r.zipf(t.words.length, 0.9)]!);
    else if (u < mix.own + mix.second && second !== null) out.push(world.topics[second]!.words[r.zipf(world.topics[second]!.words.length, 0.9)]!);
    else if (u < mix.own + mix.second + mix.area) out.push(r.pick(world.areaWords[t.area]!));
    else out.push(COMMON[r.zipf(COMMON.length, 0.8)]!);
  }
  return out;
}

function makePaper(r: Random, world: World, o: CorpusOptions, id: number, day: number): BenchPaper {
  const topicCount = world.topics.length;
  const topic = r.zipf(topicCount, 0.6);
  const t = world.topics[topic]!;
  const second = r.next() < 0.35 ? (r.next() < 0.7 ? t.area * o.topicsPerArea + r.int(o.topicsPerArea) : r.int(topicCount)) : null;
  const title = words(r, world, 6 + r.int(7), topic, second, { own: 0.4, second: 0.15, area: 0.15 });
  const abstract = words(r, world, 90 + r.int(90), topic, second, { own: 0.2, second: 0.08, area: 0.2 });
  const authors = Array.from({ length: 2 + r.int(7) }, () => (r.next() < 0.7 ? r.pick(t.authors) : r.pick(world.topics[r.int(topicCount)]!.authors)));
  const categories = [`cs.${String.fromCharCode(65 + t.area)}${String.fromCharCode(65 + t.area)}`];
  if (r.next() < 0.3) categories.push(`cs.${String.fromCharCode(65 + (t.area + 1 + r.int(o.areas - 1)) % o.areas).repeat(2)}`);
  // A minority of papers is featured on Hugging Face; votes favour hot topics, not any reader.
  const votes = r.next() < 0.15 ? Math.round(Math.exp(1.5 + r.normal() * 1.1) * t.hot) : null;
  const summary = abstract.slice(0, 60);
  const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return {
    id,
    day,
    date,
    title: cap(title.join(' ')),
    abstract: `${cap(abstract.join(' '))}.`,
    summaryKo: summary.map((w) => world.lexicon.get(w)!.ko).join(' '),
    summaryJa: summary.map((w) => world.lexicon.get(w)!.ja).join(''),
    authors: [...new Set(authors)],
    categories,
    votes,
    topic,
    secondTopic: second,
  };
}

/** People who collect part of one topic (and a little of a neighbour): what they would like. */
function makeLists(r: Random, papers: BenchPaper[], o: CorpusOptions): InterestList[] {
  const byTopic = new Map<number, number>();
  for (const p of papers) byTopic.set(p.topic, (byTopic.get(p.topic) ?? 0) + 1);
  // Topics with enough papers to have a list across months, in a seeded order.
  const eligible = [...byTopic].filter(([, n]) => n >= o.days * 1.5).map(([t]) => t);
  const lists: InterestList[] = [];
  for (let i = 0; i < o.lists && eligible.length; i++) {
    const topic = eligible.splice(r.int(eligible.length), 1)[0]!;
    const keep = 0.4 + r.next() * 0.3;
    const area = Math.floor(topic / o.topicsPerArea);
    const ids = new Set<number>();
    for (const p of papers) {
      const own = p.topic === topic || p.secondTopic === topic;
      const sibling = Math.floor(p.topic / o.topicsPerArea) === area;
      // Popular papers are collected more often, by everyone: votes are worth something.
      const popularity = 1 + Math.log1p(p.votes ?? 0) / 3;
      const chance = own ? keep : sibling ? 0.06 : 0.0005;
      if (r.next() < Math.min(1, chance * popularity)) ids.add(p.id);
    }
    lists.push({ name: `list-${i + 1}`, topic, paperIds: ids });
  }
  return lists;
}

export function generateCorpus(o: CorpusOptions): BenchCorpus {
  const r = createRandom(o.seed);
  const world = buildWorld(r, o);
  const papers: BenchPaper[] = [];
  for (let day = 0; day < o.days; day++) {
    const n = o.papersPerDay[0] + r.int(o.papersPerDay[1] - o.papersPerDay[0] + 1);
    for (let k = 0; k < n; k++) papers.push(makePaper(r, world, o, papers.length + 1, day));
  }
  return { papers, days: o.days, lists: makeLists(r, papers, o) };
}
