/**
 * Real `paperboy run` processes for the crash and shutdown tests: spawned with a config and an
 * environment pointing at the fakes, their JSON log lines collected, killed or stopped by signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

export interface BotProcess {
  proc: ChildProcess;
  /** Parsed JSON log lines from stderr so far. */
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `paperboy run` in `cwd` (no developer's .env is read there) with exactly this environment. */
export function spawnBot(cwd: string, env: Record<string, string>): BotProcess {
  const proc = spawn(process.execPath, [BIN, 'run'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let rest = '';
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, logs, exited };
}

export const isRunning = (b: BotProcess): boolean => b.proc.exitCode === null && b.proc.signalCode === null;

/** Polls `condition` until it holds; fails naming `what` (and the bot's last log lines) after `timeoutMs`, generous: a loaded machine starts a process in 10 s or more. */
export async function waitFor(condition: () => boolean, what: string, bot?: BotProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last logs: ${JSON.stringify(bot?.logs.slice(-5))}`);
    if (bot && !isRunning(bot)) throw new Error(`the bot exited (${bot.proc.exitCode}) before ${what}; last logs: ${JSON.stringify(bot.logs.slice(-5))}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const logged = (bot: BotProcess, msg: string) => (): boolean => bot.logs.some((l) => l.msg === msg);

/** Stops a bot with SIGTERM; how it exited and how long that took. */
export async function terminate(bot: BotProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  bot.proc.kill('SIGTERM');
  const exit = await bot.exited;
  return { ...exit, ms: Date.now() - started };
}

/** Kills whatever is still running (a test that failed half-way). */
export async function killAll(bots: BotProcess[]): Promise<void> {
  for (const b of bots) {
    if (isRunning(b)) b.proc.kill('SIGKILL');
    await b.exited;
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same kill points on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
