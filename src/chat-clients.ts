/**
 * Composition of the chat platforms: a discord.js client and a Bolt app when their tokens are
 * set, and the console poster for every platform that has none (so `npm start` on a fresh
 * clone shows the digests it would post).
 */
import type { App } from '@slack/bolt';
import type { Client } from 'discord.js';
import { createConsolePoster } from './adapters/console/console-poster.js';
import { createDiscordClient, discordConnected, loginDiscord } from './adapters/discord/discord-client.js';
import { createDiscordPoster } from './adapters/discord/discord-poster.js';
import { createSlackApp, startSlackApp, stopSlackApp } from './adapters/slack/slack-app.js';
import { createSlackPoster } from './adapters/slack/slack-poster.js';
import type { Env } from './config.js';
import type { Channel } from './core/channel.js';
import type { ChatPoster, Platform } from './core/chat-poster.js';
import { createConnectionTracker, type ConnectionStatus, type ConnectionTracker } from './core/connection-state.js';
import type { Logger } from './log.js';

export interface ChatClients {
  discord?: Client;
  slack?: App;
  posters: Partial<Record<Platform, ChatPoster>>;
  console: ChatPoster;
  posterFor(channel: Channel): ChatPoster;
  /** For each platform with a token: is its connection up now (gateway ready, Socket Mode open, HTTP listening)? */
  connections(): Partial<Record<Platform, boolean>>;
  /** The platforms whose client reports its state (Slack): the state and since when it has held. */
  connectionStates(): Partial<Record<Platform, ConnectionStatus>>;
  /** Called on every change of a tracked connection's state. */
  onConnectionChange(listener: (platform: Platform, status: ConnectionStatus) => void): void;
  /** Connects what needs a connection (Discord gateway, Slack receiver). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChatOptions {
  /** Connect the Discord gateway and start the Slack receiver (the bot); REST only otherwise (CLI). */
  connect: boolean;
  /** Slack pacing per channel, ms. */
  slackMinIntervalMs?: number;
  write?: (text: string) => void;
  /** Socket Mode reconnect delay (config `slack.reconnectDelaySeconds`), ms. */
  slackReconnectDelayMs?: number;
  /** The clock connection states are timed with. */
  now?: () => Date;
}

export function createChatClients(env: Env, log: Logger, options: ChatOptions): ChatClients {
  const consolePoster = createConsolePoster(options.write);
  const posters: Partial<Record<Platform, ChatPoster>> = {};
  let discord: Client | undefined;
  let slack: App | undefined;
  let slackConnection: ConnectionTracker | undefined;
  if (env.DISCORD_TOKEN) {
    discord = createDiscordClient({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, log: log.child({ component: 'discord' }) });
    posters.discord = createDiscordPoster(discord, log.child({ component: 'discord' }));
  }
  if (env.SLACK_BOT_TOKEN) {
    slackConnection = createConnectionTracker(options.now ?? (() => new Date()));
    slack = createSlackApp({
      botToken: env.SLACK_BOT_TOKEN,
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      apiUrl: env.SLACK_API_URL,
      log,
      connection: slackConnection,
      ...(options.slackReconnectDelayMs !== undefined ? { reconnectDelayMs: options.slackReconnectDelayMs } : {}),
    });
    posters.slack = createSlackPoster(slack.client, log.child({ component: 'slack' }), {
      ...(options.slackMinIntervalMs !== undefined ? { minIntervalMs: options.slackMinIntervalMs } : {}),
    });
  }
  return {
    ...(discord ? { discord } : {}),
    ...(slack ? { slack } : {}),
    posters,
    console: consolePoster,
    posterFor: (channel) => posters[channel.platform] ?? consolePoster,
    connections: () => ({
      ...(discord ? { discord: discordConnected(discord) } : {}),
      ...(slackConnection ? { slack: slackConnection.connected() } : {}),
    }),
    connectionStates: () => (slackConnection ? { slack: slackConnection.status() } : {}),
    onConnectionChange(listener) {
      slackConnection?.onChange((status) => listener('slack', status));
    },
    async start() {
      if (!options.connect) return;
      if (discord && env.DISCORD_TOKEN) await loginDiscord(discord, env.DISCORD_TOKEN, 30_000);
      if (slack) await startSlackApp(slack, env.SLACK_PORT, undefined, slackConnection);
      log.info({ discord: !!discord, slack: !!slack, console: !discord || !slack }, 'chat platforms ready');
    },
    async stop() {
      if (discord) await discord.destroy();
      if (slack && options.connect) await stopSlackApp(slack).catch(() => undefined);
    },
  };
}
