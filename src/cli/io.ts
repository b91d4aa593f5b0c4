import { setPriority } from 'node:os';
/** What a CLI command reads and writes, so tests can run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (for human-friendly output). */
  isTty: boolean;
  /** True when stderr is a terminal (a progress bar may be redrawn there). */
  errIsTty?: boolean;
  /** Writes to stderr as is, without a newline: for a progress line redrawn with `\r`. */
  progress?(text: string): void;
  /**
   * Lets other processes' CPU work go first for the rest of this process (nice 19), as the CLI
   * does for a backup beside a running bot. Absent where the CLI runs inside another program (a
   * test worker), whose priority an unprivileged process could never raise back.
   */
  yieldCpu?(): void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  env: process.env,
  isTty: process.stdout.isTTY === true,
  errIsTty: process.stderr.isTTY === true,
  progress: (t) => process.stderr.write(t),
  yieldCpu: () => {
    try {
      setPriority(19);
    } catch {
      // Not permitted (some containers): run at normal priority.
    }
  },
};

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
