import { describe, expect, it } from 'vitest';
import { UserError } from './commands.js';
import { matchSubscriptions, type MatchPaper, type TopicSubscription } from './match-subscriptions.js';
import { matchTopic, parseTopic } from './topic.js';

function paper(id: number, p: Partial<MatchPaper>): MatchPaper {
  return { id, title: '', abstract: null, categories: [], authors: [], votes: null, date: null, firstSeenAt: '2025-01-01T00:00:00Z', ...p };
}

const subs = (...topics: string[]): TopicSubscription[] => topics.map((t, i) => ({ id: i + 1, topic: parseTopic(t) }));

/** What matchSubscriptions must equal: every subscription checked against every paper. */
function naive(list: TopicSubscription[], papers: MatchPaper[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const { id, topic } of list) {
    const ids = papers.filter((p) => matchTopic(topic, p)).map((p) => p.id);
    if (ids.length > 0) out.set(id, ids);
  }
  return out;
}

// mulberry32: a small seeded PRNG, so a failure reproduces.
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  ...'robot robots robotic chatbot learning diffusion transformer transformers model models survey graph neural language'.split(' '),
  ...'large agent agents policy vision retrieval reinforcement flow dpo in of the a résumé naïve llm gpt 4o'.split(' '),
  ...'강화학습 강화 학습 모델 로봇 검색 언어모델 대형 에이전트 을 를 이용한 기반 서베이'.split(' '),
  ...'強化学習 学習 言語 モデル ロボット 検索 大規模 による の 拡散 サーベイ'.split(' '),
];
const CATEGORIES = ['cs.CL', 'cs.LG', 'cs.RO', 'cs.CV', 'math.GT', 'hep-th', 'physics.optics', 'stat.ML'];
const AUTHORS = ['Yann LeCun', 'Kaiming He', 'Bernhard Schölkopf', 'Yoshua Bengio', 'Hector Garcia', '김철수', '山田太郎', 'Laurens van der Maaten'];
const AUTHOR_TERMS = ['"Yann LeCun"', 'LeCun', '"Y. LeCun"', 'He', 'Scholkopf', '"van der Maaten"', '김철수', '山田太郎', 'Garcia'];
// Words run into each other ("강화학습을", "llm기반", "robotlearning") as often as they are spaced.
const SEPARATORS = [' ', ' ', ' ', '', '-', ', '];

function randomWorld(seed: number, subCount: number, paperCount: number): { subs: TopicSubscription[]; papers: MatchPaper[] } {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const text = (n: number) => Array.from({ length: n }, (_, i) => (i ? pick(SEPARATORS) : '') + pick(WORDS)).join('');
  const papers = Array.from({ length: paperCount }, (_, i) =>
    paper(i + 100, {
      title: text(4),
      abstract: random() < 0.2 ? null : text(12),
      ...(random() < 0.3 ? { summaryText: text(6) } : {}),
      categories: [pick(CATEGORIES), pick(CATEGORIES)],
      authors: [pick(AUTHORS), pick(AUTHORS)],
    }),
  );
  const term = (): string => {
    const r = random();
    const word = pick(WORDS);
    if (r < 0.35) return random() < 0.3 ? word.slice(0, Math.max(1, word.length - 2)) : word;
    if (r < 0.55) return `"${text(2)}"`;
    if (r < 0.7) return random() < 0.7 ? `-${pick(WORDS)}` : `-"${text(2)}"`;
    if (r < 0.85) return `cat:${random() < 0.2 ? 'cs' : pick(CATEGORIES)}`;
    return `author:${pick(AUTHOR_TERMS)}`;
  };
  const list: TopicSubscription[] = [];
  while (list.length < subCount) {
    try {
      list.push({ id: list.length + 1, topic: parseTopic(Array.from({ length: 1 + Math.floor(random() * 3) }, term).join(' ')) });
    } catch (e) {
      if (!(e instanceof UserError)) throw e; // only exclusions: draw again
    }
  }
  return { subs: list, papers };
}

describe('matchSubscriptions', () => {
  const papers = [
    paper(10, { title: 'Diffusion Transformers for robot control', categories: ['cs.RO'], authors: ['Yann LeCun'] }),
    paper(11, { title: 'A survey of diffusion transformers', categories: ['cs.CV'] }),
    paper(12, { title: '심층 강화학습을 이용한 로봇 제어', categories: ['cs.RO'] }),
    paper(13, { title: 'X', summaryText: '深層強化学習による言語モデルの調整', categories: ['cs.CL'] }),
  ];

  it('lists each subscription’s matching paper ids in the papers’ order', () => {
    const result = matchSubscriptions(subs('"diffusion transformer"', '"diffusion transformer" -survey', '강화학습', '強化学習', 'cat:cs.RO'), papers);
    expect([...result]).toEqual([
      [1, [10, 11]],
      [2, [10]],
      [3, [12]],
      [4, [13]],
      [5, [10, 12]],
    ]);
  });

  it('leaves out subscriptions that matched nothing', () => {
    expect([...matchSubscriptions(subs('quantum', 'author:Bengio', 'robot'), papers)]).toEqual([[3, [10]]]);
  });

  it('treats several categories or authors as alternatives', () => {
    const result = matchSubscriptions(subs('cat:cs.CL cat:cs.CV', 'author:Bengio author:LeCun', 'cat:cs'), papers);
    expect([...result]).toEqual([
      [1, [11, 13]],
      [2, [10]],
      [3, [10, 11, 12, 13]],
    ]);
  });

  it('lets every paper without an exclusion through a hand-built topic with nothing required, as matchTopic does', () => {
    const topic = { text: '-survey', phrases: [], exclude: ['survey'], categories: [], authors: [] };
    expect([...matchSubscriptions([{ id: 1, topic }], papers)]).toEqual([[1, [10, 12, 13]]]);
  });

  it('returns an empty map when there are no papers or no subscriptions', () => {
    expect(matchSubscriptions(subs('robot'), []).size).toBe(0);
    expect(matchSubscriptions([], papers).size).toBe(0);
  });

  it('gives exactly what checking every subscription against every paper gives', () => {
    const world = randomWorld(7, 300, 300);
    const expected = naive(world.subs, world.papers);
    const pairs = [...expected.values()].reduce((n, ids) => n + ids.length, 0);
    // Matches must be common, or the equality would prove little.
    expect(expected.size).toBeGreaterThan(150);
    expect(pairs).toBeGreaterThan(5_000);
    expect(matchSubscriptions(world.subs, world.papers)).toEqual(expected);
  });
});
