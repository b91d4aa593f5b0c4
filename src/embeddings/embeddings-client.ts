/**
 * A client for any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Ollama, vLLM, llama.cpp,
 * text-embeddings-inference): texts go in batches as `{model, input: [...]}`, and the answer
 * `{data: [{index, embedding}]}` is checked (every index once, one dimension count) before it is
 * trusted. Retries, timeouts and deadlines are the shared poster's (openai-compat/post-json).
 */
import { z } from 'zod';
import { createJsonPoster, type ReadBody } from '../openai-compat/post-json.js';
import { EmbeddingsError } from './embeddings-error.js';

export { EmbeddingsError } from './embeddings-error.js';

export interface EmbeddingsClientOptions {
  /** e.g. `http://127.0.0.1:11434/v1` or `https://api.openai.com/v1`. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Texts per request. */
  batchSize: number;
  /** Upper bound for one request; the overall deadline still wins when it is sooner. */
  timeoutMs: number;
  /** Retries after the first attempt, per batch. */
  retries: number;
  backoffMs?: number;
  fetch?: typeof fetch;
}

export interface EmbeddingsClient {
  readonly model: string;
  /** One vector per text, in the order given; throws EmbeddingsError when a batch fails for good. */
  embed(texts: string[], opts: { deadline: Date }): Promise<Float32Array[]>;
}

const answerSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()).min(1) })),
});

/** The vectors of one batch of `count` texts, by index, or why the answer cannot be used. */
function readVectors(count: number): ReadBody<Float32Array[]> {
  return (body) => {
    const parsed = answerSchema.safeParse(body);
    if (!parsed.success) return { ok: false, problem: `is not {data: [{index, embedding: number[]}]}: ${parsed.error.issues[0]?.message ?? ''}` };
    const vectors: Float32Array[] = new Array(count);
    for (const item of parsed.data.data) {
      if (item.index >= count || vectors[item.index]) return { ok: false, problem: `has index ${item.index} out of range or twice` };
      vectors[item.index] = Float32Array.from(item.embedding);
    }
    const dims = vectors[0]?.length;
    for (let i = 0; i < count; i++) {
      if (!vectors[i]) return { ok: false, problem: `has no vector for input ${i} of ${count}` };
      if (vectors[i]!.length !== dims) return { ok: false, problem: `mixes ${dims} and ${vectors[i]!.length} dimensions` };
    }
    return { ok: true, value: vectors };
  };
}

export function createEmbeddingsClient(options: EmbeddingsClientOptions): EmbeddingsClient {
  const poster = createJsonPoster({
    url: `${options.baseUrl.replace(/\/+$/, '')}/embeddings`,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    label: 'Embeddings',
    makeError: (kind, message, status, attempts) => new EmbeddingsError(kind, message, status, attempts),
  });
  const batchSize = Math.max(1, options.batchSize);
  return {
    model: options.model,
    async embed(texts, opts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const input = texts.slice(i, i + batchSize);
        out.push(...(await poster.post({ model: options.model, input }, readVectors(input.length), opts.deadline.getTime())));
      }
      return out;
    },
  };
}
