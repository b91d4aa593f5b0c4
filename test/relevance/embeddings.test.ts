/**
 * Optional embeddings end to end over a real store and a fake OpenAI-compatible endpoint: the
 * after-ingest step fills the cache once per paper and model, re-embeds only changed texts, stops
 * cleanly when the endpoint fails, and the ranker uses the vectors only when there are some.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileRef } from '../../src/core/personal-ranking/profile-ref.js';
import { createEmbeddingStore } from '../../src/db/embedding-store.js';
import { createFeedbackStore } from '../../src/db/feedback-store.js';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { createInterestStore } from '../../src/db/interest-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createRankDocReader } from '../../src/db/rank-doc-reader.js';
import { createEmbeddingsClient } from '../../src/embeddings/embeddings-client.js';
import { createEmbedPapers, type EmbedPapersOptions } from '../../src/pipeline/embed-papers.js';
import { createPersonalRanker } from '../../src/pipeline/personal-ranker.js';
import { startFakeEmbeddings, type FakeEmbeddings } from '../fakes/fake-embeddings.js';

const TOPICS = [
  ['video diffusion generation', 'temporal video diffusion model for generation of long clips'],
  ['protein structure prediction', 'protein folding and structure prediction from sequences'],
  ['speech recognition transducer', 'streaming speech recognition with transducer decoders'],
  ['robot grasping manipulation', 'robot manipulation and grasping from point clouds'],
] as const;
const channel: ProfileRef = { kind: 'channel', platform: 'discord', channel: 'C1' };
const RUN: EmbedPapersOptions = { scan: 1000, maxPerRun: 1000, batchSize: 8, deadlineMs: 10_000 };

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

let server: FakeEmbeddings;
beforeEach(async () => {
  server = await startFakeEmbeddings({ dims: 32 });
});
afterEach(async () => {
  await server.close();
});

function setup() {
  const db = openDatabase(':memory:');
  const entries = Array.from({ length: 24 }, (_, i) => {
    const [title, abstract] = TOPICS[i % TOPICS.length]!;
    const id = `2501.${String(10000 + i)}`;
    return { entryKey: `arxiv:${id}`, kind: 'paper' as const, arxivId: id, title: `${title} ${i}`, abstract: `${abstract}, variant ${i}.`, authors: [`Author ${i % 4}`], categories: ['cs.LG'], votes: 24 - i, announcedOn: '2025-01-06' };
  });
  createIngestStore(db).applyEntries('feed', 'arxiv-rss', entries, '2025-01-06T00:00:00Z');
  const ids = db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
  const docs = createRankDocReader(db);
  const store = createEmbeddingStore(db);
  const capture = capturingLogger();
  const embedder = (model = 'emb-1', options: Partial<EmbedPapersOptions> = {}, baseUrl = server.baseUrl) =>
    createEmbedPapers(
      { docs, store, client: createEmbeddingsClient({ baseUrl, model, batchSize: 8, timeoutMs: 2000, retries: 1, backoffMs: 10 }), log: capture.log, now: () => new Date('2025-01-06T12:00:00Z') },
      { ...RUN, ...options },
    );
  const feedback = createFeedbackStore(db);
  const interests = createInterestStore(db);
  const ranker = (embeddings?: { model: string; weight?: number }) =>
    createPersonalRanker({
      feedback,
      interests,
      docs,
      ...(embeddings ? { embeddings: { vectors: (paperIds: number[]) => store.vectors(embeddings.model, paperIds) }, embeddingWeight: embeddings.weight ?? 0.5 } : {}),
    });
  const like = (paperId: number) =>
    feedback.record({ platform: 'discord', workspace: 'G1', channel: 'C1', actor: 'U1', paperId, value: 1, origin: 'button', at: '2025-01-06T10:00:00Z' });
  return { db, ids, docs, store, embedder, ranker, like, lines: capture.lines };
}

describe('the embeddings cache', () => {
  it('embeds each paper once per model: a second run sends no request, another model embeds again', async () => {
    const { ids, store, embedder } = setup();
    expect(await embedder()()).toEqual({ model: 'emb-1', pending: 24, embedded: 24 });
    expect(server.requests).toHaveLength(3);
    expect(await embedder()()).toEqual({ model: 'emb-1', pending: 0, embedded: 0 });
    expect(server.requests).toHaveLength(3);
    expect(await embedder('emb-2')()).toMatchObject({ embedded: 24 });
    expect(server.requests.slice(3).every((r) => r.body?.model === 'emb-2')).toBe(true);
    const [one, two] = [store.vectors('emb-1', ids), store.vectors('emb-2', ids)];
    expect([one.size, two.size]).toEqual([24, 24]);
    expect(one.get(ids[0]!)).toHaveLength(32);
    expect(Array.from(one.get(ids[0]!)!)).not.toEqual(Array.from(two.get(ids[0]!)!));
  });

  it('sends title and abstract, and embeds a paper again only when that text changes', async () => {
    const { db, ids, embedder } = setup();
    await embedder()();
    expect(server.embedded()).toContain('video diffusion generation 0\n\ntemporal video diffusion model for generation of long clips, variant 0.');
    db.prepare('UPDATE papers SET abstract = ? WHERE id = ?').run('A corrected abstract.', ids[5]);
    db.prepare('UPDATE papers SET votes = 999 WHERE id = ?').run(ids[6]);
    const before = server.embedded().length;
    expect(await embedder()()).toMatchObject({ pending: 1, embedded: 1 });
    expect(server.embedded().slice(before)).toEqual([`${TOPICS[1][0]} 5\n\nA corrected abstract.`]);
  });

  it('embeds at most maxPerRun papers per run, newest first, and the rest on the next runs', async () => {
    const { ids, store, embedder } = setup();
    const run = embedder('emb-1', { maxPerRun: 10 });
    expect(await run()).toEqual({ model: 'emb-1', pending: 24, embedded: 10 });
    expect([...store.vectors('emb-1', ids).keys()].sort((a, b) => a - b)).toEqual(ids.slice(-10));
    expect(await run()).toMatchObject({ pending: 14, embedded: 10 });
    expect(await run()).toMatchObject({ pending: 4, embedded: 4 });
  });

  it('keeps the batches saved before a failure, logs the failure once while it repeats, and recovers', async () => {
    const { ids, store, embedder, lines } = setup();
    const run = embedder();
    server.reply([{ kind: 'embed' }, { kind: 'error', status: 401, message: 'bad key' }]);
    expect(await run()).toMatchObject({ pending: 24, embedded: 8, failed: expect.stringMatching(/401: bad key/) });
    expect(store.vectors('emb-1', ids).size).toBe(8);
    server.reply([{ kind: 'error', status: 401, message: 'bad key' }]);
    expect(await run()).toMatchObject({ pending: 16, embedded: 0 });
    const warned = lines.filter((l) => l.msg === 'embedding papers failed; ranking goes on without the missing vectors');
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: 40, model: 'emb-1', pending: 24, embedded: 8 });
    expect(await run()).toMatchObject({ pending: 16, embedded: 16 });
    expect(lines.some((l) => l.msg === 'embedding papers works again')).toBe(true);
  });
});

describe('ranking with embeddings', () => {
  it('ranks exactly as without embeddings when no vector is cached (the endpoint was never reachable) or the cache cannot be read', async () => {
    const { db, ids, docs, embedder, ranker, like } = setup();
    const down = server.baseUrl;
    await server.close();
    expect((await embedder('emb-1', {}, down)()).failed).toMatch(/unreachable/);
    like(ids[1]!);
    const candidates = docs.byIds(ids.slice(8));
    const off = JSON.stringify(ranker().rank(channel, candidates));
    expect(JSON.stringify(ranker({ model: 'emb-1' }).rank(channel, candidates))).toBe(off);
    const failingRead = createPersonalRanker({
      feedback: createFeedbackStore(db),
      interests: createInterestStore(db),
      docs,
      embeddings: {
        vectors: () => {
          throw new Error('database is locked');
        },
      },
    });
    expect(JSON.stringify(failingRead.rank(channel, candidates))).toBe(off);
    server = await startFakeEmbeddings();
  });

  it('adds the embedding part when vectors are cached, and still ranks the liked topic first', async () => {
    const { ids, docs, embedder, ranker, like } = setup();
    await embedder()();
    like(ids[1]!); // protein
    const candidates = docs.byIds(ids.slice(8));
    const off = ranker().rank(channel, candidates)!;
    const on = ranker({ model: 'emb-1' }).rank(channel, candidates)!;
    expect(on.map((r) => r.score)).not.toEqual(off.map((r) => r.score));
    const title = (id: number) => candidates.find((c) => c.id === id)!.title;
    expect(on.slice(0, 4).every((r) => /protein/.test(title(r.id)))).toBe(true);
  });

  it('lets the embeddings outweigh the words when their weight is high', () => {
    const { ids, docs, store, ranker, like } = setup();
    like(ids[1]!); // protein
    const candidates = docs.byIds(ids.slice(8));
    // Vectors that say the liked paper is about what the robot papers (3, 7, 11, …) are about.
    const robot = Float32Array.from([1, 0, 0]);
    const rows = [ids[1]!, ...candidates.map((c) => c.id)].map((paperId) => ({ paperId, vector: paperId === ids[1] || (ids.indexOf(paperId) % 4 === 3) ? robot : Float32Array.from([0, 1, 0]), textHash: 'h' }));
    store.save('hand-made', rows, '2025-01-06T12:00:00Z');
    const title = (id: number) => candidates.find((c) => c.id === id)!.title;
    expect(title(ranker().rank(channel, candidates)![0]!.id)).toMatch(/protein/);
    expect(title(ranker({ model: 'hand-made', weight: 5 }).rank(channel, candidates)![0]!.id)).toMatch(/robot/);
  });
});
