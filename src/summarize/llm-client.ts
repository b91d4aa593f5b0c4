/**
 * A minimal client for any OpenAI-compatible Chat Completions endpoint (hosted APIs, Ollama,
 * vLLM, llama.cpp). It uses global fetch and nothing else, retries what is worth retrying
 * (429, 5xx, network errors) with backoff, and never runs past the caller's deadline.
 */
import { LlmError } from './llm-error.js';
import type { ChatMessage } from './prompt.js';

export { LlmError, type LlmErrorKind } from './llm-error.js';

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

type Attempt = { ok: true; content: string } | { ok: false; error: LlmError; retryAfterMs?: number };

const MAX_ERROR_TEXT = 200;

/** Seconds (or an HTTP date) from a Retry-After header, in milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The provider's own error message when the body is an OpenAI-style `{error: {message}}`. */
async function errorText(res: Response): Promise<string> {
  const raw = await res.text().catch(() => '');
  try {
    const message = (JSON.parse(raw) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message.slice(0, MAX_ERROR_TEXT);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return raw.slice(0, MAX_ERROR_TEXT) || (res.statusText ?? '');
}

async function readContent(res: Response): Promise<Attempt> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, error: new LlmError('bad_response', 'LLM answer is not JSON', res.status) };
  }
  const content = (body as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  if (typeof content !== 'string') {
    return { ok: false, error: new LlmError('bad_response', 'LLM answer has no choices[0].message.content', res.status) };
  }
  return { ok: true, content };
}

async function classify(res: Response): Promise<Attempt> {
  if (res.ok) return readContent(res);
  const text = await errorText(res);
  const what = `LLM endpoint answered ${res.status}${text ? `: ${text}` : ''}`;
  if (res.status === 401 || res.status === 403) return { ok: false, error: new LlmError('auth', what, res.status) };
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    return { ok: false, error: new LlmError('rate_limited', what, res.status), retryAfterMs };
  }
  if (res.status >= 500) return { ok: false, error: new LlmError('server', what, res.status) };
  // Other 4xx (bad model name, bad request) will not get better by asking again.
  return { ok: false, error: new LlmError('bad_response', what, res.status) };
}

const RETRYABLE = new Set(['rate_limited', 'server', 'timeout']);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createLlmClient(options: LlmClientOptions): LlmClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const doFetch = options.fetch ?? fetch;
  const backoffMs = options.backoffMs ?? 500;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  async function attempt(body: string, deadline: number): Promise<Attempt> {
    const budget = Math.min(options.timeoutMs, deadline - Date.now());
    if (budget <= 0) return { ok: false, error: new LlmError('timeout', 'LLM deadline passed before the request') };
    const signal = AbortSignal.timeout(budget);
    try {
      const res = await doFetch(url, { method: 'POST', headers, body, signal });
      return await classify(res);
    } catch (err) {
      if (signal.aborted) return { ok: false, error: new LlmError('timeout', `LLM request timed out after ${budget} ms`) };
      const cause = err instanceof Error ? err.message : String(err);
      // Connection refused/reset: the local server may be restarting, so it is worth a retry.
      return { ok: false, error: new LlmError('server', `LLM endpoint unreachable: ${cause}`) };
    }
  }

  async function complete(messages: ChatMessage[], opts: { deadline: Date }): Promise<string> {
    const deadline = opts.deadline.getTime();
    const body = JSON.stringify({ model: options.model, messages, temperature: 0.2, response_format: { type: 'json_object' } });
    for (let n = 1; ; n += 1) {
      const result = await attempt(body, deadline);
      if (result.ok) return result.content;
      const { error } = result;
      const last = n > options.retries || !RETRYABLE.has(error.kind);
      const wait = result.retryAfterMs ?? backoffMs * 2 ** (n - 1) * (1 + Math.random() * 0.25);
      // A wait that would end past the deadline is a failure now, not a failure later.
      if (last || Date.now() + wait >= deadline) {
        throw new LlmError(error.kind, `${error.message} (after ${n} attempt${n === 1 ? '' : 's'})`, error.status, n);
      }
      await sleep(wait);
    }
  }

  return { model: options.model, complete };
}
