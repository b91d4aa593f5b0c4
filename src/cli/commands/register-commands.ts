import { Routes } from 'discord.js';
import { createDiscordClient } from '../../adapters/discord/discord-client.js';
import { COMMANDS } from '../../adapters/discord/commands/command-data.js';
import { createLogger } from '../../log.js';
import { parseCommandArgs } from '../args.js';
import { envOf } from '../context.js';
import { EXIT, UsageError, type CliIo } from '../io.js';

export const REGISTER_USAGE = 'paperboy register-commands [--guild ID]';

/**
 * Registers the slash commands with one bulk overwrite (PUT): for one guild with --guild, where
 * changes show at once (development), or globally. Commands no longer declared are removed.
 */
export async function registerCommandsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { guild: { type: 'string' } }, false);
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) throw new UsageError(`--guild must be a guild ID (17–20 digits), not "${values.guild}"`);
  const env = envOf(io);
  const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((k) => !env[k]);
  if (missing.length) {
    io.err(`paperboy: register-commands needs ${missing.join(' and ')} in the environment`);
    return EXIT.usage;
  }
  const appId = env.DISCORD_APPLICATION_ID!;
  const client = createDiscordClient({ token: env.DISCORD_TOKEN!, apiUrl: env.DISCORD_API_URL, log: createLogger(env.LOG_LEVEL, { format: env.LOG_FORMAT }), rest: { retries: 1 } });
  try {
    const route = values.guild ? Routes.applicationGuildCommands(appId, values.guild) : Routes.applicationCommands(appId);
    const registered = (await client.rest.put(route, { body: COMMANDS })) as { name: string }[];
    const where = values.guild ? `guild ${values.guild}` : 'globally';
    if (values.json) io.out(JSON.stringify({ where: values.guild ?? 'global', commands: registered.map((c) => c.name) }));
    else io.out(`registered ${registered.length} command(s) ${where}: ${registered.map((c) => `/${c.name}`).join(', ')}`);
    return EXIT.ok;
  } finally {
    await client.destroy();
  }
}
