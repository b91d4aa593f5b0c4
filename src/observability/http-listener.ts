/**
 * The optional HTTP listener (config `http.port`): GET /healthz (JSON; 200 healthy, 503 not) and
 * GET /metrics (Prometheus text format). Nothing else: other paths 404, other methods 405.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { HealthReport } from './health-report.js';

export interface HttpListenerOptions {
  port: number;
  host: string;
  health(): HealthReport;
  metrics: { contentType: string; render(): Promise<string> };
  log: Logger;
}

export interface HttpListener {
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...extra });
  res.end(body);
}

export async function startHttpListener(o: HttpListenerOptions): Promise<HttpListener> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/healthz' && path !== '/metrics') return send(res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { allow: 'GET, HEAD' });
    if (path === '/healthz') {
      const report = o.health();
      return send(res, report.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(report)}\n`);
    }
    return send(res, 200, o.metrics.contentType, await o.metrics.render());
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      o.log.error({ err, path: req.url }, 'health/metrics request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EACCES' ? 'permission denied' : err.message;
      reject(new Error(`cannot listen on ${o.host}:${o.port} for /healthz and /metrics (config http.port, http.host): ${why}`, { cause: err }));
    });
    server.listen(o.port, o.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  o.log.info({ host: o.host, port }, 'health and metrics listening (/healthz, /metrics)');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
