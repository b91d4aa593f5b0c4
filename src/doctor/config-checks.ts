/**
 * The first lines of `paperboy doctor`: the environment and the config file, every problem on
 * its own line (the problems already name their key), so one run shows everything to fix.
 */
import { ConfigError, loadConfig, loadEnv, type Config, type Env } from '../config.js';
import { fail, ok, type Check } from './check.js';

export interface LoadedSetup {
  checks: Check[];
  env?: Env;
  config?: Config;
}

const DEFAULT_CONFIG = 'config/paperboy.yaml';

function problems(check: string, err: unknown, fix: string): Check[] {
  if (!(err instanceof ConfigError)) return [fail(check, `cannot be read: ${(err as Error)?.message ?? String(err)}`)];
  return err.problems.map((p) => fail(check, `${err.file}: ${p}${fix}`));
}

/** Both are checked even when one is invalid, so every problem shows at once. */
export function loadSetup(rawEnv: NodeJS.ProcessEnv): LoadedSetup {
  const checks: Check[] = [];
  let env: Env | undefined;
  let config: Config | undefined;
  try {
    env = loadEnv(rawEnv);
    checks.push(ok('environment', 'valid'));
  } catch (err) {
    checks.push(...problems('environment', err, ' (fix it in .env or the environment)'));
  }
  const file = env?.PAPERBOY_CONFIG ?? (rawEnv.PAPERBOY_CONFIG || DEFAULT_CONFIG);
  try {
    config = loadConfig(file);
    const enabled = config.sources.filter((s) => s.enabled).length;
    checks.push(ok('config', `${file}: ${enabled} enabled source(s), ${config.channels.length} channel(s)`));
  } catch (err) {
    checks.push(...problems('config', err, ''));
  }
  return { checks, ...(env ? { env } : {}), ...(config ? { config } : {}) };
}
