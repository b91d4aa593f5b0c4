/** The chat lines `paperboy doctor` can judge without the network: which tokens are set, and how Slack reaches us. */
import type { Config, Env } from '../config.js';
import { fail, ok, warn, type Check } from './check.js';

export function noTokenCheck(env: Env): Check[] {
  if (env.DISCORD_TOKEN || env.SLACK_BOT_TOKEN) return [];
  return [warn('chat', 'no chat token: digests go to the console (set DISCORD_TOKEN or SLACK_BOT_TOKEN to post)')];
}

/** A configured channel whose platform has no token: its digests are printed, not posted. */
export function tokenlessChannels(env: Env, config: Config, platform: 'discord' | 'slack'): Check[] {
  const key = platform === 'discord' ? 'DISCORD_TOKEN' : 'SLACK_BOT_TOKEN';
  if (env[key]) return [];
  return config.channels
    .filter((c) => c.platform === platform)
    .map((c) => warn(`${platform} channel ${c.channel}`, `${key} is not set: this channel's digests go to the console`));
}

/** Bolt needs Socket Mode (an app-level token) or a signing secret to receive slash commands. */
export function slackReceiverCheck(env: Env): Check[] {
  if (!env.SLACK_BOT_TOKEN) return [];
  const name = 'slack receiver';
  if (env.SLACK_APP_TOKEN) {
    return env.SLACK_APP_TOKEN.startsWith('xapp-')
      ? [ok(name, 'Socket Mode (SLACK_APP_TOKEN)')]
      : [warn(name, 'SLACK_APP_TOKEN does not start with xapp-: use the App-Level Token from Basic Information → App-Level Tokens (connections:write)')];
  }
  if (env.SLACK_SIGNING_SECRET) return [ok(name, `HTTP receiver on port ${env.SLACK_PORT}, requests verified with SLACK_SIGNING_SECRET`)];
  return [fail(name, 'neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: slash commands cannot be received; set SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET')];
}

/** The health listener and Slack's HTTP receiver cannot share a port (the bot would fail to start). */
export function portClashCheck(env: Env, config: Config): Check[] {
  const slackHttp = env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN;
  if (!slackHttp || config.http.port === undefined || config.http.port === 0 || config.http.port !== env.SLACK_PORT) return [];
  return [fail('http.port', `${config.http.port} is also SLACK_PORT, where Slack's HTTP receiver listens: give one of them another port`)];
}
