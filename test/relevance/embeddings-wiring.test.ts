/** The composition root turns embeddings on only with EMBEDDINGS_* set, and hands the ranker the cached vectors. */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv, parseConfig } from '../../src/config.js';
import { createRankDocReader } from '../../src/db/rank-doc-reader.js';
import { buildEmbeddings, buildRelevance, openStores } from '../../src/main.js';
import { startFakeEmbeddings, type FakeEmbeddings } from '../fakes/fake-embeddings.js';

const log = pino({ level: 'silent' });
let server: FakeEmbeddings;
beforeEach(async () => {
  server = await startFakeEmbeddings({ apiKey: 'sk-e' });
});
afterEach(async () => {
  await server.close();
});

function stores() {
  const s = openStores(':memory:');
  const entries = ['graph neural networks for molecules', 'protein folding with language models', 'video diffusion sampling', 'protein structure prediction'].map((title, i) => ({
    entryKey: `arxiv:2501.0000${i}`, kind: 'paper' as const, arxivId: `2501.0000${i}`, title, abstract: `${title}, in detail.`, authors: [], categories: [], votes: 10 - i,
  }));
  s.ingest.applyEntries('feed', 'arxiv-rss', entries, '2025-01-06T00:00:00Z');
  return s;
}

describe('buildEmbeddings', () => {
  it('is off without EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL', () => {
    expect(buildEmbeddings(loadEnv({}), parseConfig('', 'x.yaml'), stores(), log)).toBeUndefined();
  });

  it('embeds stored papers with the key and model from the environment, and the ranker reads them', async () => {
    const s = stores();
    const env = loadEnv({ EMBEDDINGS_BASE_URL: server.baseUrl, EMBEDDINGS_API_KEY: 'sk-e', EMBEDDINGS_MODEL: 'emb-x' });
    const embeddings = buildEmbeddings(env, parseConfig('embeddings: { batchSize: 3, weight: 2 }\n', 'x.yaml'), s, log)!;
    expect(await embeddings.embedNew()).toEqual({ model: 'emb-x', pending: 4, embedded: 4 });
    expect(server.requests.map((r) => [r.body?.model, (r.body?.input as string[]).length])).toEqual([['emb-x', 3], ['emb-x', 1]]);
    const ids = s.db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
    expect(embeddings.ranking.embeddings.vectors(ids).size).toBe(4);
    expect(embeddings.ranking.embeddingWeight).toBe(2);

    const channel = { kind: 'channel' as const, platform: 'discord' as const, channel: 'C1' };
    const on = buildRelevance(s, undefined, embeddings.ranking);
    on.feedback.record({ platform: 'discord', workspace: 'G', channel: 'C1', actor: 'U', paperId: ids[1]!, value: 1, origin: 'button', at: '2025-01-06T10:00:00Z' });
    const docs = createRankDocReader(s.db).byIds(ids);
    const withVectors = on.ranker.rank(channel, docs)!.map((r) => r.score);
    const without = buildRelevance(s).ranker.rank(channel, docs)!.map((r) => r.score);
    expect(withVectors).not.toEqual(without);
  });
});
