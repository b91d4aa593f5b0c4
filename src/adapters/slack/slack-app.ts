/**
 * The Bolt app: Socket Mode when an app-level token is set, otherwise the HTTP receiver with
 * request signature verification. Listeners (slash commands) are registered elsewhere.
 */
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { ConnectionTracker } from '../../core/connection-state.js';
import type { Logger } from '../../log.js';
import { boltLevelOf, createBoltLogger } from './bolt-logger.js';
import { watchHttpServer, watchSocketMode } from './slack-connection.js';
import { isRateLimitRetry } from './slack-errors.js';

export class SlackConfigError extends Error {
  override name = 'SlackConfigError';
}

export interface SlackAppOptions {
  /** xoxb- bot token. */
  botToken: string;
  /** xapp- app-level token; when set, the app connects out over Socket Mode. */
  appToken?: string;
  /** Required without an app token: the HTTP receiver rejects requests it cannot verify. */
  signingSecret?: string;
  /** Web API base, `https://slack.com/api/` by default; a fake's `http://127.0.0.1:PORT/api/` in tests. */
  apiUrl?: string;
  /** HTTP receiver port (ignored in Socket Mode). */
  port?: number;
  log: Logger;
  /** How many times a rate-limited call is retried after Slack's Retry-After; 5 by default, 0 or 1 in tests. */
  retries?: number;
  /** Give up on a Web API call after this long; web-api itself would wait forever. 30 s by default. */
  timeoutMs?: number;
  /**
   * Socket Mode: how long the client waits before reconnecting after a lost connection (times the
   * failed attempts in a row), which is also how long it waits for a pong. 5 s by default.
   */
  reconnectDelayMs?: number;
  /** Fed with the connection's state from the Socket Mode client's events (HTTP mode: by `startSlackApp`). */
  connection?: ConnectionTracker;
}

/**
 * Retries only calls Slack refused with a 429: web-api has already slept for Retry-After when it
 * asks to retry, so the retry goes at once. Anything else fails on the first attempt, because a
 * chat.postMessage retried after a 5xx or a dropped connection may post the message twice; the
 * caller decides, with findSent, whether it was posted.
 */
export function rateLimitRetries(retries: number): webApi.RetryOptions {
  const policy = {
    retries,
    factor: 1,
    minTimeout: 0,
    maxTimeout: 0,
    // p-retry's hook (web-api passes retryConfig to p-retry as is): throwing stops the retries.
    onFailedAttempt: (err: unknown) => {
      if (!isRateLimitRetry(err)) throw err;
    },
  };
  return policy;
}

export function slackClientOptions(options: Pick<SlackAppOptions, 'apiUrl' | 'retries' | 'timeoutMs'>): webApi.WebClientOptions {
  return {
    slackApiUrl: options.apiUrl ?? 'https://slack.com/api/',
    retryConfig: rateLimitRetries(options.retries ?? 5),
    timeout: options.timeoutMs ?? 30_000,
  };
}

/**
 * Builds the app without calling Slack. Bolt would otherwise call auth.test from the constructor
 * and leave a rejected promise nobody awaits when the token is bad; `startSlackApp` runs it instead.
 */
export function createSlackApp(options: SlackAppOptions): App {
  if (!options.appToken && !options.signingSecret) {
    throw new SlackConfigError(
      'SLACK_SIGNING_SECRET is required when SLACK_APP_TOKEN is not set: without Socket Mode Slack sends requests to our HTTP endpoint and their signatures must be verified',
    );
  }
  const log = options.log.child({ component: 'slack' });
  const logger = createBoltLogger(log);
  const logLevel = boltLevelOf(log);
  const clientOptions = slackClientOptions(options);
  const receiver = options.appToken ? socketModeReceiver(options, options.appToken, clientOptions, logger, logLevel) : undefined;
  return new App({
    token: options.botToken,
    ...(receiver ? { receiver } : { signingSecret: options.signingSecret }),
    port: options.port,
    logger,
    logLevel,
    clientOptions,
    deferInitialization: true,
  });
}

/**
 * Built here rather than by Bolt so that its client (a public field) can be watched and its
 * reconnect delay set. apps.connections.open keeps the Socket Mode client's own retry policy (it
 * is safe to repeat, and a failure there would end the reconnecting for good).
 */
function socketModeReceiver(
  options: SlackAppOptions,
  appToken: string,
  clientOptions: webApi.WebClientOptions,
  logger: ReturnType<typeof createBoltLogger>,
  logLevel: ReturnType<typeof boltLevelOf>,
): SocketModeReceiver {
  const { retryConfig: _ownRetries, ...connectionOptions } = clientOptions;
  const receiver = new SocketModeReceiver({
    appToken,
    logger,
    logLevel,
    clientPingTimeout: options.reconnectDelayMs ?? 5000,
    installerOptions: { clientOptions: connectionOptions },
  });
  if (options.connection) watchSocketMode(receiver.client, options.connection);
  return receiver;
}

/**
 * Checks the bot token with auth.test (a bad one rejects here, with Slack's error code), then
 * starts receiving: Socket Mode connects out, HTTP listens on `port` (on `host`, all interfaces by
 * default). Resolves with the port the HTTP receiver bound.
 */
export async function startSlackApp(app: App, port: number, host?: string, connection?: ConnectionTracker): Promise<{ port?: number }> {
  await app.init();
  const started: unknown = await app.start(host ? { port, host } : port);
  if (!(started instanceof Server)) return {};
  if (connection) watchHttpServer(started, connection);
  return { port: (started.address() as AddressInfo | null)?.port };
}

export async function stopSlackApp(app: App): Promise<void> {
  await app.stop();
}
