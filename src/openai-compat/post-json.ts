/**
 * One JSON POST to an OpenAI-compatible endpoint (chat completions, embeddings) with what every
 * such call needs: a bearer key, a per-request timeout that never outlives the caller's deadline,
 * retries with backoff for what is worth retrying (429 with Retry-After, 5xx, network errors),
 * none for what is not (401/403, other 4xx, an answer of the wrong shape). It uses global fetch
 * and nothing else; the caller reads the body and names its own error class.
 */
export type EndpointErrorKind = 'timeout' | 'rate_limited' | 'server' | 'bad_response' | 'auth';

/** Builds the caller's error (LlmError, EmbeddingsError) from a kind, message, status and attempt count. */
export type MakeError = (kind: EndpointErrorKind, message: string, status?: number, attempts?: number) => Error;

export interface JsonPosterOptions {
  /** The full endpoint URL, e.g. `http://127.0.0.1:11434/v1/embeddings`. */
  url: string;
  apiKey?: string;
  /** Upper bound for one request; the overall deadline still wins when it is sooner. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff step; doubled per retry, plus jitter. */
  backoffMs?: number;
  fetch?: typeof fetch;
  /** Who is speaking, in messages: "LLM", "Embeddings". */
  label: string;
  makeError: MakeError;
}

/** Reads a 200 answer: the value, or why the answer is unusable (a bad_response, not retried). */
export type ReadBody<T> = (body: unknown) => { ok: true; value: T } | { ok: false; problem: string };

type Failure = { kind: EndpointErrorKind; message: string; status?: number; retryAfterMs?: number };
type Attempt<T> = { ok: true; value: T } | ({ ok: false } & Failure);

const MAX_ERROR_TEXT = 200;
const RETRYABLE = new Set<EndpointErrorKind>(['rate_limited', 'server', 'timeout']);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

async function classify<T>(res: Response, read: ReadBody<T>, label: string): Promise<Attempt<T>> {
  if (res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { ok: false, kind: 'bad_response', message: `${label} answer is not JSON`, status: res.status };
    }
    const result = read(body);
    return result.ok ? result : { ok: false, kind: 'bad_response', message: `${label} answer ${result.problem}`, status: res.status };
  }
  const text = await errorText(res);
  const message = `${label} endpoint answered ${res.status}${text ? `: ${text}` : ''}`;
  if (res.status === 401 || res.status === 403) return { ok: false, kind: 'auth', message, status: res.status };
  if (res.status === 429) return { ok: false, kind: 'rate_limited', message, status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) };
  if (res.status >= 500) return { ok: false, kind: 'server', message, status: res.status };
  // Other 4xx (bad model name, bad request) will not get better by asking again.
  return { ok: false, kind: 'bad_response', message, status: res.status };
}

export function createJsonPoster(options: JsonPosterOptions) {
  const doFetch = options.fetch ?? fetch;
  const backoffMs = options.backoffMs ?? 500;
  const { label } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  async function attempt<T>(body: string, read: ReadBody<T>, deadline: number): Promise<Attempt<T>> {
    const budget = Math.min(options.timeoutMs, deadline - Date.now());
    if (budget <= 0) return { ok: false, kind: 'timeout', message: `${label} deadline passed before the request` };
    const signal = AbortSignal.timeout(budget);
    try {
      const res = await doFetch(options.url, { method: 'POST', headers, body, signal });
      return await classify(res, read, label);
    } catch (err) {
      if (signal.aborted) return { ok: false, kind: 'timeout', message: `${label} request timed out after ${budget} ms` };
      const cause = err instanceof Error ? err.message : String(err);
      // Connection refused/reset: the local server may be restarting, so it is worth a retry.
      return { ok: false, kind: 'server', message: `${label} endpoint unreachable: ${cause}` };
    }
  }

  return {
    /** POSTs `payload` as JSON until it succeeds, fails for good, or the deadline (epoch ms) comes. */
    async post<T>(payload: unknown, read: ReadBody<T>, deadline: number): Promise<T> {
      const body = JSON.stringify(payload);
      for (let n = 1; ; n += 1) {
        const result = await attempt(body, read, deadline);
        if (result.ok) return result.value;
        const last = n > options.retries || !RETRYABLE.has(result.kind);
        const wait = result.retryAfterMs ?? backoffMs * 2 ** (n - 1) * (1 + Math.random() * 0.25);
        // A wait that would end past the deadline is a failure now, not a failure later.
        if (last || Date.now() + wait >= deadline) {
          throw options.makeError(result.kind, `${result.message} (after ${n} attempt${n === 1 ? '' : 's'})`, result.status, n);
        }
        await sleep(wait);
      }
    },
  };
}
