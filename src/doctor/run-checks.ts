/**
 * `paperboy doctor`: every check of an installation, in a fixed order — environment and config,
 * database, sources, Discord, Slack. Nothing is created, migrated or stored. The platform checks
 * and the database inspection are injected (the chat SDKs and the SQLite driver stay in their
 * layers); each check catches its own errors, and the network checks run side by side.
 */
import type { Config, Env } from '../config.js';
import type { DatabaseReport } from '../db/inspect-database.js';
import { guarded, warn, type Check } from './check.js';
import { noTokenCheck, portClashCheck, slackReceiverCheck, tokenlessChannels } from './chat-checks.js';
import { loadSetup } from './config-checks.js';
import { connectionChecks } from './connection-checks.js';
import { databaseChecks } from './database-checks.js';
import { sourceChecks } from './source-checks.js';

export type DiscordProbe = (o: { token: string; apiUrl: string; channels: { channel: string; layout: 'digest' | 'thread' }[] }) => Promise<Check[]>;
export type SlackProbe = (o: { token: string; apiUrl: string; channels: string[] }) => Promise<Check[]>;

export interface DoctorDeps {
  env: NodeJS.ProcessEnv;
  /** `--db`, else PAPERBOY_DB. */
  dbFile?: string;
  /** Skip sources by URL, tokens and channels. */
  offline: boolean;
  inspectDatabase(file: string): DatabaseReport;
  discord: DiscordProbe;
  slack: SlackProbe;
  fetch?: typeof fetch;
  /** The clock recorded connection states are judged by. */
  now?: () => Date;
}

export interface DoctorResult {
  checks: Check[];
  /** The environment or the config file is invalid (exit 2); nothing past them was checked. */
  setupInvalid: boolean;
}

function discordLines(env: Env, config: Config, deps: DoctorDeps): Promise<Check[]> {
  if (!env.DISCORD_TOKEN) return Promise.resolve(tokenlessChannels(env, config, 'discord'));
  const channels = config.channels.filter((c) => c.platform === 'discord').map((c) => ({ channel: c.channel, layout: c.layout }));
  return guarded('discord token', () => deps.discord({ token: env.DISCORD_TOKEN!, apiUrl: env.DISCORD_API_URL, channels }));
}

async function slackLines(env: Env, config: Config, deps: DoctorDeps): Promise<Check[]> {
  if (!env.SLACK_BOT_TOKEN) return tokenlessChannels(env, config, 'slack');
  const channels = config.channels.filter((c) => c.platform === 'slack').map((c) => c.channel);
  const [token, ...rest] = await guarded('slack token', () => deps.slack({ token: env.SLACK_BOT_TOKEN!, apiUrl: env.SLACK_API_URL, channels }));
  return [...(token ? [token] : []), ...slackReceiverCheck(env), ...rest];
}

function skippedOffline(env: Env, config: Config): Check[] {
  const skipped = [
    ...(config.sources.some((s) => s.enabled && s.url) ? ['sources by URL'] : []),
    ...(env.DISCORD_TOKEN ? ['the Discord token and channels'] : []),
    ...(env.SLACK_BOT_TOKEN ? ['the Slack token and channels'] : []),
  ];
  return skipped.length ? [warn('network', `not checked (--offline): ${skipped.join(', ')}`)] : [];
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorResult> {
  const setup = loadSetup(deps.env);
  const { env, config } = setup;
  if (!env || !config) return { checks: setup.checks, setupInvalid: true };

  const dbFile = deps.dbFile ?? env.PAPERBOY_DB;
  let report: DatabaseReport;
  try {
    report = deps.inspectDatabase(dbFile);
  } catch (err) {
    report = { state: 'unreadable', error: (err as Error)?.message ?? String(err) };
  }
  const health = report.state === 'open' ? report.sources : new Map();
  const offline = deps.offline;
  const [sources, discord, slack] = await Promise.all([
    guarded('sources', () => sourceChecks(config, { offline, health, ...(deps.fetch ? { fetch: deps.fetch } : {}) })),
    offline ? Promise.resolve(tokenlessChannels(env, config, 'discord')) : discordLines(env, config, deps),
    offline ? Promise.resolve([...tokenlessChannels(env, config, 'slack'), ...slackReceiverCheck(env)]) : slackLines(env, config, deps),
  ]);
  const checks = [
    ...setup.checks,
    ...databaseChecks(dbFile, report),
    ...sources,
    ...portClashCheck(env, config),
    ...noTokenCheck(env),
    ...discord,
    ...slack,
    ...(report.state === 'open' ? connectionChecks(report.connections, (deps.now ?? (() => new Date()))()) : []),
    ...(offline ? skippedOffline(env, config) : []),
  ];
  return { checks, setupInvalid: false };
}
