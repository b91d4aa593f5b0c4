import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, route, startFeedServer, type FeedServer } from '../../test/fakes/feed-server.js';
import { SourceError } from './errors.js';
import { loadPath, loadUrl, type LoadOptions } from './load-source.js';

const FEED = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>검색 feed</title></channel></rss>\n';
const ITEM = '<item><title>Padding paper</title><link>https://arxiv.org/abs/2410.22304</link></item>\n';
const opts: LoadOptions = { timeoutMs: 5000, maxBytes: 1_000_000 };

/** The SourceError a load rejects with (fails the test if it resolves or throws anything else). */
async function failure(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SourceError) return err;
    throw err;
  }
  throw new Error('the load succeeded');
}

describe('loadUrl', () => {
  let server: FeedServer;

  beforeAll(async () => {
    server = await startFeedServer({
      '/feed.xml': route.body(FEED, { contentType: 'application/rss+xml; charset=utf-8' }),
      '/atom': route.fixture('arxiv/cs.CL.atom.xml', 'application/atom+xml'),
      '/missing.xml': route.error(404),
      '/broken': route.error(500),
      '/busy': route.error(503),
      '/hang': route.hang(),
      '/trickle': route.slow(['line 1\n', 'line 2\n', 'line 3\n', 'line 4\n', 'line 5\n', 'line 6\n'], 150),
      '/quick-trickle': route.slow(['<rss version="2.0">', '<channel>', '</channel>', '</rss>'], 20, 'application/rss+xml'),
      '/declared-huge': route.stream({ totalBytes: 20_000_000, head: FEED, unit: ITEM, declareLength: true, contentType: 'application/rss+xml' }),
      '/endless': route.stream({ totalBytes: 500_000_000, head: FEED, unit: ITEM, contentType: 'application/rss+xml' }),
      '/exactly-limit': route.body('x'.repeat(1000)),
      '/gzip-bomb': route.body('y'.repeat(5_000_000), { gzip: true }),
      '/old-feed': route.redirect('/moved', 301),
      '/moved': route.redirect('/feed.xml', 302),
      '/loop': route.redirect('/loop', 302),
      '/dropped': route.cut(FEED + ITEM.repeat(100), 200, 'application/rss+xml'),
    });
  });
  afterAll(() => server.close());

  it('returns the decoded body, the Content-Type and the URL it was asked for', async () => {
    const doc = await loadUrl(server.url('/feed.xml'), opts);
    expect(doc).toEqual({ location: server.url('/feed.xml'), body: FEED, contentType: 'application/rss+xml; charset=utf-8' });
  });

  it('sends the paperboy user agent', async () => {
    await loadUrl(server.url('/atom'), opts);
    const req = server.requests.findLast((r) => r.path === '/atom');
    expect(req?.headers['user-agent']).toBe('paperboy (research digest bot)');
    expect(req?.method).toBe('GET');
  });

  it('reports 404, 500 and 503 as "HTTP <status> <reason>" without reading the error page as a feed', async () => {
    expect((await failure(loadUrl(server.url('/missing.xml'), opts))).message).toBe('HTTP 404 Not Found');
    expect((await failure(loadUrl(server.url('/broken'), opts))).message).toBe('HTTP 500 Internal Server Error');
    expect((await failure(loadUrl(server.url('/busy'), opts))).message).toBe('HTTP 503 Service Unavailable');
    expect((await failure(loadUrl(server.url('/no/such/path'), opts))).message).toBe('HTTP 404 Not Found');
  });

  it('gives up on a server that never answers after the timeout, saying so', async () => {
    const started = Date.now();
    const err = await failure(loadUrl(server.url('/hang'), { ...opts, timeoutMs: 300 }));
    expect(err.message).toBe('no answer within 0.3 s (timeout)');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('applies the timeout to a body that keeps trickling in, not only to the headers', async () => {
    const err = await failure(loadUrl(server.url('/trickle'), { ...opts, timeoutMs: 300 }));
    expect(err.message).toBe('no answer within 0.3 s (timeout)');
  });

  it('reads a body sent in several slow chunks when it completes within the timeout', async () => {
    const doc = await loadUrl(server.url('/quick-trickle'), opts);
    expect(doc.body).toBe('<rss version="2.0"><channel></channel></rss>');
  });

  it('refuses a body whose Content-Length is above maxBytes before reading it', async () => {
    const err = await failure(loadUrl(server.url('/declared-huge'), { ...opts, maxBytes: 200_000 }));
    // Only the Content-Length check produces "body of N bytes"; the streaming check cannot know N.
    expect(err.message).toMatch(/^body of \d+ bytes is larger than the limit of 200000 bytes$/);
    const declared = Number(/body of (\d+)/.exec(err.message)?.[1]);
    expect(declared).toBeGreaterThanOrEqual(20_000_000);
    const req = server.requests.findLast((r) => r.path === '/declared-huge')!;
    await req.settled;
    expect(req.completed).toBe(false);
  });

  it('stops reading a streamed body without Content-Length once it passes maxBytes', async () => {
    const started = Date.now();
    const err = await failure(loadUrl(server.url('/endless'), { ...opts, maxBytes: 200_000 }));
    expect(err.message).toBe('body is larger than the limit of 200000 bytes');
    const req = server.requests.findLast((r) => r.path === '/endless')!;
    await req.settled;
    expect(req.completed).toBe(false);
    expect(req.bytesSent).toBeLessThan(500_000_000);
    // Sending all 500 MB would take far longer than this.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('accepts a body of exactly maxBytes', async () => {
    expect((await loadUrl(server.url('/exactly-limit'), { ...opts, maxBytes: 1000 })).body).toHaveLength(1000);
  });

  it('counts the decompressed size of a gzip body against maxBytes', async () => {
    const err = await failure(loadUrl(server.url('/gzip-bomb'), { ...opts, maxBytes: 1_000_000 }));
    expect(err.message).toBe('body is larger than the limit of 1000000 bytes');
  });

  it('follows 301 and 302 redirects to the feed', async () => {
    const before = server.requests.length;
    const doc = await loadUrl(server.url('/old-feed'), opts);
    expect(doc.body).toBe(FEED);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/old-feed', '/moved', '/feed.xml']);
  });

  it('fails a redirect loop with a message that says so', async () => {
    expect((await failure(loadUrl(server.url('/loop'), opts))).message).toBe('too many redirects');
  });

  it('fails a response whose connection drops mid-body instead of returning the truncated text', async () => {
    const err = await failure(loadUrl(server.url('/dropped'), opts));
    expect(err.message).toBe('the connection closed before the whole body arrived');
  });

  it('reports a closed port as unreachable with the connection error', async () => {
    const port = await closedPort();
    const err = await failure(loadUrl(`http://127.0.0.1:${port}/feed.xml`, opts));
    expect(err.message).toBe('unreachable: connection refused (ECONNREFUSED)');
  });
});

describe('loadPath', () => {
  const tempDir = (): string => mkdtempSync(join(tmpdir(), 'paperboy-load-'));
  const write = (root: string, rel: string, text: string | Buffer): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };

  it('reads a folder of YYYY/MM/DD.md digests in path order with their relative paths', async () => {
    const root = tempDir();
    // Written out of order, with files that are not digests alongside.
    for (const rel of ['2025/01/02.md', '2024/10/31.md', '2024/11/01.md', '2024/10/30.md']) write(root, rel, `## Daily Papers (${rel.slice(0, 10).replaceAll('/', '-')})\n`);
    write(root, '2024/10/thumbnail.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    write(root, '.DS_Store', Buffer.from([0, 0, 0, 1]));
    const { docs, errors } = await loadPath(root, 1_000_000);
    expect(errors).toEqual([]);
    expect(docs.map((d) => d.relPath)).toEqual(['2024/10/30.md', '2024/10/31.md', '2024/11/01.md', '2025/01/02.md']);
    expect(docs[0]).toEqual({ location: join(root, '2024/10/30.md'), relPath: '2024/10/30.md', body: '## Daily Papers (2024-10-30)\n' });
    expect(docs[3]?.body).toBe('## Daily Papers (2025-01-02)\n');
  });

  it('reports an unreadable file of a folder as an error with its place and reads the others', async () => {
    const root = tempDir();
    write(root, '2024/10/30.md', '## Daily Papers (2024-10-30)\n');
    write(root, '2024/10/31.md', Buffer.concat([Buffer.from('## Daily Papers (2024-10-31)\n\nCaf'), Buffer.from([0xe9, 0x0a])]));
    const { docs, errors } = await loadPath(root, 1_000_000);
    expect(docs.map((d) => d.relPath)).toEqual(['2024/10/30.md']);
    expect(errors).toEqual([
      { message: `${join(root, '2024/10/31.md')}: not valid UTF-8 text (wrong encoding?) (at line 3)`, place: '2024/10/31.md' },
    ]);
  });

  it('reads a single file without a relative path', async () => {
    const root = tempDir();
    write(root, 'digest.md', '\uFEFF## Daily Papers (2024-10-30)\n검색\n');
    expect(await loadPath(join(root, 'digest.md'), 1_000_000)).toEqual({
      docs: [{ location: join(root, 'digest.md'), body: '## Daily Papers (2024-10-30)\n검색\n' }],
      errors: [],
    });
  });

  it('fails an empty folder, and one holding no digest files, saying which file types it looks for', async () => {
    const empty = tempDir();
    expect((await failure(loadPath(empty, 1_000_000))).message).toBe(`folder ${empty} holds no digest files (.md, .markdown, .txt, .xml, .rss, .atom, .json)`);
    const images = tempDir();
    write(images, '2024/10/cover.png', Buffer.from([0x89, 0x50]));
    expect((await failure(loadPath(images, 1_000_000))).message).toBe(`folder ${images} holds no digest files (.md, .markdown, .txt, .xml, .rss, .atom, .json)`);
  });

  it('fails a missing path naming it', async () => {
    const root = tempDir();
    expect((await failure(loadPath(join(root, 'nope'), 1_000_000))).message).toBe(`no such file or folder: ${join(root, 'nope')}`);
  });

  it('fails a file above maxBytes naming the file and both sizes', async () => {
    const root = tempDir();
    write(root, 'big.md', 'x'.repeat(2000));
    expect((await failure(loadPath(join(root, 'big.md'), 1000))).message).toBe(`${join(root, 'big.md')} is 2000 bytes, larger than the limit of 1000 bytes`);
  });

  it('fails a Latin-1 file naming the file, the encoding and the line', async () => {
    const root = tempDir();
    write(root, 'latin1.md', Buffer.concat([Buffer.from('## Daily Papers (2024-10-30)\n\n'), Buffer.from('Caf\xe9\n', 'latin1')]));
    expect((await failure(loadPath(join(root, 'latin1.md'), 1_000_000))).message).toBe(
      `${join(root, 'latin1.md')}: not valid UTF-8 text (wrong encoding?) (at line 3)`,
    );
  });
});
