/**
 * A real HTTP server on 127.0.0.1 that plays an OpenAI-compatible Chat Completions API
 * (what Ollama, vLLM and llama.cpp expose under /v1), so the summarizer is tested through
 * real sockets, real status codes and real headers rather than a mocked fetch.
 *
 * Each POST /v1/chat/completions takes the next scripted reply: a content string, an HTTP
 * error shaped like OpenAI's, a hang, or a malformed body. `close()` destroys open sockets
 * so a hanging reply never keeps a test alive.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeReply =
  /** 200 with this string as choices[0].message.content. */
  | string
  | { kind: 'content'; content: string }
  /** An OpenAI-style error body with this status; `retryAfter` (seconds) sets the header. */
  | { kind: 'error'; status: number; message?: string; retryAfter?: number }
  /** Accepts the request and never answers until the server closes. */
  | { kind: 'hang' }
  /** 200 with a body that is not JSON, as a proxy or a crashed worker might send. */
  | { kind: 'malformed' };

export interface FakeLlmRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: { model?: string; messages?: { role: string; content: string }[]; [key: string]: unknown } | undefined;
}

export type ReplyFn = (request: FakeLlmRequest, index: number) => FakeReply;

export interface FakeLlm {
  /** `http://127.0.0.1:PORT/v1`, as a client's base URL. */
  baseUrl: string;
  /** Every request received, in order (completions and model listings). */
  requests: FakeLlmRequest[];
  /** Completion requests only. */
  completions(): FakeLlmRequest[];
  /** Scripts the replies: a function of the request, or a queue taken in order. */
  reply(script: ReplyFn | FakeReply[]): void;
  close(): Promise<void>;
}

export interface FakeLlmOptions {
  model?: string;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
}

const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  429: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
  503: { type: 'server_error', code: null },
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const { type, code } = ERROR_TYPES[status] ?? { type: 'invalid_request_error', code: null };
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

function completion(model: string, content: string, prompt: FakeLlmRequest['body']): unknown {
  // Rough token counts (4 characters a token) so the usage block looks plausible.
  const promptChars = (prompt?.messages ?? []).reduce((n, m) => n + m.content.length, 0);
  const promptTokens = Math.ceil(promptChars / 4);
  const completionTokens = Math.ceil(content.length / 4);
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function answer(res: ServerResponse, reply: FakeReply, model: string, request: FakeLlmRequest): void {
  const r = typeof reply === 'string' ? { kind: 'content' as const, content: reply } : reply;
  if (r.kind === 'content') return sendJson(res, 200, completion(model, r.content, request.body));
  if (r.kind === 'hang') return;
  if (r.kind === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id": "chatcmpl-broken", "choices": [');
    return;
  }
  const headers: Record<string, string> = r.retryAfter === undefined ? {} : { 'retry-after': String(r.retryAfter) };
  sendError(res, r.status, r.message ?? `Fake error ${r.status}`, headers);
}

/** The request's JSON body, or undefined when it is not JSON. */
export async function readBody(req: IncomingMessage): Promise<FakeLlmRequest['body']> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeLlmRequest['body'];
  } catch {
    return undefined;
  }
}

/**
 * An HTTP server on 127.0.0.1 (a free port) whose `close()` also destroys open sockets, so a
 * hung reply cannot keep a test waiting: what both OpenAI-shaped fakes (LLM, embeddings) serve on.
 */
export async function listenOnLoopback(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const model = options.model ?? 'fake-model';
  const requests: FakeLlmRequest[] = [];
  let script: ReplyFn = () => ({ kind: 'error', status: 500, message: 'fake-llm: no reply scripted' });
  let completionCount = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const request: FakeLlmRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: await readBody(req) };
    requests.push(request);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided.');
    }
    if (request.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'fake' }] });
    }
    if (path !== '/v1/chat/completions') return sendError(res, 404, `Unknown path ${path}`);
    if (request.method !== 'POST') return sendError(res, 405, `Method ${request.method} not allowed`);
    if (!request.body) return sendError(res, 400, 'Request body is not valid JSON');
    answer(res, script(request, completionCount++), model, request);
  }

  const { port, close } = await listenOnLoopback(handle);

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    completions: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    reply(next) {
      if (typeof next === 'function') {
        script = next;
        return;
      }
      const queue = [...next];
      script = () => queue.shift() ?? { kind: 'error', status: 500, message: 'fake-llm: reply queue is empty' };
    },
    close,
  };
}
