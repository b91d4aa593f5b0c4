/**
 * The only reader of process.env and config/*.yaml. Everything an operator edits is validated
 * by one zod schema, and every problem is reported at once with the key that holds it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Cron from 'node-cron';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import type { SourceFacts } from './core/source-label.js';
import { WEEKDAYS } from './core/iso-week.js';
import { SOURCE_FORMATS } from './core/types.js';

// zod, yaml and node-cron are loaded (synchronously) by the first call that needs them, not when
// this module is imported: a CLI command with no config file and a plain environment (see
// loadEnv) loads none of them, which is most of its start-up time (ADR 2).
const nodeRequire = createRequire(import.meta.url);
const requireModule = (process.features as { require_module?: boolean }).require_module === true && typeof import.meta.resolve === 'function';

/**
 * A library as the modules that import it get it: its ES build through require(esm) where Node
 * has that (20.19+, 22.12+), so the bot loads one copy of zod, not an ES and a CommonJS one; its
 * CommonJS build on older Node.
 */
function requireLibrary(name: string): unknown {
  return nodeRequire(requireModule ? fileURLToPath(import.meta.resolve(name)) : name);
}
type Zod = typeof z;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

/** The schemas, built once, at the first validation that needs them. */
function buildSchemas(z: Zod) {
  const isCronExpression = (expr: string): boolean => (requireLibrary('node-cron') as typeof Cron).validate(expr);

  const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'not a time of day HH:MM (24-hour)');
  const ianaZone = z.string().refine(isTimeZone, { message: 'not an IANA time zone (e.g. Asia/Seoul, UTC)' });
  const locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a language code (e.g. en, ko, ja)');

  /** A source's label for people: one text, or one per language (`{ en: …, ko: … }`). */
  const labelSchema = z.union([
    z.string().trim().min(1, 'an empty label'),
    z.record(locale, z.string().trim().min(1, 'an empty label')).refine((m) => Object.keys(m).length > 0, { message: 'give at least one language' }),
  ]);

  const sourceSchema = z
    .strictObject({
      name: z.string().min(1).optional(),
      /** What cards credit ("Summary: …"); absent = a default from the format and address. */
      label: labelSchema.optional(),
      url: z.url({ protocol: /^https?$/, error: 'not an http(s) URL' }).optional(),
      path: z.string().min(1).optional(),
      format: z.enum(SOURCE_FORMATS).optional(),
      enabled: z.boolean().default(true),
      /** For `paperboy backfill`: the URL of one past day, with {date} (YYYY-MM-DD), {yyyy}, {mm}, {dd}. */
      backfillUrl: z.string().regex(/^https?:\/\/\S*\{(date|yyyy|mm|dd)\}/, 'not an http(s) URL with a {date} (or {yyyy}/{mm}/{dd}) placeholder').optional(),
    })
    .refine((s) => (s.url === undefined) !== (s.path === undefined), { message: 'give exactly one of url or path' });

  const channelSchema = z.strictObject({
    platform: z.enum(['discord', 'slack']),
    channel: z.string().regex(/^[A-Za-z0-9]{5,30}$/, 'not a channel id (Discord: digits; Slack: C…)'),
    /** Discord guild id or Slack workspace (team) id; informational. */
    guild: z.string().optional(),
    locale: locale.default('en'),
    time: timeOfDay.default('09:00'),
    timezone: ianaZone.optional(),
    /** Only papers seen from these sources (by name); empty = all. */
    sources: z.array(z.string().min(1)).default([]),
    /** Only papers in one of these arXiv categories; empty = all. */
    categories: z.array(z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'not an arXiv category (e.g. cs.CL)')).default([]),
    /** Only papers whose title, abstract or a summary contains one of these; empty = all. */
    keywords: z.array(z.string().min(1)).default([]),
    maxPapers: z.number().int().min(1).max(50).default(10),
    // relevance: ranked by the channel's profile (its 👍/👎 and seeds); votes order until it has one.
    order: z.enum(['votes', 'date', 'relevance']).default('votes'),
    layout: z.enum(['digest', 'thread']).default('digest'),
    emptyDay: z.enum(['notice', 'silent']).default('notice'),
    summaries: z.enum(['source', 'generated']).default('source'),
    /** daily (the default), weekly, or both: docs/adr/0021-weekly-digest.md. */
    cadence: z.enum(['daily', 'weekly', 'both']).default('daily'),
    /** When the weekly digest is posted: weekday (default mon) and local time (default the channel's `time`). */
    weekly: z.strictObject({ weekday: z.enum(WEEKDAYS).default('mon'), time: timeOfDay.optional() }).optional(),
  }).refine((c) => c.weekly === undefined || c.cadence !== 'daily', { message: 'weekly is set but cadence is daily: set cadence to weekly or both', path: ['cadence'] });

  const configSchema = z.strictObject({
    timezone: ianaZone.default('UTC'),
    ingest: z
      .strictObject({
        schedule: z.string().refine(isCronExpression, { message: 'not a cron expression (e.g. "*/30 * * * *")' }).default('*/30 * * * *'),
        timeoutSeconds: z.number().positive().max(600).default(30),
        maxBytes: z.number().int().positive().default(50 * 1024 * 1024),
      })
      .prefault({}),
    digest: z
      .strictObject({
        /** A digest missed while the bot was down is still posted if the bot is back within this many hours. */
        catchUpHours: z.number().min(0).max(48).default(6),
        /** A new channel's first digest looks back this far, so it is not flooded with history. */
        firstDigestLookbackHours: z.number().min(0).max(168).default(24),
        /** How many channels are sent to at once (each platform client still enforces its rate limits). */
        concurrency: z.number().int().min(1).max(2000).default(64),
        /** Listing dates (YYYY-MM-DD) on which arXiv announces nothing, beyond the built-in table (core/arxiv-schedule.ts). */
        arxivHolidays: z.array(z.iso.date({ error: 'not a date YYYY-MM-DD' })).default([]),
      })
      .prefault({}),
    commands: z
      .strictObject({
        /** Most subscriptions one user, or one channel, may have. */
        maxSubscriptions: z.number().int().min(1).max(500).default(20),
        /** Results per search page. */
        searchPageSize: z.number().int().min(1).max(10).default(5),
        /** Slack user ids allowed to change channel settings besides workspace admins and owners. */
        slackAdmins: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'not a Slack user id (U…)')).default([]),
        /** Papers listed in one subscription message; the rest are counted. */
        subscriptionMessageMax: z.number().int().min(1).max(25).default(10),
        /** A "liked" subscription's most papers per local day when `/papers subscribe liked` names no cap (docs/adr/0018). */
        likedDailyCap: z.number().int().min(1).max(25).default(5),
      })
      .prefault({}),
    llm: z
      .strictObject({
        /** Summaries written at once. */
        concurrency: z.number().int().min(1).max(16).default(2),
        /** Summaries per UTC day, at most. */
        dailyBudget: z.number().int().min(0).default(200),
        /** How long generation may hold up a digest, in seconds; what is missing then falls back. */
        deadlineSeconds: z.number().positive().max(600).default(60),
        /** Per request to the model. */
        timeoutSeconds: z.number().positive().max(600).default(30),
        retries: z.number().int().min(0).max(10).default(3),
        /** Papers looked at per run (newest first) when no digest names them. */
        maxPapers: z.number().int().min(1).max(1000).default(50),
      })
      .prefault({}),
    embeddings: z
      .strictObject({
        /** Texts per request to the embeddings endpoint. */
        batchSize: z.number().int().min(1).max(2048).default(64),
        /** Papers embedded per run (after each ingest), at most; the rest wait for the next run. */
        maxPerRun: z.number().int().min(1).max(100_000).default(500),
        /** Newest stored papers looked at per run for a missing or stale vector. */
        scanPapers: z.number().int().min(1).max(100_000).default(3000),
        /** Per request to the endpoint. */
        timeoutSeconds: z.number().positive().max(600).default(30),
        retries: z.number().int().min(0).max(10).default(3),
        /** How long one run may take, in seconds. */
        deadlineSeconds: z.number().positive().max(3600).default(60),
        /** Weight of the embedding part in the ranking blend (the other parts: model 1, neighbour 0.5, votes 0.15, recency 0.05). */
        weight: z.number().min(0).max(10).default(0.5),
      })
      .prefault({}),
    backfill: z
      .strictObject({
        /** Seconds between two requests to the same host (arXiv asks for 3). */
        delaySeconds: z.number().min(0).max(60).default(3),
        /** Most days one backfill may cover. */
        maxDays: z.number().int().min(1).max(3660).default(366),
      })
      .prefault({}),
    retention: z
      .strictObject({
        /**
         * After this many days without a change, a paper's raw source entries keep only what its
         * record does not already hold (see docs/adr/0007-retention.md); absent = keep them whole.
         */
        rawEntryDays: z.number().int().min(1).max(3650).optional(),
      })
      .prefault({}),
    shutdown: z
      .strictObject({
        /**
         * On SIGTERM/SIGINT, how long sends in flight may take to finish; what is still waiting
         * then goes back to the outbox (checked on the platform at the next start) and the bot exits 0.
         */
        graceSeconds: z.number().min(0).max(600).default(8),
      })
      .prefault({}),
    slack: z
      .strictObject({
        /**
         * Socket Mode: seconds before reconnecting after the connection is lost (doubled, tripled… while
         * attempts keep failing); the client also gives up on a connection whose pong is this late.
         */
        reconnectDelaySeconds: z.number().min(0.1).max(300).default(5),
      })
      .prefault({}),
    http: z
      .strictObject({
        /** Port of the /healthz and /metrics listener; absent = no listener. */
        port: z.number().int().min(0).max(65535).optional(),
        /** Interface to listen on; 0.0.0.0 in a container. */
        host: z.string().min(1).default('127.0.0.1'),
        /** /healthz reports unhealthy when the last successful ingest is older than this. */
        maxIngestAgeHours: z.number().positive().max(720).default(6),
      })
      .prefault({}),
    discuss: z
      .strictObject({
        /** Questions one person may ask the LLM in discussion threads in any hour (docs/adr/0020-discuss-threads.md). */
        questionsPerHour: z.number().int().min(1).max(1000).default(10),
      })
      .prefault({}),
    sources: z.array(sourceSchema).default([]),
    channels: z.array(channelSchema).default([]),
  }).superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.channels.forEach((ch, i) => {
      const id = `${ch.platform}:${ch.channel}`;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'channel'], message: `duplicate channel ${id}` });
      seen.add(id);
    });
  });

  const optional = z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v));

  const envSchema = z.object({
    PAPERBOY_CONFIG: z.string().default('config/paperboy.yaml'),
    PAPERBOY_DB: z.string().default('./data/paperboy.db'),
    DISCORD_TOKEN: optional,
    DISCORD_APPLICATION_ID: optional,
    DISCORD_API_URL: z.url().default('https://discord.com/api'),
    SLACK_BOT_TOKEN: optional,
    SLACK_APP_TOKEN: optional,
    SLACK_SIGNING_SECRET: optional,
    SLACK_API_URL: z.url().default('https://slack.com/api/'),
    SLACK_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LLM_BASE_URL: optional,
    LLM_API_KEY: optional,
    LLM_MODEL: optional,
    /** OpenAI-compatible /v1/embeddings endpoint for ranking; off unless the base URL and model are both set. */
    EMBEDDINGS_BASE_URL: optional.pipe(z.url({ protocol: /^https?$/, error: 'not an http(s) URL' }).optional()),
    EMBEDDINGS_API_KEY: optional,
    EMBEDDINGS_MODEL: optional,
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** json: JSON lines; pretty: human-readable; auto: pretty when stderr is a terminal. */
    LOG_FORMAT: z.enum(LOG_FORMATS).default('auto'),
    /** arXiv's query API, used by `paperboy backfill` for arXiv category feeds. */
    ARXIV_API_URL: z.url().default('https://export.arxiv.org/api/query'),
  });

  return { configSchema, envSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;
const schemas = (): Schemas => (built ??= buildSchemas((requireLibrary('zod') as { z: Zod }).z));

export type Config = z.infer<Schemas['configSchema']>;
export type SourceConfig = Config['sources'][number];
export type ChannelConfig = Config['channels'][number];

export type Env = z.infer<Schemas['envSchema']>;

/**
 * loadEnv's way around zod, for the environments most runs have: each variable's value when it
 * is unset, and which set values the schema takes as they are — `text` (any text), `optional`
 * (any text; empty = unset) or a list of exact values (the default, an enum's members). When
 * every variable is unset or one of those, the result is built here without loading zod; any other
 * value goes through the schema. Typed over Env, so a variable added to the schema without a line
 * here does not compile; config.test.ts checks that both ways give the same result.
 */
const PLAIN_ENV: { [K in keyof Env]-?: { unset: Env[K]; takes: 'text' | 'optional' | readonly string[] } } = {
  PAPERBOY_CONFIG: { unset: 'config/paperboy.yaml', takes: 'text' },
  PAPERBOY_DB: { unset: './data/paperboy.db', takes: 'text' },
  DISCORD_TOKEN: { unset: undefined, takes: 'optional' },
  DISCORD_APPLICATION_ID: { unset: undefined, takes: 'optional' },
  DISCORD_API_URL: { unset: 'https://discord.com/api', takes: ['https://discord.com/api'] },
  SLACK_BOT_TOKEN: { unset: undefined, takes: 'optional' },
  SLACK_APP_TOKEN: { unset: undefined, takes: 'optional' },
  SLACK_SIGNING_SECRET: { unset: undefined, takes: 'optional' },
  SLACK_API_URL: { unset: 'https://slack.com/api/', takes: ['https://slack.com/api/'] },
  SLACK_PORT: { unset: 3000, takes: ['3000'] },
  LLM_BASE_URL: { unset: undefined, takes: 'optional' },
  LLM_API_KEY: { unset: undefined, takes: 'optional' },
  LLM_MODEL: { unset: undefined, takes: 'optional' },
  EMBEDDINGS_BASE_URL: { unset: undefined, takes: [''] },
  EMBEDDINGS_API_KEY: { unset: undefined, takes: 'optional' },
  EMBEDDINGS_MODEL: { unset: undefined, takes: 'optional' },
  LOG_LEVEL: { unset: 'info', takes: LOG_LEVELS },
  LOG_FORMAT: { unset: 'auto', takes: LOG_FORMATS },
  ARXIV_API_URL: { unset: 'https://export.arxiv.org/api/query', takes: ['https://export.arxiv.org/api/query'] },
};

/** Every environment variable Paperboy reads, with its default where it has one (for docs and checks). */
export const ENV_DEFAULTS: Record<string, string | number | undefined> = Object.fromEntries(Object.entries(PLAIN_ENV).map(([name, v]) => [name, v.unset]));

/** The environment as the schema would give it, when every value is one PLAIN_ENV takes as it is; else undefined. */
export function plainEnv(env: NodeJS.ProcessEnv): Env | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, { unset, takes }] of Object.entries(PLAIN_ENV)) {
    const value = env[name];
    if (value === undefined) {
      // As zod does: an optional variable present with no value is kept (undefined), an absent one left out.
      if (unset !== undefined || name in env) out[name] = unset;
    } else if (takes === 'text') out[name] = value;
    else if (takes === 'optional') out[name] = value === '' ? undefined : value;
    else if (takes.includes(value)) out[name] = typeof unset === 'number' ? Number(value) : value === '' ? undefined : value;
    else return undefined;
  }
  return out as Env;
}

/** A config or environment that cannot be used; the message lists every problem, one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`invalid configuration in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.file = file;
    this.problems = problems;
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const key = i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(top level)';
    if (i.code === 'unrecognized_keys') return `${key === '(top level)' ? '' : `${key}: `}unknown key ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    return `${key}: ${i.message}`;
  });
}

/** Parses and validates config text (YAML). `file` names it in errors. */
export function parseConfig(text: string, file: string): Config {
  const { parse: parseYaml, YAMLParseError } = requireLibrary('yaml') as typeof Yaml;
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    throw new ConfigError(file, [`not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`]);
  }
  const result = schemas().configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(file, describeIssues(result.error));
  return result.data;
}

export function loadConfig(file: string): Config {
  if (!existsSync(file)) throw new ConfigError(file, ['file not found (set PAPERBOY_CONFIG or create it from config/paperboy.yaml)']);
  return parseConfig(readFileSync(file, 'utf8'), file);
}

/** Reads `.env` (if present) into process.env without overriding what is already set, then validates. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env, dotenv = '.env'): Env {
  if (env === process.env && existsSync(dotenv)) process.loadEnvFile(dotenv);
  const data = plainEnv(env) ?? envFromSchema(env);
  if (Boolean(data.EMBEDDINGS_BASE_URL) !== Boolean(data.EMBEDDINGS_MODEL)) {
    throw new ConfigError('environment', ['EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL: set both (embeddings on) or neither (off)']);
  }
  return data;
}

/** The environment validated by the zod schema (what loadEnv does when plainEnv cannot). */
export function envFromSchema(env: NodeJS.ProcessEnv): Env {
  const result = schemas().envSchema.safeParse(env);
  if (!result.success) throw new ConfigError('environment', describeIssues(result.error));
  return result.data;
}

/** What the config says about each source name, for the labels cards show (core/source-label.ts). */
export function sourceFactsOf(config: Config): Map<string, SourceFacts> {
  return new Map(
    config.sources.map((s) => [
      sourceName(s),
      { ...(s.label ? { label: s.label } : {}), ...(s.url ? { url: s.url } : {}), ...(s.format ? { format: s.format } : {}) },
    ]),
  );
}

/** The name a source is known by in status and provenance. */
export function sourceName(s: SourceConfig): string {
  return s.name ?? s.url ?? s.path ?? '(unnamed)';
}
