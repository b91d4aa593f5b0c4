/**
 * "Papers like the ones I liked" subscriptions through the real subscription cycle: stores on an
 * in-memory database, the personal ranker over them, a recording poster. What a cycle sends
 * depends on the profile (a person's in one workspace, or a channel's), the daily cap in the
 * subscriber's local day, and what was sent before.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/core/channel.js';
import { parseTopic, topicKey } from '../../src/core/topic.js';
import { silentLogger } from '../../src/log.js';
import { buildLikedRanking, buildRelevance, openStores } from '../../src/main.js';
import { deliverSubscriptions } from '../../src/pipeline/deliver-subscriptions.js';
import { createRecordingPoster } from '../fakes/recording-poster.js';
import { paper } from './digest-setup.js';

type Entry = Parameters<typeof paper>;
const item = (n: number, title: string, abstract: string, categories = ['cs.CV']): Entry => [n, 1, { title, abstract, categories, authors: [`Author ${n}`] }];

/** Stored before anything is liked: the profile's liked paper and a background of other fields. */
const LIKED = item(1, 'Video diffusion models with temporal attention', 'We generate video with a diffusion model and temporal attention layers.');
const BACKGROUND: Entry[] = [
  ['Retrieval augmented question answering', 'Question answering with retrieved passages and a reader.', 'cs.CL'],
  ['Graph neural networks for molecules', 'Message passing networks predict molecular properties.', 'cs.LG'],
  ['Speech recognition with transducers', 'Streaming speech recognition using transducer networks.', 'cs.SD'],
  ['Robot grasping from point clouds', 'A robot learns grasping from point cloud observations.', 'cs.RO'],
  ['Instruction tuning for multilingual chat', 'Instruction data for a multilingual chat assistant.', 'cs.CL'],
  ['Tabular data benchmarks', 'A benchmark of tabular learning methods.', 'cs.LG'],
  ['Protein folding with language models', 'Protein structure from sequence with language models.', 'q-bio.BM'],
  ['Federated learning under client drift', 'Clients with different data distributions train one model.', 'cs.LG'],
  ['Code generation with unit tests', 'Programs are generated and checked against unit tests.', 'cs.SE'],
  ['Weather forecasting with transformers', 'Global weather forecasts from a transformer.', 'physics.ao-ph'],
  ['Legal document summarization', 'Summaries of long court decisions.', 'cs.CL'],
  ['Sparse mixture of experts routing', 'Routing tokens to experts with load balancing.', 'cs.LG'],
  ['Causal discovery from time series', 'Finding causal graphs in multivariate time series.', 'stat.ML'],
  ['Differential privacy for recommendation', 'Private recommender systems with noise.', 'cs.IR'],
  ['Quantum circuit compilation', 'Compiling circuits for noisy quantum hardware.', 'quant-ph'],
  ['Autonomous driving motion planning', 'Planning trajectories for self-driving cars.', 'cs.RO'],
  ['Music source separation', 'Separating vocals and instruments in songs.', 'eess.AS'],
  ['Table question answering with SQL', 'Answering questions over tables by writing SQL.', 'cs.DB'],
].map(([title, abstract, cat], i) => item(100 + i, title!, abstract!, [cat!]));
/** New papers a video-diffusion profile should get, best match first. */
const VIDEO: Entry[] = [
  item(201, 'Fast video diffusion sampling with temporal attention', 'Fewer sampling steps for video diffusion models with temporal attention.'),
  item(202, 'Long video generation by latent diffusion', 'Latent video diffusion generates long video with temporal consistency.'),
  item(203, 'Video diffusion for consistent editing', 'Video editing with diffusion keeps temporal attention consistent.'),
  item(204, 'Temporal attention for video diffusion upscaling', 'Video diffusion upscaling with temporal attention layers.'),
];
/** New papers it should not get. */
const OTHER: Entry[] = [
  item(301, 'Knowledge graphs for drug discovery', 'Link prediction over biomedical knowledge graphs.', ['cs.LG']),
  item(302, 'Parsing legal contracts', 'Clause extraction from contracts.', ['cs.CL']),
  item(303, 'Bandits for online advertising', 'Contextual bandits choose which ad to show.', ['cs.LG']),
];
const title = (e: Entry) => e[2]!.title!;

function setup(timezone = 'Asia/Seoul') {
  const stores = openStores(':memory:');
  let now = new Date('2024-10-30T00:00:00Z');
  const config = parseConfig(`timezone: ${timezone}\n`, 'liked.yaml');
  stores.channels.syncFromConfig([{ platform: 'discord', channel: 'C-TOKYO', locale: 'ja', time: '09:00', timezone: 'Asia/Tokyo', settings: { ...DEFAULT_CHANNEL_SETTINGS } }], now.toISOString());
  const poster = createRecordingPoster();
  const relevance = buildRelevance(stores, () => now);
  const deps = {
    subscriptions: stores.subscriptions, subscriptionOutbox: stores.subscriptionOutbox, outbox: stores.outbox, reader: stores.reader, posterFor: () => poster,
    log: silentLogger(), now: () => now, timezone, maxPerMessage: 10, concurrency: 2, owner: 'here:1', isAbandoned: () => false,
    liked: buildLikedRanking(stores, config),
  };
  const at = (iso: string) => void (now = new Date(iso));
  const ingest = (...entries: Entry[]) => stores.ingest.applyEntries('arxiv', 'arxiv-rss', entries.map((e) => paper(...e)), now.toISOString());
  const idOf = (e: Entry) => stores.reader.getByKey(`arxiv:2410.${20000 + e[0]}`)!.id;
  /** A liked subscription, as `/papers subscribe liked` adds it. */
  const subscribe = (scope: 'me' | 'channel', target: string, guild: string, cap = 5, locale = 'en') =>
    stores.subscriptions.add({ platform: 'discord', scope, target, guild, topic: `liked:${guild}`, topicJson: '{}', locale, createdBy: 'U1', now: now.toISOString(), kind: 'liked', dailyCap: cap })!;
  const like = (e: Entry, where: { workspace: string; channel: string; actor?: string }) =>
    relevance.feedback.record({ platform: 'discord', actor: 'U1', ...where, paperId: idOf(e), value: 1, origin: 'button', at: now.toISOString() });
  const sentTo = (sub: number) => (stores.db.prepare('SELECT paper_id FROM subscription_papers WHERE subscription_id = ? ORDER BY paper_id').pluck().all(sub) as number[]);
  const cycle = async (iso: string, ...entries: Entry[]) => {
    at(iso);
    if (entries.length) ingest(...entries);
    return deliverSubscriptions(deps);
  };
  ingest(LIKED, ...BACKGROUND);
  return { stores, poster, deps, at, ingest, idOf, subscribe, like, sentTo, cycle };
}

const IN_A = { workspace: 'GA', channel: 'C-A' };

describe('liked subscriptions', () => {
  it('send nothing for a profile without likes, and never later the papers that came before the first like', async () => {
    const t = setup();
    const sub = t.subscribe('me', 'U1', 'GA');
    expect(await t.cycle('2024-10-30T01:00:00Z', ...VIDEO.slice(0, 2))).toEqual({ sent: 0, paused: 0, failed: 0 });
    t.like(LIKED, IN_A);
    expect(await t.cycle('2024-10-30T02:00:00Z')).toEqual({ sent: 0, paused: 0, failed: 0 });
    expect(t.poster.sent).toEqual([]);
    expect(await t.cycle('2024-10-30T03:00:00Z', VIDEO[2]!, ...OTHER)).toEqual({ sent: 1, paused: 0, failed: 0 });
    expect(t.sentTo(sub)).toEqual([t.idOf(VIDEO[2]!)]);
  });

  it('send the new papers the profile ranks high, each with its reason, and none of the unrelated ones', async () => {
    const t = setup();
    t.like(LIKED, IN_A);
    t.subscribe('me', 'U1', 'GA');
    await t.cycle('2024-10-30T01:00:00Z', VIDEO[0]!, VIDEO[1]!, ...OTHER);
    expect(t.poster.sent).toHaveLength(1);
    const text = t.poster.sent[0]!.text;
    expect(t.poster.sent[0]!.channel).toBe('dm-U1');
    expect(text).toContain('Papers like the ones you liked');
    expect(text).toContain('2 new papers for your likes');
    for (const e of VIDEO.slice(0, 2)) expect(text).toContain(title(e));
    for (const e of OTHER) expect(text).not.toContain(title(e));
    // The reason line under each card, in the words ranked digest cards use.
    const reasons = text.split('\n').filter((l) => l.includes('→'));
    expect(reasons).toHaveLength(2);
    for (const r of reasons) expect(r).toMatch(/like “Video diffusion models with temporal attention”|matches: /);
  });

  it('send nothing when no new paper is close enough, however the pool ranks them', async () => {
    const t = setup();
    t.like(LIKED, IN_A);
    t.subscribe('me', 'U1', 'GA');
    expect(await t.cycle('2024-10-30T01:00:00Z', ...OTHER)).toEqual({ sent: 0, paused: 0, failed: 0 });
  });

  it('keep to the daily cap in the subscriber’s local day (the config zone for a person), best papers first', async () => {
    const t = setup('Asia/Seoul');
    t.like(LIKED, IN_A);
    const sub = t.subscribe('me', 'U1', 'GA', 2);
    // 10:00 in Seoul: four good papers, two sent.
    await t.cycle('2024-10-30T01:00:00Z', ...VIDEO, ...OTHER);
    expect(t.sentTo(sub)).toHaveLength(2);
    expect(VIDEO.map(t.idOf)).toEqual(expect.arrayContaining(t.sentTo(sub)));
    // 23:00 in Seoul, the same local day: the cap is used up.
    await t.cycle('2024-10-30T14:00:00Z', item(205, 'Video diffusion with temporal attention for animation', 'Animation by video diffusion and temporal attention.'));
    expect(t.sentTo(sub)).toHaveLength(2);
    // 00:30 the next day in Seoul (still 30 October in UTC): a new day's cap.
    const nextDay = item(206, 'Temporal attention in video diffusion transformers', 'Video diffusion transformers with temporal attention.');
    await t.cycle('2024-10-30T15:30:00Z', nextDay);
    expect(t.sentTo(sub)).toHaveLength(3);
    expect(t.sentTo(sub)).toContain(t.idOf(nextDay));
    expect(t.poster.sent).toHaveLength(2);
  });

  it('count a channel subscription’s day in the channel’s own zone', async () => {
    const t = setup('UTC');
    t.like(LIKED, { workspace: 'GA', channel: 'C-TOKYO' });
    const sub = t.subscribe('channel', 'C-TOKYO', 'GA', 1);
    await t.cycle('2024-10-30T10:00:00Z', VIDEO[0]!);
    // 15:30 UTC is still 30 October in UTC, but 00:30 on the 31st in Tokyo.
    await t.cycle('2024-10-30T15:30:00Z', VIDEO[1]!);
    expect(t.sentTo(sub)).toEqual([t.idOf(VIDEO[0]!), t.idOf(VIDEO[1]!)]);
    expect(t.poster.sent.map((s) => s.channel)).toEqual(['C-TOKYO', 'C-TOKYO']);
  });

  it('never send a paper twice, also when a source lists it again', async () => {
    const t = setup();
    t.like(LIKED, IN_A);
    const sub = t.subscribe('me', 'U1', 'GA');
    await t.cycle('2024-10-30T01:00:00Z', VIDEO[0]!);
    await t.cycle('2024-10-30T02:00:00Z', [VIDEO[0]![0], 50, VIDEO[0]![2]]);
    await t.cycle('2024-10-30T03:00:00Z');
    expect(t.sentTo(sub)).toEqual([t.idOf(VIDEO[0]!)]);
    expect(t.poster.sent).toHaveLength(1);
  });

  it('rank a person’s subscription with their clicks in its own server only', async () => {
    const t = setup();
    t.like(LIKED, IN_A);
    const inB = t.subscribe('me', 'U1', 'GB');
    await t.cycle('2024-10-30T01:00:00Z', ...VIDEO.slice(0, 2));
    expect(t.poster.sent).toEqual([]);
    const inA = t.subscribe('me', 'U1', 'GA');
    await t.cycle('2024-10-30T02:00:00Z', ...VIDEO.slice(2));
    expect(t.sentTo(inB)).toEqual([]);
    expect(t.sentTo(inA)).toEqual(VIDEO.slice(2).map(t.idOf));
  });

  it('rank a channel’s subscription with the clicks made in that channel, not its members’ elsewhere', async () => {
    const t = setup();
    t.like(LIKED, IN_A);
    const channel = t.subscribe('channel', 'C-B', 'GA');
    await t.cycle('2024-10-30T01:00:00Z', ...VIDEO.slice(0, 2));
    expect(t.sentTo(channel)).toEqual([]);
    t.like(LIKED, { workspace: 'GA', channel: 'C-B', actor: 'U2' });
    await t.cycle('2024-10-30T02:00:00Z', ...VIDEO.slice(2));
    expect(t.sentTo(channel)).toEqual(VIDEO.slice(2).map(t.idOf));
  });

  it('share one message with the subscriber’s topic subscriptions, each paper once', async () => {
    const t = setup();
    t.like(LIKED, IN_A);
    t.subscribe('me', 'U1', 'GA');
    const topic = parseTopic('video');
    t.stores.subscriptions.add({ platform: 'discord', scope: 'me', target: 'U1', topic: topicKey(topic), topicJson: JSON.stringify(topic), locale: 'en', createdBy: 'U1', now: '2024-10-30T00:00:00Z' });
    await t.cycle('2024-10-30T01:00:00Z', VIDEO[0]!, ...OTHER);
    expect(t.poster.sent).toHaveLength(1);
    const text = t.poster.sent[0]!.text;
    expect(text).toContain('New papers on your topics');
    expect(text).toContain('1 new paper for your likes, “video”');
    expect(text.split(title(VIDEO[0]!)).length - 1).toBe(1);
  });
});
