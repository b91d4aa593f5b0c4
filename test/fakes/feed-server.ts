/**
 * A real HTTP server on 127.0.0.1 (never any other interface) that plays the web servers
 * Paperboy fetches from: feeds with charsets and lengths, fixture files, error pages,
 * redirects, and the bad days — a server that never answers, one that trickles, one that
 * sends far too much, one that drops the connection halfway.
 *
 * It answers only what a real server would: unknown paths get an HTML 404, methods other
 * than GET/HEAD get 405, every fixed body has its Content-Length, reason phrases are the
 * standard ones. `close()` destroys open sockets so a hanging route never keeps a test alive.
 */
import { readFileSync } from 'node:fs';
import { createServer, STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export type Headers = Record<string, string>;

export type Route =
  /** A fixed body; Content-Length is set from it. `gzip` compresses it when the client accepts gzip. */
  | { kind: 'body'; status: number; headers: Headers; body: Buffer; gzip?: boolean }
  /** Accepts the request and never answers until the server closes. */
  | { kind: 'hang' }
  /** Sends `chunks` one every `intervalMs` (the first right away), without Content-Length. */
  | { kind: 'slow'; status: number; headers: Headers; chunks: Buffer[]; intervalMs: number }
  /**
   * `head`, then `unit` repeated until at least `totalBytes`, then `tail`, generated as the
   * client reads (with backpressure) rather than built in memory. Content-Length is declared
   * only when `declareLength` is set.
   */
  | { kind: 'stream'; headers: Headers; head: Buffer; unit: Buffer; tail: Buffer; totalBytes: number; declareLength: boolean }
  /** Declares the full length of `body` but sends only its first `cutAfter` bytes, then drops the connection. */
  | { kind: 'cut'; headers: Headers; body: Buffer; cutAfter: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** When the request arrived (Date.now(), ms). */
  at: number;
  /** Body bytes written to the socket for this request so far. */
  bytesSent: number;
  /** True once the whole response was handed to the socket. */
  completed: boolean;
  /** Resolves when the response ended or its connection closed, whichever comes first. */
  settled: Promise<void>;
}

export interface FeedServer {
  /** Absolute URL of `path` on this server. */
  url(path: string): string;
  /** Every request received, in order (redirect hops included). */
  requests: RecordedRequest[];
  /**
   * Answers GET `path`. A path with a query string (`/api/daily_papers?date=2024-10-03`) answers
   * exactly that query, as an API answers each query on its own; a path without one answers
   * every query the more specific routes do not.
   */
  setRoute(path: string, route: Route): void;
  close(): Promise<void>;
}

const buf = (b: string | Buffer): Buffer => (typeof b === 'string' ? Buffer.from(b, 'utf8') : b);
const FIXTURES = new URL('../fixtures/', import.meta.url);

/** The HTML page nginx sends with an error or redirect status. */
function nginxPage(status: number): string {
  const line = `${status} ${STATUS_CODES[status] ?? 'Unknown'}`;
  return `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Builders for the routes; each returns what a real server would send in that case. */
export const route = {
  body(body: string | Buffer, opts: { status?: number; contentType?: string; headers?: Headers; gzip?: boolean } = {}): Route {
    const headers = { 'content-type': opts.contentType ?? 'text/plain; charset=utf-8', ...opts.headers };
    return { kind: 'body', status: opts.status ?? 200, headers, body: buf(body), ...(opts.gzip ? { gzip: true } : {}) };
  },
  /** A file under test/fixtures, read when the route is built. */
  fixture(rel: string, contentType: string): Route {
    return { kind: 'body', status: 200, headers: { 'content-type': contentType }, body: readFileSync(new URL(rel, FIXTURES)) };
  },
  /** An error status with the HTML page a web server sends with it (503 adds Retry-After). */
  error(status: number): Route {
    const headers: Headers = { 'content-type': 'text/html', server: 'nginx' };
    if (status === 503) headers['retry-after'] = '120';
    return { kind: 'body', status, headers, body: buf(nginxPage(status)) };
  },
  redirect(location: string, status: 301 | 302 | 303 | 307 | 308 = 302): Route {
    return { kind: 'body', status, headers: { location, 'content-type': 'text/html', server: 'nginx' }, body: buf(nginxPage(status)) };
  },
  hang(): Route {
    return { kind: 'hang' };
  },
  slow(chunks: (string | Buffer)[], intervalMs: number, contentType = 'text/plain; charset=utf-8'): Route {
    return { kind: 'slow', status: 200, headers: { 'content-type': contentType }, chunks: chunks.map(buf), intervalMs };
  },
  stream(opts: { totalBytes: number; unit: string | Buffer; head?: string | Buffer; tail?: string | Buffer; contentType?: string; declareLength?: boolean }): Route {
    return {
      kind: 'stream',
      headers: { 'content-type': opts.contentType ?? 'text/plain; charset=utf-8' },
      head: buf(opts.head ?? ''),
      unit: buf(opts.unit),
      tail: buf(opts.tail ?? ''),
      totalBytes: opts.totalBytes,
      declareLength: opts.declareLength ?? false,
    };
  },
  cut(body: string | Buffer, cutAfter: number, contentType = 'text/plain; charset=utf-8'): Route {
    return { kind: 'cut', headers: { 'content-type': contentType }, body: buf(body), cutAfter };
  },
};

/** How many repeats of the unit a stream route sends, and its exact length. */
export function streamLength(r: Extract<Route, { kind: 'stream' }>): { repeats: number; bytes: number } {
  const room = Math.max(0, r.totalBytes - r.head.length - r.tail.length);
  const repeats = Math.ceil(room / r.unit.length);
  return { repeats, bytes: r.head.length + repeats * r.unit.length + r.tail.length };
}

export async function startFeedServer(routes: Record<string, Route> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    let settle!: () => void;
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      at: Date.now(),
      bytesSent: 0,
      completed: false,
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    requests.push(rec);
    res.on('close', settle);
    res.on('finish', () => {
      rec.completed = true;
      settle();
    });
    const { pathname, search } = new URL(rec.path, 'http://127.0.0.1');
    const r = (search ? table.get(pathname + search) : undefined) ?? table.get(pathname);
    if (rec.method !== 'GET' && rec.method !== 'HEAD') {
      sendBody(req, res, rec, { kind: 'body', status: 405, headers: { 'content-type': 'text/html', allow: 'GET, HEAD' }, body: buf(nginxPage(405)) });
    } else if (!r) {
      sendBody(req, res, rec, route.error(404) as Extract<Route, { kind: 'body' }>);
    } else {
      serve(req, res, rec, r);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function serve(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, r: Route): void {
    switch (r.kind) {
      case 'body':
        return sendBody(req, res, rec, r);
      case 'hang':
        return;
      case 'slow': {
        res.writeHead(r.status, r.headers);
        let i = 0;
        const next = (): void => {
          if (res.destroyed) return;
          const chunk = r.chunks[i++];
          if (!chunk) return void res.end();
          rec.bytesSent += chunk.length;
          res.write(chunk);
          later(next, r.intervalMs);
        };
        return next();
      }
      case 'stream':
        return void streamBody(res, rec, r);
      case 'cut': {
        res.writeHead(200, { ...r.headers, 'content-length': String(r.body.length) });
        const part = r.body.subarray(0, r.cutAfter);
        rec.bytesSent += part.length;
        res.write(part, () => later(() => res.socket?.destroy(), 20));
        return;
      }
    }
  }

  function sendBody(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, r: Extract<Route, { kind: 'body' }>): void {
    const gzip = r.gzip === true && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? gzipSync(r.body) : r.body;
    res.writeHead(r.status, { ...r.headers, ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}), 'content-length': String(body.length) });
    if (req.method !== 'HEAD') rec.bytesSent += body.length;
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function streamBody(res: ServerResponse, rec: RecordedRequest, r: Extract<Route, { kind: 'stream' }>): Promise<void> {
    const { repeats, bytes } = streamLength(r);
    res.writeHead(200, { ...r.headers, ...(r.declareLength ? { 'content-length': String(bytes) } : {}) });
    // Whole chunks of about 64 KB made of repeats of the unit, generated one at a time.
    const perChunk = Math.max(1, Math.floor(65536 / r.unit.length));
    const chunk = Buffer.concat(Array.from({ length: perChunk }, () => r.unit));
    const write = async (b: Buffer): Promise<boolean> => {
      if (res.destroyed) return false;
      rec.bytesSent += b.length;
      if (res.write(b)) return true;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
      return !res.destroyed;
    };
    if (r.head.length && !(await write(r.head))) return;
    for (let left = repeats; left > 0; left -= perChunk) {
      if (!(await write(left >= perChunk ? chunk : chunk.subarray(0, left * r.unit.length)))) return;
    }
    if (r.tail.length && !(await write(r.tail))) return;
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  if (address !== '127.0.0.1') throw new Error(`feed server bound ${address}, expected 127.0.0.1`);

  return {
    url: (path) => `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
    requests,
    setRoute: (path, r) => void table.set(path, r),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (a server bound it, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
