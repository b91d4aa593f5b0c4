/** Runs the CLI in-process with captured output, as a user's shell would see it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    env,
    isTty: false,
  });
  return { code, stdout, stderr };
}

export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'paperboy-cli-')), 'paperboy.db');
}

export const fixture = (rel: string): string => new URL(`../fixtures/${rel}`, import.meta.url).pathname;
