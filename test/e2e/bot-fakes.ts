/**
 * The fakes a real `paperboy run` process talks to in the crash and shutdown tests (Discord, Slack,
 * a feed server), a temporary directory with its config and database, and the environment that
 * points the process at all of them. Everything is closed and removed when the test finishes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fakes/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFeedServer, type FeedServer, type Route } from '../fakes/feed-server.js';
import { killAll, type BotProcess } from './bot-process.js';

export interface BotFakes {
  dir: string;
  dbFile: string;
  configFile: string;
  discord: FakeDiscord;
  slack: FakeSlack;
  feeds: FeedServer;
  /** The bots spawned so far (killed when the test finishes). */
  bots: BotProcess[];
  /** The environment for `spawnBot`: the config, the database and both platforms' fakes. */
  env: Record<string, string>;
  /** Writes the config file the bot reads (an object, as YAML); returns the YAML. */
  writeConfig(config: Record<string, unknown>): string;
}

export async function startBotFakes(
  name: string,
  onTestFinished: TestContext['onTestFinished'],
  options: { discord?: FakeDiscordOptions; feeds: Record<string, Route> },
): Promise<BotFakes> {
  const dir = mkdtempSync(join(tmpdir(), `paperboy-${name}-`));
  const discord = await startFakeDiscord(options.discord);
  const slack = await startFakeSlack();
  const feeds = await startFeedServer(options.feeds);
  const dbFile = join(dir, 'paperboy.db');
  const configFile = join(dir, 'paperboy.yaml');
  const bots: BotProcess[] = [];
  onTestFinished(async () => {
    await killAll(bots);
    await Promise.all([discord.close(), slack.close(), feeds.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  const env = {
    PAPERBOY_CONFIG: configFile, PAPERBOY_DB: dbFile, LOG_LEVEL: 'info',
    DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: `${name}-signing-secret`, SLACK_API_URL: slack.apiUrl, SLACK_PORT: '0',
  };
  const writeConfig = (config: Record<string, unknown>): string => {
    const yaml = toYaml(config);
    writeFileSync(configFile, yaml);
    return yaml;
  };
  return { dir, dbFile, configFile, discord, slack, feeds, bots, env, writeConfig };
}
