import { afterEach, describe, expect, it } from 'vitest';
import { route, startFeedServer, streamLength, type FeedServer, type Route } from './feed-server.js';

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the fake feed server', () => {
  it('listens on 127.0.0.1 only', async () => {
    server = await startFeedServer();
    expect(server.url('/feed.xml')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feed\.xml$/);
  });

  it('answers an unknown path with an HTML 404 page and its Content-Length, as nginx does', async () => {
    server = await startFeedServer();
    const res = await fetch(server.url('/nope'));
    const body = await res.text();
    expect([res.status, res.statusText, res.headers.get('content-type')]).toEqual([404, 'Not Found', 'text/html']);
    expect(body).toContain('<title>404 Not Found</title>');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });

  it('answers methods other than GET and HEAD with 405 and an Allow header', async () => {
    server = await startFeedServer({ '/feed.xml': route.body('<rss/>') });
    const res = await fetch(server.url('/feed.xml'), { method: 'POST', body: 'x' });
    await res.text();
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('serves a body with its charset and exact length, and records the request', async () => {
    server = await startFeedServer({ '/ko.md': route.body('검색', { contentType: 'text/markdown; charset=utf-8' }) });
    const res = await fetch(server.url('/ko.md?day=1'), { headers: { 'user-agent': 'test-agent' } });
    expect(await res.text()).toBe('검색');
    expect(res.headers.get('content-length')).toBe('6');
    expect(server.requests.map((r) => [r.method, r.path, r.headers['user-agent'], r.completed])).toEqual([['GET', '/ko.md?day=1', 'test-agent', true]]);
  });

  it('answers a route keyed with a query string only for that query, falling back to the path, and stamps each request with its arrival time', async () => {
    server = await startFeedServer({
      '/api/daily_papers': route.body('[]', { contentType: 'application/json' }),
      '/api/daily_papers?date=2024-10-03': route.body('[1]', { contentType: 'application/json' }),
    });
    const before = Date.now();
    const texts = [];
    for (const q of ['?date=2024-10-03', '?date=2024-10-04', '']) texts.push(await (await fetch(server.url(`/api/daily_papers${q}`))).text());
    expect(texts).toEqual(['[1]', '[]', '[]']);
    const missing = await fetch(server.url('/api/other?date=2024-10-03'));
    await missing.text();
    expect(missing.status).toBe(404);
    const times = server.requests.map((r) => r.at);
    expect(times.every((t, i) => t >= before && t <= Date.now() && (i === 0 || t >= times[i - 1]!))).toBe(true);
  });

  it('sends a 503 with Retry-After and a redirect with Location', async () => {
    server = await startFeedServer({ '/busy': route.error(503), '/old': route.redirect('/new', 301) });
    const busy = await fetch(server.url('/busy'));
    await busy.text();
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '120']);
    const moved = await fetch(server.url('/old'), { redirect: 'manual' });
    await moved.text();
    expect([moved.status, moved.headers.get('location')]).toEqual([301, '/new']);
  });

  it('streams head, repeated units and tail to exactly the computed length', async () => {
    const r = route.stream({ totalBytes: 300_000, head: '<rss>', unit: '<item/>\n', tail: '</rss>', declareLength: true });
    server = await startFeedServer({ '/big.xml': r });
    const res = await fetch(server.url('/big.xml'));
    const body = await res.text();
    const { repeats, bytes } = streamLength(r as Extract<Route, { kind: 'stream' }>);
    expect(bytes).toBe(5 + repeats * 8 + 6);
    expect(bytes).toBeGreaterThanOrEqual(300_000);
    expect(body.length).toBe(bytes);
    expect(res.headers.get('content-length')).toBe(String(bytes));
    expect(body.startsWith('<rss><item/>\n')).toBe(true);
    expect(body.endsWith('<item/>\n</rss>')).toBe(true);
  });

  it('drops the connection of a cut route after the first bytes, so the client sees an error', async () => {
    server = await startFeedServer({ '/cut': route.cut('x'.repeat(5000), 100) });
    const res = await fetch(server.url('/cut'));
    expect(res.headers.get('content-length')).toBe('5000');
    await expect(res.text()).rejects.toThrow('terminated');
  });

  it('ends a request that hangs when the server closes', async () => {
    server = await startFeedServer({ '/hang': route.hang() });
    const pending = fetch(server.url('/hang')).then(
      () => 'answered',
      () => 'failed',
    );
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.close();
    server = undefined;
    expect(await pending).toBe('failed');
  });
});
