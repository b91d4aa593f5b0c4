/**
 * A minimal client for any OpenAI-compatible Chat Completions endpoint (hosted APIs, Ollama,
 * vLLM, llama.cpp). The HTTP part (retries of 429/5xx with backoff, no retry of auth errors,
 * never past the caller's deadline) is shared with the embeddings client: openai-compat/post-json.
 */
import { createJsonPoster, type ReadBody } from '../openai-compat/post-json.js';
import { LlmError } from './llm-error.js';
import type { ChatMessage } from './prompt.js';

export { LlmError, type LlmErrorKind } from './llm-error.js';
export { parseRetryAfter } from '../openai-compat/post-json.js';

export interface LlmClientOptions {
  /** e.g. `http://127.0.0.1:11434/v1` or `https://api.openai.com/v1`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Upper bound for one request; the overall deadline still wins when it is sooner. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  fetch?: typeof fetch;
  /** First backoff step; doubled per retry, plus jitter. */
  backoffMs?: number;
}

export interface LlmClient {
  readonly model: string;
  complete(messages: ChatMessage[], opts: { deadline: Date }): Promise<string>;
}

const readContent: ReadBody<string> = (body) => {
  const content = (body as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  return typeof content === 'string' ? { ok: true, value: content } : { ok: false, problem: 'has no choices[0].message.content' };
};

export function createLlmClient(options: LlmClientOptions): LlmClient {
  const poster = createJsonPoster({
    url: `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    label: 'LLM',
    makeError: (kind, message, status, attempts) => new LlmError(kind, message, status, attempts),
  });
  return {
    model: options.model,
    complete: (messages, opts) =>
      poster.post({ model: options.model, messages, temperature: 0.2, response_format: { type: 'json_object' } }, readContent, opts.deadline.getTime()),
  };
}
