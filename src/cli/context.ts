import { loadConfig, loadEnv, type Config, type Env } from '../config.js';
import { openStores, type Stores } from '../open-stores.js';
import type { CliIo } from './io.js';

/** The database file: `--db`, else PAPERBOY_DB, else ./data/paperboy.db. */
export function dbPath(io: CliIo, flag: string | undefined): string {
  return flag ?? loadEnv(io.env).PAPERBOY_DB;
}

export function envOf(io: CliIo): Env {
  return loadEnv(io.env);
}

export function configOf(io: CliIo): Config {
  return loadConfig(envOf(io).PAPERBOY_CONFIG);
}

/** Opens the stores for the length of `fn`. */
export async function withStores<T>(io: CliIo, flag: string | undefined, fn: (s: Stores) => Promise<T> | T): Promise<T> {
  const stores = openStores(dbPath(io, flag));
  try {
    return await fn(stores);
  } finally {
    stores.close();
  }
}
