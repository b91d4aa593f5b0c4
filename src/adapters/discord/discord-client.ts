/**
 * The discord.js client Paperboy runs: the Guilds intent (it posts and answers commands),
 * GuildMessageReactions and DirectMessageReactions (👍 / 👎 on its paper messages, in servers and
 * in the direct messages subscriptions send, are votes, reaction-votes.ts) and GuildMessages
 * (replies in discussion threads are counted for weekly digests, discuss-replies.ts, and
 * questions that mention it answered, discuss-questions.ts), none of them privileged; REST
 * pointed at `apiUrl` so tests can aim it at the fake, and discord.js's own debug/warn/error
 * output routed through our pino logger.
 */
import { Client, Events, GatewayIntentBits, Options, RESTEvents, Status } from 'discord.js';
import type { Logger } from '../../log.js';

export const DISCORD_API_URL = 'https://discord.com/api';
/**
 * What the gateway sends the bot; none is a privileged intent (no portal switch needed). Without
 * MessageContent a server message arrives with its text empty unless it mentions the bot, and a
 * mention (a question) is the only kind whose text is read (docs/adr/0020-discuss-threads.md).
 */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions, GatewayIntentBits.DirectMessageReactions, GatewayIntentBits.GuildMessages];

export interface DiscordClientOptions {
  /** Set for REST calls made before (or without) a gateway login. */
  token?: string;
  /** REST base, `…/api` (discord.js adds `/v10`). Defaults to Discord's. */
  apiUrl?: string;
  log: Logger;
  /**
   * `retries` covers 5xx and network errors only (429s are always waited out and retried);
   * `timeout` is per attempt, in ms. discord.js defaults: 3 retries, 15 s.
   */
  rest?: { retries?: number; timeout?: number };
}

export function createDiscordClient({ token, apiUrl = DISCORD_API_URL, log, rest = {} }: DiscordClientOptions): Client {
  // shards: 'auto' takes the shard count Discord recommends (GET /gateway/bot), so past 2,500 guilds
  // the one process runs several shards; see README "Scaling".
  // Messages are read from the raw dispatch (discuss-replies.ts, discuss-questions.ts): none is kept in discord.js's cache.
  const makeCache = Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 });
  const client = new Client({ intents: DISCORD_INTENTS, makeCache, shards: 'auto', rest: { api: apiUrl, ...rest } });
  if (token) {
    // discord.js would otherwise fall back to process.env.DISCORD_TOKEN; config.ts owns the environment.
    client.token = token;
    client.rest.setToken(token);
  }
  client.on(Events.Debug, (detail) => log.debug({ detail }, 'discord.js debug'));
  client.on(Events.Warn, (detail) => log.warn({ detail }, 'discord.js warning'));
  // Without a listener an 'error' event would throw and end the process.
  client.on(Events.Error, (err) => log.error({ err }, 'discord.js error'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.info({ route: info.route, retryAfter: info.retryAfter, global: info.global, scope: info.scope }, 'discord rate limited'),
  );
  return client;
}

export type DiscordLoginFailure = 'invalid_token' | 'timeout';

export class DiscordLoginError extends Error {
  override name = 'DiscordLoginError';
  readonly reason: DiscordLoginFailure;
  constructor(reason: DiscordLoginFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * Logs in and resolves once the client is ready (READY received, guilds known). Rejects with
 * DiscordLoginError: 'invalid_token' when Discord refuses the token, 'timeout' when the gateway
 * does not get ready within `timeoutMs`; the client is destroyed in both cases so no socket or
 * reconnect timer outlives the failure. Other errors (network) are rethrown as they come.
 */
export async function loginDiscord(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, (onReady = () => resolve())));
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DiscordLoginError('timeout', `Discord gateway not ready after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const login = client.login(token);
  login.catch(() => undefined); // settled below or abandoned on timeout; never unhandled
  try {
    await Promise.race([login.then(() => ready), timeout]);
  } catch (err) {
    await client.destroy();
    if (err instanceof DiscordLoginError) throw err;
    if (isTokenInvalid(err)) throw new DiscordLoginError('invalid_token', 'Discord rejected the bot token (401)', { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
    if (onReady) client.off(Events.ClientReady, onReady);
  }
}

function isTokenInvalid(err: unknown): boolean {
  // discord.js turns the 401 from GET /gateway/bot into a DiscordjsError with code 'TokenInvalid'.
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'TokenInvalid';
}

/** True while the gateway session is ready (false before login, while reconnecting, after destroy). */
export function discordConnected(client: Client): boolean {
  return client.isReady() && client.ws.status === Status.Ready;
}
