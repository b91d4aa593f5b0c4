/**
 * vitest global setup: compiles the fake Discord's validators for the routes the bot calls once,
 * before the test workers start, so that no test waits seconds for ajv on its first request
 * (each worker then loads them from the cache; see discord-spec.ts).
 */
import { warmDiscordSpec } from './discord-spec.js';

export default function setup(): void {
  warmDiscordSpec();
}
