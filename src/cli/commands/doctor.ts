import { discordChecks } from '../../adapters/discord/doctor-checks.js';
import { slackChecks } from '../../adapters/slack/doctor-checks.js';
import { inspectDatabase } from '../../db/inspect-database.js';
import { anyFailed, checksJson, formatChecks } from '../../doctor/check.js';
import { runDoctor } from '../../doctor/run-checks.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type CliIo } from '../io.js';

export const DOCTOR_USAGE = 'paperboy doctor [--json] [--db FILE] [--offline]';

/**
 * Checks an installation and prints one line per check. Exit 0 when nothing failed (warnings
 * allowed), 1 when a check failed, 2 when the environment or the config file is invalid.
 */
export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { offline: { type: 'boolean' } }, false);
  const { checks, setupInvalid } = await runDoctor({
    env: io.env,
    ...(values.db !== undefined ? { dbFile: values.db } : {}),
    offline: values.offline === true,
    inspectDatabase,
    discord: discordChecks,
    slack: slackChecks,
  });
  io.out(values.json ? checksJson(checks) : formatChecks(checks));
  if (setupInvalid) return EXIT.usage;
  return anyFailed(checks) ? EXIT.failed : EXIT.ok;
}
