import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_DEFAULTS, envFromSchema, loadEnv, parseConfig, plainEnv } from './config.js';

function problems(text: string): string[] {
  try {
    parseConfig(text, 'test.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('takes extra arXiv holiday dates and names a bad one', () => {
    expect(parseConfig('digest:\n  arxivHolidays: ["2026-11-26"]\n', 'test.yaml').digest.arxivHolidays).toEqual(['2026-11-26']);
    expect(problems('digest:\n  arxivHolidays: ["26/11/2026"]\n')).toEqual(['digest.arxivHolidays[0]: not a date YYYY-MM-DD']);
  });

  it('accepts the shipped default config', () => {
    const config = parseConfig(readFileSync(new URL('../config/paperboy.yaml', import.meta.url), 'utf8'), 'paperboy.yaml');
    expect(config.sources.map((s) => s.format)).toEqual(['arxiv-rss', 'arxiv-rss', 'arxiv-rss', 'hf-daily']);
    expect(config.timezone).toBe('Asia/Seoul');
  });

  it('fills defaults for an empty file', () => {
    const config = parseConfig('', 'empty.yaml');
    expect(config).toEqual({
      timezone: 'UTC',
      ingest: { schedule: '*/30 * * * *', timeoutSeconds: 30, maxBytes: 50 * 1024 * 1024 },
      digest: { catchUpHours: 6, firstDigestLookbackHours: 24, concurrency: 64, arxivHolidays: [] },
      commands: { maxSubscriptions: 20, searchPageSize: 5, slackAdmins: [], subscriptionMessageMax: 10, likedDailyCap: 5 },
      llm: { concurrency: 2, dailyBudget: 200, deadlineSeconds: 60, timeoutSeconds: 30, retries: 3, maxPapers: 50 },
      embeddings: { batchSize: 64, maxPerRun: 500, scanPapers: 3000, timeoutSeconds: 30, retries: 3, deadlineSeconds: 60, weight: 0.5 },
      backfill: { delaySeconds: 3, maxDays: 366 },
      retention: {},
      shutdown: { graceSeconds: 8 },
      slack: { reconnectDelaySeconds: 5 },
      http: { host: '127.0.0.1', maxIngestAgeHours: 6 },
      discuss: { questionsPerHour: 10 },
      sources: [],
      channels: [],
    });
  });

  it('accepts the contract keys for a channel', () => {
    const config = parseConfig(
      'channels:\n  - platform: discord\n    channel: "123456789012345678"\n    locale: ko\n    time: "09:00"\n    timezone: Asia/Seoul\n',
      'c.yaml',
    );
    expect(config.channels[0]).toMatchObject({ platform: 'discord', channel: '123456789012345678', locale: 'ko', time: '09:00', timezone: 'Asia/Seoul' });
    expect(config.channels[0]).toMatchObject({ maxPapers: 10, order: 'votes', layout: 'digest', emptyDay: 'notice', categories: [], keywords: [] });
  });

  it('names every bad key at once', () => {
    expect(
      problems(
        'timezone: Nowhere/City\ningest:\n  schedule: "every day"\n  retries: 3\nsources:\n  - path: a.md\n    url: https://x.org/feed\n  - url: https://x.org/f\n    format: csv\nchannels:\n  - platform: discord\n    channel: "12345"\n    time: "9am"\n  - platform: discord\n    channel: "12345"\nextra: 1\n',
      ),
    ).toEqual([
      'timezone: not an IANA time zone (e.g. Asia/Seoul, UTC)',
      'ingest.schedule: not a cron expression (e.g. "*/30 * * * *")',
      'ingest: unknown key "retries"',
      'sources[0]: give exactly one of url or path',
      expect.stringMatching(/^sources\[1\]\.format: /),
      'channels[0].time: not a time of day HH:MM (24-hour)',
      'unknown key "extra"',
    ]);
  });

  it('takes a source label as one text or one per language, and names a bad one', () => {
    const config = parseConfig('sources:\n  - url: https://x.org/a\n    label: Lab blog\n  - path: ./ko\n    label: { en: Daily Papers (Korean), ko: 데일리 페이퍼 }\n', 's.yaml');
    expect(config.sources.map((s) => s.label)).toEqual(['Lab blog', { en: 'Daily Papers (Korean)', ko: '데일리 페이퍼' }]);
    expect(problems('sources:\n  - url: https://x.org/a\n    label: "  "\n  - url: https://x.org/b\n    label: { english: Blog }\n  - url: https://x.org/c\n    label: {}\n')).toEqual([
      expect.stringMatching(/^sources\[0\]\.label: /),
      expect.stringMatching(/^sources\[1\]\.label: /),
      expect.stringMatching(/^sources\[2\]\.label: /),
    ]);
  });

  it('keeps a channel daily by default and takes a weekly cadence with its weekday and time', () => {
    const ch = 'channels:\n  - platform: discord\n    channel: "123456789012345678"\n    time: "08:00"\n';
    expect(parseConfig(ch, 'c.yaml').channels[0]).toMatchObject({ cadence: 'daily' });
    expect(parseConfig(`${ch}    cadence: both\n    weekly: { weekday: fri, time: "17:30" }\n`, 'c.yaml').channels[0]).toMatchObject({ cadence: 'both', weekly: { weekday: 'fri', time: '17:30' } });
    expect(problems(`${ch}    cadence: weekly\n    weekly: { weekday: friday }\n`)).toEqual([expect.stringMatching(/^channels\[0\]\.weekly\.weekday: .*"mon"/)]);
    expect(problems(`${ch}    weekly: { weekday: fri }\n`)).toEqual(['channels[0].cadence: weekly is set but cadence is daily: set cadence to weekly or both']);
    expect(problems(`${ch}    cadence: monthly\n`)).toEqual([expect.stringMatching(/^channels\[0\]\.cadence: /)]);
  });

  it('refuses the same channel twice', () => {
    expect(problems('channels:\n  - platform: slack\n    channel: C0123ABCD\n  - platform: slack\n    channel: C0123ABCD\n')).toEqual([
      'channels[1].channel: duplicate channel slack:C0123ABCD',
    ]);
  });

  it('takes a Slack reconnect delay in seconds, fractions included, and refuses none at all', () => {
    expect(parseConfig('slack:\n  reconnectDelaySeconds: 0.5\n', 'x.yaml').slack.reconnectDelaySeconds).toBe(0.5);
    expect(problems('slack:\n  reconnectDelaySeconds: 0\n')).toEqual([expect.stringMatching(/^slack\.reconnectDelaySeconds: /)]);
    expect(problems('slack:\n  reconnectDelay: 5\n')).toEqual(['slack: unknown key "reconnectDelay"']);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('sources:\n  - url: [unclosed\n')[0]).toMatch(/^not valid YAML at line \d+/);
  });

  it('reads PAPERBOY_DB and PAPERBOY_CONFIG with their documented defaults', () => {
    expect(loadEnv({})).toMatchObject({ PAPERBOY_CONFIG: 'config/paperboy.yaml', PAPERBOY_DB: './data/paperboy.db', LOG_LEVEL: 'info' });
    expect(loadEnv({ DISCORD_TOKEN: '' }).DISCORD_TOKEN).toBeUndefined();
    expect(loadEnv({}).DISCORD_API_URL).toBe('https://discord.com/api');
    expect(loadEnv({ PAPERBOY_DB: '/var/lib/paperboy.db' }).PAPERBOY_DB).toBe('/var/lib/paperboy.db');
    expect(() => loadEnv({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('turns embeddings on only with both EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL, and says which is missing', () => {
    expect(loadEnv({ EMBEDDINGS_BASE_URL: '', EMBEDDINGS_MODEL: '' })).toMatchObject({ EMBEDDINGS_BASE_URL: undefined, EMBEDDINGS_MODEL: undefined });
    expect(loadEnv({ EMBEDDINGS_BASE_URL: 'http://127.0.0.1:11434/v1', EMBEDDINGS_MODEL: 'nomic-embed-text' })).toMatchObject({ EMBEDDINGS_MODEL: 'nomic-embed-text' });
    expect(() => loadEnv({ EMBEDDINGS_MODEL: 'nomic-embed-text' })).toThrow(/set both/);
    expect(() => loadEnv({ EMBEDDINGS_BASE_URL: 'ftp://x', EMBEDDINGS_MODEL: 'm' })).toThrow(/EMBEDDINGS_BASE_URL: not an http\(s\) URL/);
  });

  it('has embeddings settings with defaults and bounds', () => {
    expect(parseConfig('', 'x.yaml').embeddings).toEqual({ batchSize: 64, maxPerRun: 500, scanPapers: 3000, timeoutSeconds: 30, retries: 3, deadlineSeconds: 60, weight: 0.5 });
    expect(problems('embeddings: { batchSize: 0, weight: -1, model: x }\n')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^embeddings.batchSize: /), expect.stringMatching(/^embeddings.weight: /), 'embeddings: unknown key "model"']),
    );
  });
});

describe('loadEnv without zod (plainEnv, ADR 2)', () => {
  // Values each variable may take: unset, empty, its default, members of its enum, and values the
  // schema rejects or changes (padding, another URL, another port) that plainEnv must hand on.
  const TRIES: Record<string, (string | undefined)[]> = Object.fromEntries(
    Object.entries(ENV_DEFAULTS).map(([name, d]) => [name, [undefined, '', ...(d === undefined ? ['x-token', 'http://127.0.0.1:1/v1'] : [String(d), ` ${String(d)} `])]]),
  );
  TRIES.LOG_LEVEL!.push('debug', 'silent', 'loud', 'INFO');
  TRIES.LOG_FORMAT!.push('json', 'pretty', 'xml');
  TRIES.SLACK_PORT!.push('3001', '03000', '70000', 'abc');
  TRIES.DISCORD_API_URL!.push('http://127.0.0.1:9/api', 'not a url');
  TRIES.EMBEDDINGS_BASE_URL!.push('ftp://x');

  /** The schema's answer: the environment, or the ConfigError's problems. */
  const viaSchema = (env: NodeJS.ProcessEnv) => {
    try {
      return envFromSchema(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  };

  it('knows every variable the schema reads, with the schema defaults', () => {
    expect(viaSchema({})).toStrictEqual(plainEnv({}));
    expect(Object.keys(ENV_DEFAULTS).sort()).toEqual(Object.keys(TRIES).sort());
  });

  it('gives what the schema gives, or hands the environment to the schema', () => {
    let plain = 0;
    const envs: NodeJS.ProcessEnv[] = [{}, Object.fromEntries(Object.entries(ENV_DEFAULTS).map(([k, v]) => [k, v === undefined ? '' : String(v)]))];
    for (const [name, values] of Object.entries(TRIES)) for (const value of values) envs.push({ [name]: value }, { ...envs[1], [name]: value });
    for (const env of envs) {
      const fast = plainEnv(env);
      if (fast === undefined) continue;
      plain++;
      expect(fast, JSON.stringify(env)).toStrictEqual(viaSchema(env));
    }
    // The environments an install has (nothing set, or .env.example copied) take the plain path.
    expect(plainEnv(envs[0]!)).toBeDefined();
    expect(plainEnv(envs[1]!)).toBeDefined();
    expect(plain).toBeGreaterThan(envs.length / 2);
  });

  it('still reports a bad value through the schema', () => {
    expect(plainEnv({ LOG_LEVEL: 'loud' })).toBeUndefined();
    expect(() => loadEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: Invalid option/);
    expect(() => loadEnv({ SLACK_PORT: 'abc' })).toThrow(ConfigError);
  });
});
