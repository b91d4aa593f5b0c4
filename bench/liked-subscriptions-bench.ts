/**
 * What "liked" subscriptions (docs/adr/0018) cost per ingest cycle and what they send, on the
 * ranking benchmark's generated corpus (topics the rankers never see): `--subs` subscribers, each
 * with 10 liked papers of one topic, get one day's `--new` papers; the rest of the corpus is
 * stored before. Side by side in the same run:
 * - cost: planning the cycle (ranking, selection, rendering, outbox rows) for liked subscriptions
 *   against the same number of topic subscriptions (one word each);
 * - what is sent: the share of sent papers on the subscriber's topic (precision) and the share of
 *   the day's on-topic papers sent (recall, bounded by the cap), against sending the day's most
 *   voted papers up to the same cap.
 *
 *   node --import tsx bench/liked-subscriptions-bench.ts [--subs 200] [--new 300] [--cap 5]
 */
import { renderTextDigest } from '../src/adapters/console/render-text.js';
import type { ChatRenderer } from '../src/core/chat-poster.js';
import { parseTopic, topicKey } from '../src/core/topic.js';
import type { SourceEntry } from '../src/core/types.js';
import { silentLogger } from '../src/log.js';
import { buildRelevance, openStores } from '../src/main.js';
import { createRankDocReader } from '../src/db/rank-doc-reader.js';
import { planSubscriptionMessages } from '../src/pipeline/plan-subscription-messages.js';
import { flag, isMain, ms, ratio, table } from './bench-util.js';
import { generateCorpus, type BenchPaper } from './ranking/generate-corpus.js';
import { createRandom } from './ranking/random.js';

const entryOf = (p: BenchPaper): SourceEntry => ({
  entryKey: `arxiv:2401.${String(10000 + p.id)}`,
  kind: 'paper',
  arxivId: `2401.${String(10000 + p.id)}`,
  title: p.title,
  abstract: p.abstract,
  authors: p.authors,
  categories: p.categories,
  votes: p.votes ?? undefined,
  links: { arxiv: `https://arxiv.org/abs/2401.${String(10000 + p.id)}` },
  announcedOn: p.date,
});

const renderer: ChatRenderer = { platform: 'console', render: renderTextDigest, requestBody: (_c, m) => m.body };

function setup(kind: 'liked' | 'topic', subs: number, fresh: number, cap: number) {
  const corpus = generateCorpus({ seed: 11, days: 8, papersPerDay: [fresh, fresh], areas: 6, topicsPerArea: 8, lists: 0 });
  const last = corpus.days - 1;
  const stores = openStores(':memory:');
  const past = corpus.papers.filter((p) => p.day < last);
  stores.ingest.applyEntries('arxiv', 'arxiv-rss', past.map(entryOf), '2024-01-01T00:00:00.000Z');
  const stored = new Map(past.map((p) => [p.id, stores.reader.getByKey(entryOf(p).entryKey)!.id]));
  const relevance = buildRelevance(stores);
  const r = createRandom(5);
  const byTopic = new Map<number, BenchPaper[]>();
  for (const p of past) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
  const topics = [...byTopic.keys()];
  const topicOf = new Map<string, number>();
  for (let i = 0; i < subs; i++) {
    const user = `U${i}`;
    const topic = r.pick(topics);
    topicOf.set(user, topic);
    if (kind === 'liked') {
      for (let k = 0; k < 10; k++) relevance.feedback.record({ platform: 'discord', workspace: 'W', channel: 'C', actor: user, paperId: stored.get(r.pick(byTopic.get(topic)!).id)!, value: 1, origin: 'button', at: '2024-01-01T00:00:00Z' });
      stores.subscriptions.add({ platform: 'discord', scope: 'me', target: user, guild: 'W', topic: 'liked:W', topicJson: '{}', locale: 'en', createdBy: user, now: '2024-01-01T00:00:00Z', kind: 'liked', dailyCap: cap });
    } else {
      const word = r.pick(byTopic.get(topic)!).title.split(' ')[0]!.toLowerCase();
      const parsed = parseTopic(word);
      stores.subscriptions.add({ platform: 'discord', scope: 'me', target: user, topic: topicKey(parsed), topicJson: JSON.stringify(parsed), locale: 'en', createdBy: user, now: '2024-01-01T00:00:00Z' });
    }
  }
  const today = corpus.papers.filter((p) => p.day === last);
  stores.ingest.applyEntries('arxiv', 'arxiv-rss', today.map(entryOf), '2024-01-02T01:00:00.000Z');
  const paperTopics = new Map(today.map((p) => [stores.reader.getByKey(entryOf(p).entryKey)!.id, [p.topic, p.secondTopic]]));
  const deps = {
    subscriptions: stores.subscriptions,
    subscriptionOutbox: stores.subscriptionOutbox,
    reader: stores.reader,
    rendererFor: () => renderer,
    timezone: 'UTC',
    maxPerMessage: 10,
    log: silentLogger(),
    liked: { ranker: relevance.ranker, docs: createRankDocReader(stores.db), zoneOf: () => 'UTC' },
  };
  return { stores, deps, topicOf, paperTopics, today };
}

export function runLikedSubscriptionsBench(args: string[]): void {
  const subs = Number(flag(args, 'subs') ?? 200);
  const fresh = Number(flag(args, 'new') ?? 300);
  const cap = Number(flag(args, 'cap') ?? 5);
  console.log(`\n## Liked subscriptions: ${subs} subscribers (10 likes each), ${fresh} new papers, cap ${cap}`);
  const timed: Record<string, number> = {};
  let sent: { target: string; papers: number[] }[] = [];
  let liked: ReturnType<typeof setup> | undefined;
  for (const kind of ['topic', 'liked'] as const) {
    const t = setup(kind, subs, fresh, cap);
    const started = performance.now();
    planSubscriptionMessages(t.deps, new Date('2024-01-02T01:00:00.000Z'));
    timed[kind] = performance.now() - started;
    if (kind === 'liked') {
      liked = t;
      sent = t.stores.db.prepare('SELECT s.target AS target, json_group_array(sp.paper_id) AS papers FROM subscription_papers sp JOIN subscriptions s ON s.id = sp.subscription_id GROUP BY s.id').all()
        .map((row) => { const r = row as { target: string; papers: string }; return { target: r.target, papers: JSON.parse(r.papers) as number[] }; });
    }
  }
  const t = liked!;
  const onTopic = (user: string, paper: number) => (t.paperTopics.get(paper) ?? []).includes(t.topicOf.get(user)!);
  const dayOnTopic = (user: string) => [...t.paperTopics.keys()].filter((p) => onTopic(user, p)).length;
  const byVotes = [...t.paperTopics.keys()].sort((a, b) => (t.stores.reader.getById(b)?.votes ?? 0) - (t.stores.reader.getById(a)?.votes ?? 0)).slice(0, cap);
  const users = [...t.topicOf.keys()];
  const quality = (pick: (user: string) => number[]) => {
    let hits = 0, total = 0, recall = 0;
    for (const u of users) {
      const papers = pick(u);
      hits += papers.filter((p) => onTopic(u, p)).length;
      total += papers.length;
      recall += papers.filter((p) => onTopic(u, p)).length / Math.max(1, Math.min(cap, dayOnTopic(u)));
    }
    return { precision: total ? hits / total : 0, recall: recall / users.length, perSub: total / users.length };
  };
  const ours = quality((u) => sent.find((s) => s.target === u)?.papers ?? []);
  const votes = quality(() => byVotes);
  console.log(table(['cycle', 'topic subscriptions', 'liked subscriptions', 'liked / topic'], [
    ['plan one cycle', ms(timed.topic!), ms(timed.liked!), ratio(timed.liked!, timed.topic!)],
    ['per subscriber', ms(timed.topic! / subs), ms(timed.liked! / subs), ''],
  ]));
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(table(['what is sent', 'most voted (baseline)', 'liked subscriptions'], [
    ['papers per subscriber', votes.perSub.toFixed(2), ours.perSub.toFixed(2)],
    ['on the subscriber’s topic (precision)', pct(votes.precision), pct(ours.precision)],
    ['of the day’s on-topic papers, within the cap (recall)', pct(votes.recall), pct(ours.recall)],
  ]));
}

if (isMain(import.meta.url)) runLikedSubscriptionsBench(process.argv.slice(2));
