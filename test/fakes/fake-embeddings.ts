/**
 * A real HTTP server on 127.0.0.1 that plays an OpenAI-compatible embeddings API
 * (`POST /v1/embeddings`, `{model, input}` → `{object: 'list', data: [{object, index, embedding}], model, usage}`),
 * so the embeddings client and the cache are tested through real sockets and status codes.
 *
 * Vectors are deterministic and mean something: a hashed bag of words (each word adds ±1 to
 * one of `dims` buckets, seeded by the model name, then L2-normalized), so texts sharing words
 * get similar vectors and another model gives other vectors. Replies can be scripted per request
 * (an error, a hang, a malformed body); unscripted requests are embedded.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, readBody, sendError, sendJson } from './fake-llm.js';

export type FakeEmbeddingsReply =
  | { kind: 'embed' }
  | { kind: 'error'; status: number; message?: string; retryAfter?: number }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  /** 200 with this body as it is (answers of the wrong shape). */
  | { kind: 'body'; body: unknown };

export interface FakeEmbeddingsRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; input?: string | string[]; [key: string]: unknown } | undefined;
}

export interface FakeEmbeddings {
  /** `http://127.0.0.1:PORT/v1`, as a client's base URL. */
  baseUrl: string;
  /** Every embeddings request received, in order. */
  requests: FakeEmbeddingsRequest[];
  /** Every text embedded so far (successful answers only), in order. */
  embedded(): string[];
  /** Replies for the next requests, in order; after them, requests are embedded. */
  reply(queue: FakeEmbeddingsReply[]): void;
  close(): Promise<void>;
}

export interface FakeEmbeddingsOptions {
  dims?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The fake's embedding of a text: a signed, hashed bag of its words, L2-normalized. */
export function fakeEmbedding(text: string, model: string, dims = 64): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const h = fnv1a(`${model}\u0000${word}`);
    v[h % dims]! += h & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export async function startFakeEmbeddings(options: FakeEmbeddingsOptions = {}): Promise<FakeEmbeddings> {
  const dims = options.dims ?? 64;
  const requests: FakeEmbeddingsRequest[] = [];
  const embedded: string[] = [];
  let queue: FakeEmbeddingsReply[] = [];

  function embed(res: ServerResponse, body: NonNullable<FakeEmbeddingsRequest['body']>): void {
    const input = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(input) || !input.every((t) => typeof t === 'string')) return sendError(res, 400, "'input' must be a string or an array of strings");
    if (!body.model) return sendError(res, 400, "'model' is required");
    embedded.push(...input);
    const data = input.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text, body.model!, dims) }));
    const tokens = input.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
    sendJson(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const request: FakeEmbeddingsRequest = { path, headers: req.headers, body: (await readBody(req)) as FakeEmbeddingsRequest['body'] };
    if (path !== '/v1/embeddings') return sendError(res, 404, `Unknown path ${path}`);
    if (req.method !== 'POST') return sendError(res, 405, `Method ${req.method} not allowed`);
    requests.push(request);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return sendError(res, 401, 'Incorrect API key provided.');
    if (!request.body) return sendError(res, 400, 'Request body is not valid JSON');
    const reply = queue.shift() ?? { kind: 'embed' };
    if (reply.kind === 'embed') return embed(res, request.body);
    if (reply.kind === 'hang') return;
    if (reply.kind === 'body') return sendJson(res, 200, reply.body);
    if (reply.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object": "list", "data": [');
      return;
    }
    sendError(res, reply.status, reply.message ?? `Fake error ${reply.status}`, reply.retryAfter === undefined ? {} : { 'retry-after': String(reply.retryAfter) });
  }

  const { port, close } = await listenOnLoopback(handle);
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    embedded: () => [...embedded],
    reply(next) {
      queue = [...next];
    },
    close,
  };
}
