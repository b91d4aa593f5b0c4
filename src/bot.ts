/**
 * The long-running bot (`npm start`): ingest on its schedule, a digest clock every minute, the
 * chat clients connected. stop() finishes the message in flight, then closes everything.
 */
import { createChatClients, type ChatClients } from './chat-clients.js';
import type { Config, Env } from './config.js';
import { latestSlot } from './core/zoned-time.js';
import type { Logger } from './log.js';
import { attachInteractionHandler } from './adapters/discord/commands/interaction-handler.js';
import { attachReactionVotes } from './adapters/discord/reaction-votes.js';
import { attachDiscussQuestions } from './adapters/discord/discuss-questions.js';
import { attachDiscussReplies } from './adapters/discord/discuss-replies.js';
import { registerSlackCommands } from './adapters/slack/commands/register-commands.js';
import { hasDaily, nextDigest, type Channel } from './core/channel.js';
import { arxivHolidays, buildChannelRanker, buildCommandDeps, buildQuestionAnswerer, buildEmbeddings, buildDigestRunner, buildSourceLabeler, PROCESS_OWNER, buildRawEntryPrune, buildSummarizer, buildSummaryGeneration, buildIngestRunner, buildSubscriptionDelivery, channelSpecs, openStores, sourceSpecs } from './main.js';
import { digestContext, previewDigest, windowStartFor } from './pipeline/plan-digest.js';
import { checkSources } from './pipeline/source-reads.js';
import { scheduleDigests } from './scheduler/digest-job.js';
import { scheduleIngest } from './scheduler/ingest-job.js';
import { createConnectionStore } from './db/connection-store.js';
import { createHealthStore } from './db/health-store.js';
import { startConnectionRecorder } from './observability/connection-recorder.js';
import { healthReport } from './observability/health-report.js';
import { startHttpListener, type HttpListener } from './observability/http-listener.js';
import { createPrometheusMetrics } from './observability/prometheus-metrics.js';

export interface BotOptions {
  env: Env;
  config: Config;
  dbFile: string;
  log: Logger;
  /** Injected clock (tests drive days with it). */
  now?: () => Date;
  /** Start the cron jobs (tests call tick() themselves). */
  schedule?: boolean;
  write?: (text: string) => void;
}

export async function startBot(o: BotOptions) {
  const now = o.now ?? (() => new Date());
  const stores = openStores(o.dbFile);
  stores.channels.syncFromConfig(channelSpecs(o.config), now().toISOString());
  // Questions in discussion threads need an LLM; replies in them are counted either way.
  const questions = buildQuestionAnswerer(o.env, o.config, stores, o.log, now);
  const chat = createChatClients(o.env, o.log, { connect: true, now, slackReconnectDelayMs: o.config.slack.reconnectDelaySeconds * 1000, ...(o.write ? { write: o.write } : {}) });
  // Connection states go to the database too, for `paperboy status` and `doctor` (other processes).
  const connections = startConnectionRecorder({ chat, store: createConnectionStore(stores.db), log: o.log, now });
  let stopping = false;
  let ready = false;
  const health = createHealthStore(stores.db);
  const prometheus = o.config.http.port !== undefined ? createPrometheusMetrics({ health, status: stores.status, connections: chat.connections }) : undefined;
  const metrics = prometheus?.metrics;
  const ingestRunner = buildIngestRunner(stores, o.config, o.log, now, metrics);
  const embeddings = buildEmbeddings(o.env, o.config, stores, o.log, now);
  const deliverSubscriptions = buildSubscriptionDelivery(stores, o.config, chat, o.log, now, () => stopping, embeddings?.ranking);
  const summarize = buildSummaryGeneration(stores, o.config, buildSummarizer(o.env, o.config), o.log, now);
  // Subscribers get their messages in their language: write what is missing first (within the deadline).
  const deliverSubs = async () => {
    await summarize(stores.subscriptions.active().map((s) => s.locale)).catch((err: unknown) => o.log.warn({ err }, 'summaries for subscriptions failed'));
    return deliverSubscriptions();
  };
  const prune = buildRawEntryPrune(stores, o.config, o.log, now);
  // Then, with retention.rawEntryDays set, settled raw entries are pruned (in batches; never throws),
  // and with EMBEDDINGS_* set, new papers are embedded for ranking (bounded per run; never throws).
  const afterIngest = async () => {
    try {
      return await deliverSubs();
    } finally {
      await prune?.();
      await embeddings?.embedNew();
    }
  };
  const ingestJob = scheduleIngest(ingestRunner, sourceSpecs(o.config), o.config.ingest.schedule, o.config.timezone, o.log, o.schedule !== false, afterIngest);
  const prepare = async (channels: Channel[]) => {
    const report = await summarize(channels.map((c) => c.locale));
    if (report) o.log.info(report, 'summaries generated before digests');
  };
  const digestRunner = buildDigestRunner({ stores, config: o.config, chat, log: o.log, ingest: ingestJob.runNow, prepare, now, stopping: () => stopping, ...(metrics ? { metrics } : {}), ...(embeddings ? { embeddings: embeddings.ranking } : {}) });
  const digestJob = scheduleDigests(digestRunner, o.log, o.schedule !== false);
  const commandDeps = { ...buildCommandDeps(stores, o.config, now, metrics, embeddings?.ranking), discuss: { store: stores.discuss, questions: questions !== undefined } };
  if (chat.slack) registerSlackCommands(chat.slack, commandDeps, o.log.child({ component: 'slack-commands' }), { admins: o.config.commands.slackAdmins, outbox: stores.outbox, ...(questions ? { questions } : {}) });
  if (chat.discord) attachInteractionHandler(chat.discord, commandDeps, o.log.child({ component: 'discord-commands' }));
  if (chat.discord) attachDiscussReplies(chat.discord, stores.discuss, now, o.log.child({ component: 'discord-discuss' }));
  if (chat.discord && questions) attachDiscussQuestions(chat.discord, questions, o.log.child({ component: 'discord-discuss' }));
  if (chat.discord) attachReactionVotes(chat.discord, (id) => stores.outbox.papersOfMessage(id), commandDeps, o.log.child({ component: 'discord-reactions' }));
  let listener: HttpListener | undefined;
  try {
    // Listening before the chat clients connect lets a supervisor see "starting" (503) rather than nothing.
    if (prometheus && o.config.http.port !== undefined) {
      const startedAt = new Date();
      const report = () =>
        healthReport({ ready: () => ready && !stopping, health, connections: chat.connections, connectionStates: chat.connectionStates, sources: sourceSpecs(o.config).length, maxIngestAgeMs: o.config.http.maxIngestAgeHours * 3_600_000, heldDigests: () => heldPhrases(stores), startedAt, now });
      listener = await startHttpListener({ port: o.config.http.port, host: o.config.http.host, health: report, metrics: prometheus, log: o.log });
    }
    await chat.start();
  } catch (err) {
    await Promise.all([ingestJob.stop(), digestJob.stop()]);
    await chat.stop();
    await listener?.close();
    connections.stop();
    stores.close();
    throw err;
  }
  ready = true;
  logSchedule(stores, chat, o.log, now());
  return {
    stores,
    chat,
    /** The port of the /healthz and /metrics listener, when `http.port` is set. */
    httpPort: listener?.port,
    tick: () => digestRunner.tick(),
    ingest: ingestJob.runNow,
    /** Console mode: print what each channel's next digest would hold right now. */
    preview: () => printPreviews(stores, chat, now(), o.config),
    /**
     * Stops claiming new deliveries, lets the sends in flight finish for up to
     * `shutdown.graceSeconds`, gives back to the outbox what is still waiting, then closes
     * everything. Resolves `{ timedOut }`: whether the grace period ran out.
     */
    async stop(): Promise<{ timedOut: boolean }> {
      stopping = true;
      const settled = (async () => {
        await Promise.all([ingestJob.stop(), digestJob.stop()]);
        // Wait for a pass in flight (it sends no further message once stopping); start none.
        await digestRunner.idle();
      })();
      const timedOut = !(await withinGrace(settled, o.config.shutdown.graceSeconds * 1000));
      if (timedOut) {
        // Nothing awaits between this and close(): a late answer cannot be marked half-way.
        const released = stores.outbox.releaseOwned(PROCESS_OWNER, 'released at shutdown');
        o.log.warn({ released, graceSeconds: o.config.shutdown.graceSeconds }, 'shutdown grace period over; sends in flight released to the outbox');
      }
      await chat.stop();
      await listener?.close();
      connections.stop();
      stores.close();
      return { timedOut };
    },
  };
}

/** Whether `work` settles within `ms` (its failure counts as settled: it was logged where it happened). */
async function withinGrace(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true as const, () => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

export type Bot = Awaited<ReturnType<typeof startBot>>;

/** /healthz reasons: each digest not posted because its channel's sources failed. */
function heldPhrases(stores: ReturnType<typeof openStores>): string[] {
  return stores.holds
    .active()
    .map((h) => `digest ${h.localDate} for ${h.platform}:${h.channel} ${h.state === 'held' ? 'held' : 'waiting'}: sources failed: ${h.sources.join(', ')}`);
}

function logSchedule(stores: ReturnType<typeof openStores>, chat: ChatClients, log: Logger, now: Date): void {
  for (const c of stores.channels.list()) {
    const next = nextDigest(c, now);
    const via = chat.posters[c.platform] ? c.platform : 'console (no token)';
    log.info({ channel: c.channel, platform: c.platform, via, next: next.at.toISOString(), localDate: next.date, ...(next.kind === 'weekly' ? { kind: 'weekly' } : {}) }, 'digest scheduled');
  }
}

function printPreviews(stores: ReturnType<typeof openStores>, chat: ChatClients, now: Date, config: Config): void {
  const deps = { digests: stores.digests, reader: stores.reader, firstDigestLookbackHours: config.digest.firstDigestLookbackHours, arxivHolidays: arxivHolidays(config), sourceLabel: buildSourceLabeler(stores, config), rankChannel: buildChannelRanker(stores) };
  const reads = { sourceNames: sourceSpecs(config).map((s) => s.name), sourceStatus: stores.status };
  // The next daily digest of each channel that has one (`paperboy digest --week` previews a weekly one).
  for (const c of stores.channels.list().filter(hasDaily)) {
    const target = `${c.platform}:${c.channel} (preview)`;
    const start = windowStartFor(c, stores.digests, deps.firstDigestLookbackHours);
    const check = checkSources(reads, c, start);
    if (check.nothingRead) {
      // The channel would get nothing: its digest waits for the sources, then is held.
      const text = `no digest: none of this channel's sources could be read (${check.unread.join(', ')}: ${check.reason}); the bot retries within digest.catchUpHours, then holds the digest`;
      void chat.console.send(target, { body: { text } }, { key: 'preview' });
      continue;
    }
    const candidates = stores.digests.candidates(c.id, start, now.toISOString(), c.settings.sources, c.settings.keywords.length > 0);
    const date = latestSlot(now, c.time, c.timezone).date;
    const context = digestContext(deps, c, candidates.length, { start, end: now.toISOString() }, check.unread);
    const preview = previewDigest(c, candidates, date, chat.console, stores.reader, context);
    for (const m of preview.messages) void chat.console.send(target, m, { key: 'preview' });
  }
}
