/**
 * Composition root: the only place that builds the database, the stores, the runners and the
 * schedules (the stores: open-stores.ts, apart so light CLI commands load only them; chat clients:
 * chat-clients.ts; the long-running bot: bot.ts). The CLI and the bot both start here.
 */
import { hostname } from 'node:os';
import type { ChatClients } from './chat-clients.js';
import { sourceName as configSourceName, type Config, type Env } from './config.js';
import { createGeneratedSummaryStore } from './db/generated-summary-store.js';
import { generateSummaries, type Summarizer } from './pipeline/generate-summaries.js';
import { createLlmClient } from './summarize/llm-client.js';
import { PROMPT_VERSION } from './summarize/prompt.js';
import { createSummarizer, sourceName } from './summarize/summarizer.js';
import { ARXIV_HOLIDAYS } from './core/arxiv-schedule.js';
import type { Channel, ChannelSpec } from './core/channel.js';
import { createRetentionStore } from './db/retention-store.js';
import { createFeedbackStore } from './db/feedback-store.js';
import { createSavedStore } from './db/saved-store.js';
import { createEngagementStore } from './db/engagement-store.js';
import type { Db } from './db/open-database.js';
import { combineEngagement, type WeeklyEngagement } from './pipeline/weekly-engagement.js';
import { createInterestStore } from './db/interest-store.js';
import { createRankDocReader } from './db/rank-doc-reader.js';
import { createSimilarCandidates } from './db/similar-candidates.js';
import { createEmbeddingStore } from './db/embedding-store.js';
import { createEmbeddingsClient } from './embeddings/embeddings-client.js';
import { createEmbedPapers } from './pipeline/embed-papers.js';
import { createPersonalRanker, type PersonalRankerDeps } from './pipeline/personal-ranker.js';
import { createSimilarPapers } from './pipeline/similar-papers.js';
import type { ChannelRanker } from './pipeline/plan-digest.js';
import type { CommandDeps } from './pipeline/commands/command-deps.js';
import { createQuestionAnswerer, type QuestionAnswerer } from './pipeline/discuss/answer-question.js';
import { deliverSubscriptions } from './pipeline/deliver-subscriptions.js';
import type { LikedDeps } from './pipeline/liked-matches.js';
import { createFailureLog, type Logger } from './log.js';
import type { PipelineMetrics } from './pipeline/metrics.js';
import { createDigestRunner } from './pipeline/run-digests.js';
import { createIngestRunner, type SourceSpec } from './pipeline/run-ingest.js';
import { pruneRawEntries } from './pipeline/prune-raw-entries.js';

import type { Stores } from './open-stores.js';

export { openStores, type Stores } from './open-stores.js';

import { buildSourceLabeler } from './source-labeler.js';
export { buildSourceLabeler };

export function sourceSpecs(config: Config): SourceSpec[] {
  return config.sources
    .filter((s) => s.enabled)
    .map((s) => ({
      name: configSourceName(s),
      ...(s.url ? { url: s.url } : {}),
      ...(s.path ? { path: s.path } : {}),
      ...(s.format ? { format: s.format } : {}),
    }));
}

export function channelSpecs(config: Config): ChannelSpec[] {
  return config.channels.map((c) => ({
    platform: c.platform,
    channel: c.channel,
    ...(c.guild ? { guild: c.guild } : {}),
    locale: c.locale,
    time: c.time,
    timezone: c.timezone ?? config.timezone,
    settings: {
      sources: c.sources,
      categories: c.categories,
      keywords: c.keywords,
      maxPapers: c.maxPapers,
      order: c.order,
      layout: c.layout,
      emptyDay: c.emptyDay,
      summaries: c.summaries,
      cadence: c.cadence,
      weekly: { weekday: c.weekly?.weekday ?? 'mon', time: c.weekly?.time ?? c.time },
    },
  }));
}

export function buildIngestRunner(stores: Stores, config: Config, log: Logger, now?: () => Date, metrics?: PipelineMetrics) {
  return createIngestRunner({
    store: stores.ingest,
    status: stores.status,
    reader: stores.reader,
    facts: stores.sourceFacts,
    load: { timeoutMs: config.ingest.timeoutSeconds * 1000, maxBytes: config.ingest.maxBytes },
    log,
    ...(now ? { now } : {}),
    ...(metrics ? { metrics } : {}),
  });
}

/** What the slash-command use cases need, from the stores and the config. */
export function buildCommandDeps(stores: Stores, config: Config, now: () => Date = () => new Date(), metrics?: PipelineMetrics, embeddings?: RankingEmbeddings): CommandDeps {
  return {
    reader: stores.reader,
    search: stores.search,
    digests: stores.digests,
    channels: stores.channels,
    users: stores.users,
    subscriptions: stores.subscriptions,
    status: stores.status,
    timezone: config.timezone,
    sourceLabel: buildSourceLabeler(stores, config),
    limits: { subscriptionsPerTarget: config.commands.maxSubscriptions, searchPageSize: config.commands.searchPageSize, todayMax: 10, likedDailyCap: config.commands.likedDailyCap },
    now,
    relevance: buildRelevance(stores, now, embeddings),
    saved: createSavedStore(stores.db),
    discuss: { store: stores.discuss, questions: false },
    ...(metrics ? { metrics } : {}),
  };
}

/**
 * Answers questions in discussion threads with the LLM (LLM_BASE_URL and LLM_MODEL set);
 * undefined without one: then mentions are not answered (docs/adr/0020-discuss-threads.md).
 */
export function buildQuestionAnswerer(env: Env, config: Config, stores: Stores, log: Logger, now: () => Date = () => new Date()): QuestionAnswerer | undefined {
  // A question waits in the thread: one retry at most, not the summaries' patience.
  const client = llmClient(env, config, Math.min(1, config.llm.retries));
  if (!client) return undefined;
  return createQuestionAnswerer({
    store: stores.discuss,
    reader: stores.reader,
    users: stores.users,
    channels: stores.channels,
    complete: (messages, opts) => client.complete(messages, opts),
    perHour: config.discuss.questionsPerHour,
    timeoutMs: config.llm.timeoutSeconds * 1000,
    now,
    log: log.child({ component: 'discuss' }),
  });
}

/** `order: relevance`: ranks a channel's candidates by its profile (undefined without one). */
export function buildChannelRanker(stores: Stores, embeddings?: RankingEmbeddings): ChannelRanker {
  const relevance = buildRelevance(stores, undefined, embeddings);
  const docs = createRankDocReader(stores.db);
  return (channel, paperIds) => relevance.ranker.rank({ kind: 'channel', platform: channel.platform, channel: channel.channel }, docs.byIds(paperIds), channel.settings.maxPapers);
}

/**
 * What a weekly digest ranks by (docs/adr/0021-weekly-digest.md): 👍/👎 made in the channel, saves
 * to reading lists made from it, and replies in its discussion threads.
 */
export function buildWeeklyEngagement(db: Db): WeeklyEngagement {
  const store = createEngagementStore(db);
  return combineEngagement({
    votes: (channel, _paperIds, window) => store.votes(channel, window),
    saves: (channel, _paperIds, window) => new Map([...store.saves(channel, window)].map(([id, saves]) => [id, { saves }])),
    replies: (channel, _paperIds, window) => new Map([...store.replies(channel, window)].map(([id, replies]) => [id, { replies }])),
  });
}

/** Feedback, seeds, the personal ranker and "more like this" over the store (docs/adr/0014-personal-ranking.md). */
export function buildRelevance(stores: Stores, now: () => Date = () => new Date(), embeddings?: RankingEmbeddings) {
  const feedback = createFeedbackStore(stores.db);
  const interests = createInterestStore(stores.db);
  const docs = createRankDocReader(stores.db);
  const ranker = createPersonalRanker({ feedback, interests, docs, now, ...(embeddings ?? {}) });
  return {
    feedback,
    interests,
    ranker,
    similar: createSimilarPapers({ docs, candidates: createSimilarCandidates(stores.db), now, vocabulary: () => ranker.vocabulary() }),
  };
}

/**
 * What "liked" subscriptions rank with (docs/adr/0018-liked-subscriptions.md): the personal
 * ranker, and the zone whose local day a cap counts in: a channel's own zone, else the config's
 * (people have no zone of their own).
 */
export function buildLikedRanking(stores: Stores, config: Config, embeddings?: RankingEmbeddings): LikedDeps {
  return {
    ranker: buildRelevance(stores, undefined, embeddings).ranker,
    docs: createRankDocReader(stores.db),
    zoneOf: (sub) => (sub.scope === 'channel' ? stores.channels.find(sub.target)?.timezone : undefined) ?? config.timezone,
  };
}

/** Matches new papers against subscriptions, plans each subscriber's message in the outbox and sends what is planned. */
export function buildSubscriptionDelivery(stores: Stores, config: Config, chat: ChatClients, log: Logger, now: () => Date = () => new Date(), stopping?: () => boolean, embeddings?: RankingEmbeddings) {
  const failures = createFailureLog(log, 'warn');
  const liked = buildLikedRanking(stores, config, embeddings);
  return () =>
    deliverSubscriptions({
      subscriptions: stores.subscriptions,
      subscriptionOutbox: stores.subscriptionOutbox,
      outbox: stores.outbox,
      reader: stores.reader,
      posterFor: (platform) => chat.posters[platform] ?? chat.console,
      log,
      owner: PROCESS_OWNER,
      isAbandoned: (owner, claimedAt) => isAbandoned(owner, claimedAt, now()),
      now,
      ...(stopping ? { stopping } : {}),
      timezone: config.timezone,
      maxPerMessage: config.commands.subscriptionMessageMax,
      concurrency: config.digest.concurrency,
      failures,
      sourceLabel: buildSourceLabeler(stores, config),
      liked,
    });
}

/** What the personal ranker gets when embeddings are on: cached vectors under the model, and the part's weight. */
export type RankingEmbeddings = Required<Pick<PersonalRankerDeps, 'embeddings' | 'embeddingWeight'>>;

/**
 * Optional embeddings (docs/adr/0015-embeddings.md): undefined unless EMBEDDINGS_BASE_URL and
 * EMBEDDINGS_MODEL are set. `embedNew` fills the cache (after each ingest; never throws);
 * `ranking` is what the personal ranker reads.
 */
export function buildEmbeddings(env: Env, config: Config, stores: Stores, log: Logger, now: () => Date = () => new Date()) {
  if (!env.EMBEDDINGS_BASE_URL || !env.EMBEDDINGS_MODEL) return undefined;
  const c = config.embeddings;
  const model = env.EMBEDDINGS_MODEL;
  const client = createEmbeddingsClient({
    baseUrl: env.EMBEDDINGS_BASE_URL,
    ...(env.EMBEDDINGS_API_KEY ? { apiKey: env.EMBEDDINGS_API_KEY } : {}),
    model,
    batchSize: c.batchSize,
    timeoutMs: c.timeoutSeconds * 1000,
    retries: c.retries,
  });
  const store = createEmbeddingStore(stores.db);
  const embedNew = createEmbedPapers(
    { docs: createRankDocReader(stores.db), store, client, log, now },
    { scan: c.scanPapers, maxPerRun: c.maxPerRun, batchSize: c.batchSize, deadlineMs: c.deadlineSeconds * 1000 },
  );
  const ranking: RankingEmbeddings = {
    embeddingWeight: c.weight,
    embeddings: {
      vectors(ids) {
        try {
          return store.vectors(model, ids);
        } catch (err) {
          log.warn({ err, model }, 'reading cached embeddings failed; ranking without them');
          return new Map();
        }
      },
    },
  };
  return {
    ranking,
    async embedNew() {
      try {
        return await embedNew();
      } catch (err) {
        log.warn({ err, model }, 'embedding papers failed');
        return undefined;
      }
    },
  };
}

/** After each ingest: prunes settled raw entries (`retention.rawEntryDays`); undefined when it is not set. */
export function buildRawEntryPrune(stores: Stores, config: Config, log: Logger, now: () => Date = () => new Date()) {
  const days = config.retention.rawEntryDays;
  if (days === undefined) return undefined;
  const store = createRetentionStore(stores.db);
  return async () => {
    try {
      const report = await pruneRawEntries(store, { days, now: now() });
      if (report.observations > 0) log.info(report, 'raw entries pruned');
      return report;
    } catch (err) {
      log.warn({ err }, 'pruning raw entries failed');
      return undefined;
    }
  };
}

/** The OpenAI-compatible client of LLM_BASE_URL and LLM_MODEL; undefined unless both are set. */
function llmClient(env: Env, config: Config, retries: number): ReturnType<typeof createLlmClient> | undefined {
  if (!env.LLM_BASE_URL || !env.LLM_MODEL) return undefined;
  return createLlmClient({
    baseUrl: env.LLM_BASE_URL,
    ...(env.LLM_API_KEY ? { apiKey: env.LLM_API_KEY } : {}),
    model: env.LLM_MODEL,
    timeoutMs: config.llm.timeoutSeconds * 1000,
    retries,
  });
}

/** The optional LLM summarizer: undefined unless LLM_BASE_URL and LLM_MODEL are set. */
export function buildSummarizer(env: Env, config: Config): Summarizer | undefined {
  const client = llmClient(env, config, config.llm.retries);
  if (!client || !env.LLM_MODEL) return undefined;
  const llm = createSummarizer({ client });
  const source = sourceName(env.LLM_MODEL, PROMPT_VERSION);
  return {
    source,
    summarize: async (paper, options) => (await llm.summarize(paper, options)).sections,
  };
}

/** Generates missing summaries for these locales (and papers) within the configured budget and deadline. */
export function buildSummaryGeneration(stores: Stores, config: Config, summarizer: Summarizer | undefined, log: Logger, now: () => Date = () => new Date()) {
  const store = createGeneratedSummaryStore(stores.db);
  return async (locales: string[], paperIds?: number[]) => {
    if (!summarizer || locales.length === 0) return undefined;
    return generateSummaries(
      { store, summarizer, log, now },
      {
        locales: [...new Set(locales)],
        ...(paperIds ? { paperIds } : {}),
        limit: config.llm.maxPapers,
        concurrency: config.llm.concurrency,
        dailyBudget: config.llm.dailyBudget,
        // A deadline is real time (the model's answers take real time), even under a test clock.
        deadline: new Date(Date.now() + config.llm.deadlineSeconds * 1000),
      },
    );
  };
}

/** This process as recorded on the deliveries it claims. */
export const PROCESS_OWNER = `${hostname()}:${process.pid}`;

/** A claim is abandoned when its process is gone: on this host, a pid that no longer runs; elsewhere, after a lease. */
export function isAbandoned(owner: string, claimedAt: string, now: Date, leaseMs = 10 * 60_000): boolean {
  const [host, pid] = [owner.slice(0, owner.lastIndexOf(':')), Number(owner.slice(owner.lastIndexOf(':') + 1))];
  if (owner === PROCESS_OWNER) return false;
  if (host === hostname() && Number.isInteger(pid)) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      return (err as { code?: string }).code === 'ESRCH';
    }
    return false;
  }
  return now.getTime() - new Date(claimedAt).getTime() > leaseMs;
}

/** arXiv listing dates without an announcement: the built-in table and the operator's `digest.arxivHolidays`. */
export function arxivHolidays(config: Config): ReadonlySet<string> {
  return new Set([...ARXIV_HOLIDAYS, ...config.digest.arxivHolidays]);
}

export interface DigestRunnerOptions {
  stores: Stores;
  config: Config;
  chat: ChatClients;
  log: Logger;
  ingest(): Promise<void>;
  /** Before planning due digests: write missing summaries in their languages (optional LLM). */
  prepare?: (channels: Channel[]) => Promise<unknown>;
  now?: () => Date;
  stopping?: () => boolean;
  metrics?: PipelineMetrics;
  /** Cached embeddings as one more ranking part for `order: relevance` channels (EMBEDDINGS_*); absent = off. */
  embeddings?: RankingEmbeddings;
}

export function buildDigestRunner(o: DigestRunnerOptions) {
  const now = o.now ?? (() => new Date());
  return createDigestRunner({
    channels: o.stores.channels,
    digests: o.stores.digests,
    outbox: o.stores.outbox,
    reader: o.stores.reader,
    sourceLabel: buildSourceLabeler(o.stores, o.config),
    rankChannel: buildChannelRanker(o.stores, o.embeddings),
    engagement: buildWeeklyEngagement(o.stores.db),
    log: o.log,
    owner: PROCESS_OWNER,
    isAbandoned: (owner, claimedAt) => isAbandoned(owner, claimedAt, now()),
    now,
    ...(o.stopping ? { stopping: o.stopping } : {}),
    posterFor: o.chat.posterFor,
    ingest: o.ingest,
    ...(o.prepare ? { prepare: o.prepare } : {}),
    catchUpHours: o.config.digest.catchUpHours,
    firstDigestLookbackHours: o.config.digest.firstDigestLookbackHours,
    arxivHolidays: arxivHolidays(o.config),
    sourceNames: sourceSpecs(o.config).map((s) => s.name),
    sourceStatus: o.stores.status,
    holds: o.stores.holds,
    concurrency: o.config.digest.concurrency,
    ...(o.metrics ? { metrics: o.metrics } : {}),
  });
}
