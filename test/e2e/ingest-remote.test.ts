/**
 * `paperboy ingest` end to end against sources on a real (local) HTTP server: the good ones
 * are stored, each bad one fails alone with one readable line naming it, nothing already
 * stored is lost when a feed goes bad later, and a stalled server costs only the timeout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { fixture, runCli, tempDb } from '../cli/run-cli.js';
import { route, startFeedServer, type FeedServer, type Route } from '../fakes/feed-server.js';

const RSS = 'application/rss+xml; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const ARXIV_HEAD = readFileSync(fixture('arxiv/cs.AI.rss.xml'), 'utf8').split('<item>')[0]!;
const ARXIV_ITEM = `<item>
      <title>Padding</title>
      <link>https://arxiv.org/abs/2410.22304</link>
      <description>arXiv:2410.22304v1 Announce Type: new
Abstract: ${'Long abstract text. '.repeat(40)}</description>
      <guid isPermaLink="false">oai:arXiv.org:2410.22304v1</guid>
    </item>
`;
/** A lab feed in Latin-1 bytes that its server labels UTF-8; the é is on line 5. */
const LATIN1_FEED = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Example Lab</title>
<item><title>Our café-scale LLM</title><link>https://lab.example/posts/cafe</link></item>
</channel>
</rss>
`,
  'latin1',
);

const GOOD: Record<string, Route> = {
  '/rss/cs.AI': route.fixture('arxiv/cs.AI.rss.xml', RSS),
  '/atom/cs.CL': route.fixture('arxiv/cs.CL.atom.xml', ATOM),
  '/api/daily_papers': route.fixture('hf/daily_papers-2024-10-30.json', JSON_TYPE),
  '/digests/2024-11-01.md': route.fixture('remote/ko-digest-2024-11-01.euc-kr.md', 'text/markdown; charset=euc-kr'),
};
const GOOD_SOURCES = [
  ['arxiv-cs-ai', '/rss/cs.AI'],
  ['arxiv-cs-cl', '/atom/cs.CL'],
  ['hf-daily', '/api/daily_papers'],
  ['ko-digest', '/digests/2024-11-01.md'],
] as const;

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A temp config (next to a temp db) whose sources are `[name, path on the fake server]`. */
function setUp(srv: FeedServer, sources: readonly (readonly [string, string])[], ingest: { timeoutSeconds: number; maxBytes: number }) {
  const db = tempDb();
  const config = join(dirname(db), 'paperboy.yaml');
  writeFileSync(config, toYaml({ timezone: 'UTC', ingest, sources: sources.map(([name, path]) => ({ name, url: srv.url(path) })) }));
  return {
    db,
    ingest: () => runCli(['ingest', '--json', '--db', db], { PAPERBOY_CONFIG: config }),
    show: async (id: string) => runCli(['show', id, '--json', '--db', db], { PAPERBOY_CONFIG: config }),
    status: async () => JSON.parse((await runCli(['status', '--json', '--db', db], { PAPERBOY_CONFIG: config })).stdout),
  };
}

interface StatusRow {
  source: string;
  format: string | null;
  lastRunAt: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  entries: number;
}
const bySource = (status: { sources: StatusRow[] }, name: string): StatusRow => status.sources.find((s) => s.source === name)!;
const lines = (stderr: string): string[] => stderr.split('\n').filter(Boolean);

describe('paperboy ingest from URLs', () => {
  it('stores every good source and fails each bad one alone, with one line naming it, within the timeout', async () => {
    server = await startFeedServer({
      ...GOOD,
      '/lab': route.fixture('remote/lab-homepage.html', 'text/html; charset=utf-8'),
      '/mirror/cs.LG': route.error(500),
      '/stalled/cs.RO': route.hang(),
      '/dump/all.xml': route.stream({ totalBytes: 5_000_000, head: ARXIV_HEAD, unit: ARXIV_ITEM, contentType: RSS }),
      '/lab/feed-latin1.xml': route.body(LATIN1_FEED, { contentType: RSS }),
    });
    const bad = [
      ['lab-homepage', '/lab'],
      ['mirror-500', '/mirror/cs.LG'],
      ['stalled-mirror', '/stalled/cs.RO'],
      ['oversized-dump', '/dump/all.xml'],
      ['latin1-feed', '/lab/feed-latin1.xml'],
    ] as const;
    const cli = setUp(server, [...GOOD_SOURCES, ...bad], { timeoutSeconds: 1, maxBytes: 200_000 });

    const started = Date.now();
    const r = await cli.ingest();
    // The stalled server never answers: only the 1 s timeout may be spent on it.
    expect(Date.now() - started).toBeLessThan(10_000);

    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      // The arXiv fixture's withdrawn item: an entry error of a good source, not a failure.
      'paperboy: arxiv-cs-ai (item 5): no arXiv id in link, guid or description (title: "Withdrawn announcement")',
      'paperboy: lab-homepage: not a feed or digest Paperboy can read (an HTML page); set "format" if it is one',
      'paperboy: mirror-500: HTTP 500 Internal Server Error',
      'paperboy: stalled-mirror: no answer within 1 s (timeout)',
      'paperboy: oversized-dump: body is larger than the limit of 200000 bytes',
      'paperboy: latin1-feed: not valid UTF-8 text (wrong encoding?) (at line 5)',
    ]);
    for (const [name] of bad) expect(lines(r.stderr).filter((l) => l.startsWith(`paperboy: ${name}:`)), name).toHaveLength(1);

    const report = JSON.parse(r.stdout);
    expect(report.sources.map((s: { source: string; format: string | null; new: number }) => [s.source, s.format, s.new])).toEqual([
      ['arxiv-cs-ai', 'arxiv-rss', 4],
      ['arxiv-cs-cl', 'arxiv-atom', 0],
      ['hf-daily', 'hf-daily', 0],
      ['ko-digest', 'ko-digest', 1],
      ['lab-homepage', null, 0],
      ['mirror-500', null, 0],
      ['stalled-mirror', null, 0],
      ['oversized-dump', null, 0],
      ['latin1-feed', null, 0],
    ]);
    expect(report.papers).toBe(5);
    expect(report.articles).toBe(0);

    const shadow = JSON.parse((await cli.show('2410.21465')).stdout);
    expect(shadow.title).toBe('ShadowKV: KV Cache in Shadows for High-Throughput Long-Context LLM Inference');
    expect(shadow.authors).toEqual(['Hanshi Sun', 'Li-Wen Chang', 'Wenlei Bao', 'Size Zheng', 'Ningxin Zheng', 'Xin Liu', 'Harry Dong', 'Yuejie Chi', 'Beidi Chen']);
    expect(shadow.sources.map((s: { source: string }) => s.source).sort()).toEqual(['arxiv-cs-ai', 'hf-daily', 'ko-digest']);
    const ko = shadow.summaries.find((s: { locale: string }) => s.locale === 'ko');
    expect(ko.sections).toEqual([
      { kind: 'whats_new', text: '긴 문맥 추론에서 KV 캐시를 나누어 두어 처리량을 높이는 ShadowKV를 소개합니다.' },
      { kind: 'technical_details', text: '저랭크 키 캐시는 GPU에 두고 값 캐시는 CPU로 옮긴 뒤, 필요한 KV 쌍만 검색해 즉석에서 다시 만듭니다.' },
      { kind: 'performance_highlights', text: '같은 GPU에서 더 큰 배치의 긴 문맥 요청을 처리합니다.' },
    ]);
    const fictional = JSON.parse((await cli.show('2411.00042')).stdout);
    expect(fictional.authors).toEqual(['김민준', 'Jisoo Park']);
    expect(JSON.parse((await cli.show('2410.21242')).stdout).sources.map((s: { source: string }) => s.source).sort()).toEqual(['arxiv-cs-ai', 'arxiv-cs-cl']);

    const status = await cli.status();
    expect(status.papers).toBe(5);
    for (const name of ['arxiv-cs-cl', 'hf-daily', 'ko-digest']) expect(bySource(status, name).lastError, name).toBeNull();
    // A good source with one broken item: its last error is that item, and the run still counts as a success.
    expect(bySource(status, 'arxiv-cs-ai').lastError).toBe('no arXiv id in link, guid or description (title: "Withdrawn announcement")');
    for (const [name] of GOOD_SOURCES) expect(bySource(status, name).lastSuccessAt, name).not.toBeNull();
    expect(bySource(status, 'lab-homepage').lastError).toMatch(/an HTML page/);
    expect(bySource(status, 'stalled-mirror').lastError).toBe('no answer within 1 s (timeout)');
    for (const [name] of bad) expect(bySource(status, name).lastSuccessAt, name).toBeNull();
  });

  it('keeps everything already stored when a good feed later serves HTML or a 500', async () => {
    server = await startFeedServer(GOOD);
    const cli = setUp(server, GOOD_SOURCES, { timeoutSeconds: 5, maxBytes: 1_000_000 });
    await cli.ingest();
    const flowBefore = (await cli.show('2410.22304')).stdout;
    const shadowBefore = (await cli.show('2410.21465')).stdout;
    const statusBefore = await cli.status();
    const rssBefore = bySource(statusBefore, 'arxiv-cs-ai');
    expect(rssBefore.lastSuccessAt).not.toBeNull();

    server.setRoute('/rss/cs.AI', route.fixture('remote/lab-homepage.html', 'text/html; charset=utf-8'));
    server.setRoute('/atom/cs.CL', route.error(500));
    const r = await cli.ingest();

    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      'paperboy: arxiv-cs-ai: not a feed or digest Paperboy can read (an HTML page); set "format" if it is one',
      'paperboy: arxiv-cs-cl: HTTP 500 Internal Server Error',
    ]);
    expect(JSON.parse(r.stdout).papers).toBe(5);
    // Every field, summary and source of the papers is as before (categories: the Atom feed's order).
    expect((await cli.show('2410.22304')).stdout).toBe(flowBefore);
    expect((await cli.show('2410.21465')).stdout).toBe(shadowBefore);
    const flow = JSON.parse(flowBefore);
    expect(flow.abstract).toBe(
      'Mathematical reasoning is a hard skill for Large Language Models. We produce detailed reasoning traces with an online learning Flow of two cooperating LLMs and train on them with online DPO.',
    );
    expect(flow.categories).toEqual(['cs.CL', 'cs.AI', 'cs.LG']);

    const status = await cli.status();
    const rss = bySource(status, 'arxiv-cs-ai');
    expect(rss.lastError).toBe('not a feed or digest Paperboy can read (an HTML page); set "format" if it is one');
    expect(rss.lastSuccessAt).toBe(rssBefore.lastSuccessAt);
    expect(rss.lastRunAt > rssBefore.lastRunAt).toBe(true);
    expect(rss.format).toBe('arxiv-rss');
    expect(rss.entries).toBe(rssBefore.entries);
    const atom = bySource(status, 'arxiv-cs-cl');
    expect(atom.lastError).toBe('HTTP 500 Internal Server Error');
    expect(atom.lastSuccessAt).toBe(bySource(statusBefore, 'arxiv-cs-cl').lastSuccessAt);
    expect(status.papers).toBe(statusBefore.papers);
  });

  it('treats an arXiv feed with no items (a weekend) as a success with 0 entries', async () => {
    server = await startFeedServer({
      '/rss/cs.AI': route.fixture('arxiv/empty-weekend.rss.xml', RSS),
      '/api/daily_papers': route.fixture('hf/daily_papers-2024-10-30.json', JSON_TYPE),
    });
    const cli = setUp(
      server,
      [
        ['arxiv-cs-ai', '/rss/cs.AI'],
        ['hf-daily', '/api/daily_papers'],
      ],
      { timeoutSeconds: 5, maxBytes: 1_000_000 },
    );
    const r = await cli.ingest();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const weekend = JSON.parse(r.stdout).sources[0];
    expect(weekend).toEqual({ source: 'arxiv-cs-ai', format: 'arxiv-rss', entries: 0, new: 0, updated: 0, unchanged: 0, errors: [] });
    const rss = bySource(await cli.status(), 'arxiv-cs-ai');
    expect(rss.lastError).toBeNull();
    expect(rss.lastSuccessAt).toBe(rss.lastRunAt);
    expect(rss.entries).toBe(0);
  });
});
