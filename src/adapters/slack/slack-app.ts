/**
 * The Bolt app: Socket Mode when an app-level token is set, otherwise the HTTP receiver with
 * request signature verification. Listeners (slash commands) are registered elsewhere.
 */
import type { AddressInfo } from 'node:net';
import { App, type webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { boltLevelOf, createBoltLogger } from './bolt-logger.js';
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
  const receiver = options.appToken ? { socketMode: true, appToken: options.appToken } : { signingSecret: options.signingSecret };
  return new App({
    token: options.botToken,
    ...receiver,
    port: options.port,
    logger: createBoltLogger(log),
    logLevel: boltLevelOf(log),
    clientOptions: slackClientOptions(options),
    deferInitialization: true,
  });
}

/**
 * Checks the bot token with auth.test (a bad one rejects here, with Slack's error code), then
 * starts receiving: Socket Mode connects out, HTTP listens on `port` (on `host`, all interfaces by
 * default). Resolves with the port the HTTP receiver bound.
 */
export async function startSlackApp(app: App, port: number, host?: string): Promise<{ port?: number }> {
  await app.init();
  const started: unknown = await app.start(host ? { port, host } : port);
  const address = typeof started === 'object' && started !== null && 'address' in started ? (started as { address(): unknown }).address() : undefined;
  return { port: (address as AddressInfo | undefined)?.port };
}

export async function stopSlackApp(app: App): Promise<void> {
  await app.stop();
}

/**
 * Whether the app can receive slash commands now: in Socket Mode, whether its WebSocket is open
 * (false while the client reconnects); over HTTP, whether the receiver is listening.
 */
export function slackConnected(app: App): boolean {
  // Bolt keeps its receiver private; both receivers expose what is read here at run time.
  const receiver = (app as unknown as { receiver?: { client?: { websocket?: { isActive(): boolean } }; server?: { listening: boolean } } }).receiver;
  if (receiver?.client) return receiver.client.websocket?.isActive() === true;
  return receiver?.server?.listening === true;
}
