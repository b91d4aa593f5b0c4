import { loadConfig, loadEnv, type Config, type Env } from '../config.js';
import { openDatabase, type Db } from '../db/open-database.js';
import type { Stores } from '../open-stores.js';
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

/** Opens the stores for the length of `fn` (imported here, so a command using withDatabase loads none of them). */
export async function withStores<T>(io: CliIo, flag: string | undefined, fn: (s: Stores) => Promise<T> | T): Promise<T> {
  const file = dbPath(io, flag);
  const { openStores } = await import('../open-stores.js');
  const stores = openStores(file);
  try {
    return await fn(stores);
  } finally {
    stores.close();
  }
}

/** Opens the database alone for the length of `fn`: for a command that needs one or two stores (`show`). */
export async function withDatabase<T>(io: CliIo, flag: string | undefined, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = openDatabase(dbPath(io, flag));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
