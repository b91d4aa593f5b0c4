import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from './fake-llm.js';

let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm({ model: 'm1', apiKey: 'k' });
});
afterEach(async () => {
  await llm.close();
});

const post = (body: unknown, key = 'k') =>
  fetch(`${llm.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

describe('startFakeLlm', () => {
  it('answers like the OpenAI API', async () => {
    llm.reply(['hello']);
    const res = await post({ model: 'm1', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'm1',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
    });
    expect(body.usage).toMatchObject({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
    expect(llm.requests[0]?.body?.messages?.[0]?.content).toBe('hi');
  });

  it('lists its model', async () => {
    const res = await fetch(`${llm.baseUrl}/models`, { headers: { authorization: 'Bearer k' } });
    expect(await res.json()).toMatchObject({ object: 'list', data: [{ id: 'm1', object: 'model' }] });
  });

  it('sends 401 for a wrong key and 429 with Retry-After', async () => {
    const denied = await post({}, 'nope');
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    llm.reply([{ kind: 'error', status: 429, retryAfter: 3 }]);
    const limited = await post({ messages: [] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_exceeded' } });
  });

  it('answers 500 when the queue is empty, and close() ends a hang', async () => {
    const empty = await post({ messages: [] });
    expect(empty.status).toBe(500);
    llm.reply(() => ({ kind: 'hang' }));
    const pending = post({ messages: [] }).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 50));
    await llm.close();
    expect(await pending).toBe('dropped');
    llm = await startFakeLlm();
  });
});
