/**
 * Which profile a CLI command means: `--channel ID` (a configured channel, or one added by
 * command, on its platform) or `--user PLATFORM:ID` (a person; their imported library follows
 * them in every server or workspace, `--workspace ID` names the one their clicks count in).
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import type { ProfileRef } from '../core/personal-ranking/profile-ref.js';
import type { Stores } from '../main.js';
import { envOf } from './context.js';
import { UsageError, type CliIo } from './io.js';

export interface TargetFlags {
  channel?: string | undefined;
  user?: string | undefined;
  workspace?: string | undefined;
}

export function profileTarget(flags: TargetFlags, io: CliIo, stores: Stores): ProfileRef {
  if ((flags.channel === undefined) === (flags.user === undefined)) throw new UsageError('name one profile: --channel ID or --user PLATFORM:ID');
  if (flags.user !== undefined) {
    const m = flags.user.match(/^(discord|slack):(\S+)$/);
    if (!m) throw new UsageError(`--user must be PLATFORM:ID (discord:123… or slack:U…), not "${flags.user}"`);
    return { kind: 'person', platform: m[1]!, workspace: flags.workspace ?? '', user: m[2]! };
  }
  const id = flags.channel!;
  const file = envOf(io).PAPERBOY_CONFIG;
  const configured = existsSync(file) ? loadConfig(file).channels.find((c) => c.channel === id) : undefined;
  const platform = configured?.platform ?? stores.channels.find(id)?.platform;
  if (!platform) throw new UsageError(`channel "${id}" is neither in ${file} (channels[].channel) nor added by command`);
  return { kind: 'channel', platform, channel: id };
}
