import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../../test/fakes/fake-llm.js';
import { createLlmClient, LlmError, parseRetryAfter, type LlmClientOptions } from './llm-client.js';

const MESSAGES = [{ role: 'user' as const, content: 'hi' }];
const inSeconds = (s: number): Date => new Date(Date.now() + s * 1000);

let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm({ model: 'test-model', apiKey: 'sk-test' });
});
afterEach(async () => {
  await llm.close();
});

function client(overrides: Partial<LlmClientOptions> = {}) {
  return createLlmClient({ baseUrl: llm.baseUrl, apiKey: 'sk-test', model: 'test-model', timeoutMs: 5000, retries: 3, backoffMs: 10, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LlmError);
  return err as LlmError;
}

describe('createLlmClient', () => {
  it('posts an OpenAI-style request and returns the content', async () => {
    llm.reply(['{"ok": true}']);
    const content = await client({ baseUrl: `${llm.baseUrl}/` }).complete(MESSAGES, { deadline: inSeconds(5) });
    expect(content).toBe('{"ok": true}');
    const [request] = llm.completions();
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({ model: 'test-model', messages: MESSAGES, temperature: 0.2, response_format: { type: 'json_object' } });
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    llm.reply([{ kind: 'error', status: 429, retryAfter: 1 }, 'done']);
    await expect(client().complete(MESSAGES, { deadline: inSeconds(10) })).resolves.toBe('done');
    expect(llm.completions()).toHaveLength(2);
  });

  it('gives up on a 429 whose Retry-After ends past the deadline', async () => {
    llm.reply([{ kind: 'error', status: 429, retryAfter: 30 }, 'never']);
    const err = await failure(client().complete(MESSAGES, { deadline: inSeconds(2) }));
    expect(err.kind).toBe('rate_limited');
    expect(err.attempts).toBe(1);
    expect(llm.completions()).toHaveLength(1);
  });

  it('retries 500 with backoff', async () => {
    llm.reply([{ kind: 'error', status: 500 }, { kind: 'error', status: 500 }, 'third time']);
    await expect(client().complete(MESSAGES, { deadline: inSeconds(10) })).resolves.toBe('third time');
    expect(llm.completions()).toHaveLength(3);
  });

  it('reports a server error after the retries are spent', async () => {
    llm.reply(() => ({ kind: 'error', status: 503, message: 'overloaded' }));
    const err = await failure(client({ retries: 2 }).complete(MESSAGES, { deadline: inSeconds(10) }));
    expect(err).toMatchObject({ kind: 'server', status: 503, attempts: 3 });
    expect(err.message).toMatch(/503: overloaded \(after 3 attempts\)/);
  });

  it('stops a hang at the deadline', async () => {
    llm.reply(() => ({ kind: 'hang' }));
    const started = Date.now();
    const err = await failure(client().complete(MESSAGES, { deadline: new Date(Date.now() + 300) }));
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('does not retry a wrong key', async () => {
    llm.reply(() => 'unreachable');
    const err = await failure(client({ apiKey: 'sk-wrong' }).complete(MESSAGES, { deadline: inSeconds(5) }));
    expect(err).toMatchObject({ kind: 'auth', status: 401, attempts: 1 });
    expect(err.message).toMatch(/Incorrect API key/);
    expect(llm.completions()).toHaveLength(1);
  });

  it('calls a body that is not JSON a bad response, without retrying', async () => {
    llm.reply(() => ({ kind: 'malformed' }));
    const err = await failure(client().complete(MESSAGES, { deadline: inSeconds(5) }));
    expect(err.kind).toBe('bad_response');
    expect(llm.completions()).toHaveLength(1);
  });

  it('treats a refused connection as a retryable server error', async () => {
    const baseUrl = llm.baseUrl;
    await llm.close();
    const err = await failure(client({ baseUrl, retries: 1 }).complete(MESSAGES, { deadline: inSeconds(5) }));
    expect(err).toMatchObject({ kind: 'server', attempts: 2 });
    llm = await startFakeLlm();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
