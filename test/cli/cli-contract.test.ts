import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDb } from './run-cli.js';

const ALL_FORMATS = [
  'arxiv/cs.AI.rss.xml',
  'arxiv/cs.CL.atom.xml',
  'hf/daily_papers-2024-10-30.json',
  'digests/ko/2024',
  'digests/ja/2025-02-24.txt',
  'digests/article',
  'feeds/lab-blog.rss.xml',
].map(fixture);

describe('paperboy ingest', () => {
  it('reads every format into one record per paper and reports counts as JSON', async () => {
    const db = tempDb();
    const r = await runCli(['ingest', ...ALL_FORMATS, '--json', '--db', db]);
    // Two fixtures hold one broken item each: reported with its place, the rest stored.
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^paperboy: \S+cs\.AI\.rss\.xml \(item 5\): no arXiv id/);
    expect(lines[1]).toMatch(/^paperboy: \S+lab-blog\.rss\.xml \(item 6\): item has neither a link nor an arXiv id/);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.sources.map((s: { format: string }) => s.format)).toEqual([
      'arxiv-rss',
      'arxiv-atom',
      'hf-daily',
      'ko-digest',
      'ja-blog',
      'article-md',
      'rss',
    ]);
    for (const s of report.sources) {
      expect(Object.keys(s).sort()).toEqual(['entries', 'errors', 'format', 'new', 'source', 'unchanged', 'updated']);
      expect(s.entries).toBe(s.new + s.updated + s.unchanged);
    }
    // 7 arXiv papers, 2 Japanese entries whose arXiv record is not in the fixtures; one
    // translated article and one lab-blog post with no paper.
    expect(report.papers).toBe(9);
    expect(report.articles).toBe(2);
    const status = JSON.parse((await runCli(['status', '--json', '--db', db])).stdout);
    expect(status.papers).toBe(report.papers);
  });

  it('adds and changes nothing when the same sources are ingested again', async () => {
    const db = tempDb();
    const first = JSON.parse((await runCli(['ingest', ...ALL_FORMATS, '--json', '--db', db])).stdout);
    const before = (await runCli(['show', '2410.21242', '--json', '--db', db])).stdout;
    const second = JSON.parse((await runCli(['ingest', ...ALL_FORMATS, '--json', '--db', db])).stdout);
    for (const s of second.sources) {
      expect(s.new + s.updated).toBe(0);
      expect(s.unchanged).toBe(s.entries);
    }
    expect(second.papers).toBe(first.papers);
    expect((await runCli(['show', '2410.21242', '--json', '--db', db])).stdout).toBe(before);
  });

  it('keeps going past a source that is an HTML page and exits 1 naming it', async () => {
    const db = tempDb();
    const r = await runCli(['ingest', fixture('feeds/not-a-feed.html'), fixture('hf/daily_papers-2024-10-30.json'), '--json', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not-a-feed\.html: not a feed or digest Paperboy can read \(an HTML page\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(r.stdout);
    expect(report.sources[0].errors).toHaveLength(1);
    expect(report.sources[1].new).toBeGreaterThan(0);
  });

  it('names the line of a broken digest entry and still stores the rest', async () => {
    const db = tempDb();
    const r = await runCli(['ingest', fixture('digests/ko/broken.md'), '--json', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.md \(line \d+\): .*no arXiv id/);
    expect(JSON.parse(r.stdout).sources[0].new).toBeGreaterThan(0);
  });

  it('stores the good files of a digest folder when one file has the wrong encoding', async () => {
    const dir = join(dirname(tempDb()), 'ko');
    mkdirSync(join(dir, '2024/10'), { recursive: true });
    copyFileSync(fixture('digests/ko/2024/10/30.md'), join(dir, '2024/10/30.md'));
    writeFileSync(join(dir, '2024/10/31.md'), Buffer.concat([Buffer.from('## Daily Papers (2024-10-31)\n\nCaf'), Buffer.from([0xe9])]));
    const r = await runCli(['ingest', dir, '--json', '--db', join(dir, '..', 'x.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ko \(2024\/10\/31\.md\): .*not valid UTF-8 text/);
    const report = JSON.parse(r.stdout);
    expect(report.sources[0].new).toBeGreaterThanOrEqual(4);
    expect(report.papers).toBe(report.sources[0].new);
  });

  it('rejects an unknown --format as a usage error', async () => {
    const r = await runCli(['ingest', 'x.xml', '--format', 'atom2', '--db', tempDb()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of arxiv-rss, .*got "atom2"/);
  });

  it('reports a missing file as a failed source, not a crash', async () => {
    const r = await runCli(['ingest', '/nonexistent/digest.md', '--db', tempDb()]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('paperboy: /nonexistent/digest.md: no such file or folder: /nonexistent/digest.md');
  });

  it('lists every problem of an invalid config at once and exits 2', async () => {
    const dir = dirname(tempDb());
    const config = join(dir, 'bad.yaml');
    writeFileSync(
      config,
      'timezone: Mars/Olympus\nsources:\n  - url: ftp://x\n    fromat: rss\nchannels:\n  - platform: teams\n    channel: "1"\n    time: "25:00"\n',
    );
    const r = await runCli(['ingest', '--db', join(dir, 'x.db')], { PAPERBOY_CONFIG: config });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`invalid configuration in ${config}`);
    for (const key of ['timezone:', 'sources[0].url', 'sources[0]: unknown key "fromat"', 'channels[0].platform', 'channels[0].time']) {
      expect(r.stderr).toContain(key);
    }
  });
});

describe('paperboy show', () => {
  it('finds a paper by its id in every form sources use', async () => {
    const db = tempDb();
    await runCli(['ingest', ...ALL_FORMATS, '--db', db]);
    const forms = [
      '2410.22304',
      '2410.22304v2',
      'arXiv:2410.22304',
      'https://arxiv.org/abs/2410.22304v1',
      'https://arxiv.org/pdf/2410.22304v1.pdf?download=1',
      'http://www.arxiv.org/html/2410.22304',
      'https://huggingface.co/papers/2410.22304',
      'https://www.alphaxiv.org/abs/2410.22304',
      '10.48550/arXiv.2410.22304',
    ];
    for (const id of forms) {
      const r = await runCli(['show', id, '--json', '--db', db]);
      expect(r.code, id).toBe(0);
      expect(JSON.parse(r.stdout).key, id).toBe('arxiv:2410.22304');
    }
  });

  it('prints the documented JSON shape with summaries and provenance', async () => {
    const db = tempDb();
    await runCli(['ingest', ...ALL_FORMATS, '--db', db]);
    const p = JSON.parse((await runCli(['show', '2410.22304', '--json', '--db', db])).stdout);
    for (const k of ['key', 'kind', 'arxivId', 'title', 'authors', 'abstract', 'categories', 'publishedAt', 'votes', 'thumbnail', 'links', 'summaries', 'sources']) {
      expect(p).toHaveProperty(k);
    }
    expect(p.kind).toBe('paper');
    expect(p.arxivId).toBe('2410.22304');
    expect(p.authors).toEqual(['Yihe Deng', 'Paul Mineiro']);
    const ko = p.summaries.find((s: { locale: string }) => s.locale === 'ko');
    expect(ko.sections.map((s: { kind: string }) => s.kind)).toContain('whats_new');
    expect(p.sources.length).toBeGreaterThanOrEqual(3);
    for (const s of p.sources) expect(Object.keys(s)).toEqual(expect.arrayContaining(['source', 'seenAt']));
  });

  it('finds an article by its original link, tracking parameters or not', async () => {
    const db = tempDb();
    await runCli(['ingest', fixture('digests/article'), '--db', db]);
    const status = JSON.parse((await runCli(['status', '--json', '--db', db])).stdout);
    expect(status.articles).toBe(1);
    const key = JSON.parse((await runCli(['search', '강화', '--json', '--db', db])).stdout)[0].key as string;
    const url = key.slice('url:'.length);
    const r = await runCli(['show', `${url.replace('https://', 'http://www.')}/?utm_source=x#top`, '--json', '--db', db]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.kind).toBe('article');
    expect(a.summaries[0].locale).toBe('ko');
  });

  it('answers an unknown id with exit 1 and a clear message, a non-id with exit 2', async () => {
    const db = tempDb();
    const unknown = await runCli(['show', '2501.00001', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('paperboy: no paper or article arxiv:2501.00001 in the store (ingest a source that has it first)\n');
    const bad = await runCli(['show', 'not an id', '--db', db]);
    expect(bad.code).toBe(2);
  });
});

describe('paperboy search', () => {
  it('finds two-character Korean and Japanese words and English words', async () => {
    const db = tempDb();
    await runCli(['ingest', ...ALL_FORMATS, '--db', db]);
    for (const q of ['검색', '로봇', '検索', '強化', 'retrieval', 'Flow-DPO']) {
      const hits = JSON.parse((await runCli(['search', q, '--json', '--db', db])).stdout);
      expect(hits.length, q).toBeGreaterThan(0);
      for (const h of hits) expect(Object.keys(h)).toEqual(['key', 'arxivId', 'title', 'score', 'snippet']);
    }
  });

  it('treats quotes, operators, unbalanced parentheses and SQL as plain text', async () => {
    const db = tempDb();
    await runCli(['ingest', ...ALL_FORMATS, '--db', db]);
    for (const q of ['"unbalanced', 'NEAR(a b)', 'title:*', "'; DROP TABLE papers; --", '(((', '-', 'a OR', '*', 'AND NOT']) {
      const r = await runCli(['search', q, '--json', '--db', db]);
      expect(r.code, q).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout)), q).toBe(true);
    }
    expect(JSON.parse((await runCli(['status', '--json', '--db', db])).stdout).papers).toBeGreaterThan(0);
  });

  it('rejects a --limit that is not a positive number', async () => {
    const r = await runCli(['search', 'x', '--limit', '0', '--db', tempDb()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--limit must be a positive whole number/);
  });
});

describe('paperboy status', () => {
  it('shows per-source last run, counts and last error', async () => {
    const db = tempDb();
    await runCli(['ingest', fixture('hf/daily_papers-2024-10-30.json'), fixture('feeds/not-a-feed.html'), '--db', db]);
    const s = JSON.parse((await runCli(['status', '--json', '--db', db])).stdout);
    const failed = s.sources.find((x: { source: string }) => x.source.endsWith('not-a-feed.html'));
    expect(failed.lastSuccessAt).toBeNull();
    expect(failed.lastError).toMatch(/HTML page/);
    const ok = s.sources.find((x: { source: string }) => x.source.endsWith('.json'));
    expect(ok.lastError).toBeNull();
    expect(ok.new).toBe(ok.entries);
    expect(s.summaries).toBeTypeOf('object');
  });
});

describe('the paperboy executable', () => {
  it('runs through bin/paperboy.js with exit codes and --json on stdout only', () => {
    const db = tempDb();
    const bin = new URL('../../bin/paperboy.js', import.meta.url).pathname;
    const out = execFileSync(process.execPath, [bin, 'ingest', fixture('hf/daily_papers-2024-10-30.json'), '--json', '--db', db], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out).sources[0].format).toBe('hf-daily');
    const usage = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/unknown command "frobnicate"/);
    const env = { ...process.env, PAPERBOY_DB: db };
    const status = spawnSync(process.execPath, [bin, 'status', '--json'], { encoding: 'utf8', env });
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout).papers).toBeGreaterThan(0);
  });
});
