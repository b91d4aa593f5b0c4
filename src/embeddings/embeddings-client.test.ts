import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeEmbeddings, type FakeEmbeddings } from '../../test/fakes/fake-embeddings.js';
import { createEmbeddingsClient, EmbeddingsError, type EmbeddingsClientOptions } from './embeddings-client.js';

const inSeconds = (s: number): Date => new Date(Date.now() + s * 1000);

let server: FakeEmbeddings;
beforeEach(async () => {
  server = await startFakeEmbeddings({ dims: 16, apiKey: 'sk-emb' });
});
afterEach(async () => {
  await server.close();
});

function client(overrides: Partial<EmbeddingsClientOptions> = {}) {
  return createEmbeddingsClient({ baseUrl: server.baseUrl, apiKey: 'sk-emb', model: 'emb-1', batchSize: 2, timeoutMs: 5000, retries: 3, backoffMs: 10, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<EmbeddingsError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(EmbeddingsError);
  return err as EmbeddingsError;
}

describe('createEmbeddingsClient', () => {
  it('posts {model, input} in batches and returns one vector per text, in order', async () => {
    const texts = ['graph neural networks', 'protein folding', 'speech recognition'];
    const vectors = await client({ baseUrl: `${server.baseUrl}/` }).embed(texts, { deadline: inSeconds(5) });
    expect(server.requests.map((r) => r.body?.input)).toEqual([texts.slice(0, 2), texts.slice(2)]);
    expect(server.requests[0]?.body?.model).toBe('emb-1');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-emb');
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map((t) => Array.from(Float32Array.from(fakeEmbedding(t, 'emb-1', 16)))));
  });

  it('puts vectors answered out of order back in input order', async () => {
    const a = fakeEmbedding('a', 'm', 4);
    const b = fakeEmbedding('b', 'm', 4);
    server.reply([{ kind: 'body', body: { data: [{ index: 1, embedding: b }, { index: 0, embedding: a }] } }]);
    const [va, vb] = await client().embed(['a', 'b'], { deadline: inSeconds(5) });
    expect(Array.from(va!)).toEqual(Array.from(Float32Array.from(a)));
    expect(Array.from(vb!)).toEqual(Array.from(Float32Array.from(b)));
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    server.reply([{ kind: 'error', status: 429, retryAfter: 0 }]);
    const vectors = await client().embed(['one'], { deadline: inSeconds(10) });
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a wrong key', async () => {
    const err = await failure(client({ apiKey: 'sk-wrong' }).embed(['one'], { deadline: inSeconds(5) }));
    expect(err).toMatchObject({ kind: 'auth', status: 401, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('stops a hang at the request timeout', async () => {
    server.reply([{ kind: 'hang' }, { kind: 'hang' }]);
    const err = await failure(client({ timeoutMs: 200, retries: 1 }).embed(['one'], { deadline: inSeconds(10) }));
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
  });

  it('rejects an answer of the wrong shape, a missing index or mixed dimensions, without retrying', async () => {
    server.reply([{ kind: 'body', body: { data: [{ index: 0, embedding: 'nope' }] } }]);
    expect((await failure(client().embed(['x'], { deadline: inSeconds(5) }))).kind).toBe('bad_response');
    server.reply([{ kind: 'body', body: { data: [{ index: 0, embedding: [1, 0] }] } }]);
    expect((await failure(client().embed(['x', 'y'], { deadline: inSeconds(5) }))).message).toMatch(/no vector for input 1/);
    server.reply([{ kind: 'body', body: { data: [{ index: 0, embedding: [1, 0] }, { index: 1, embedding: [1] }] } }]);
    expect((await failure(client().embed(['x', 'y'], { deadline: inSeconds(5) }))).message).toMatch(/mixes 2 and 1 dimensions/);
    server.reply([{ kind: 'malformed' }]);
    expect((await failure(client().embed(['x'], { deadline: inSeconds(5) }))).kind).toBe('bad_response');
    expect(server.requests).toHaveLength(4);
  });

  it('treats a refused connection as a retryable server error', async () => {
    const baseUrl = server.baseUrl;
    await server.close();
    const err = await failure(client({ baseUrl, retries: 1 }).embed(['x'], { deadline: inSeconds(5) }));
    expect(err).toMatchObject({ kind: 'server', attempts: 2 });
    server = await startFakeEmbeddings();
  });
});
