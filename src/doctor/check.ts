/** One line of `paperboy doctor`: what was checked, how it went, and what to do about it. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  check: string;
  status: CheckStatus;
  /** What is wrong and how to fix it (the key and the fix), or what was found when it is fine. */
  detail: string;
}

export const ok = (check: string, detail: string): Check => ({ check, status: 'ok', detail });
export const warn = (check: string, detail: string): Check => ({ check, status: 'warn', detail });
export const fail = (check: string, detail: string): Check => ({ check, status: 'fail', detail });

export const anyFailed = (checks: Check[]): boolean => checks.some((c) => c.status === 'fail');

const LABEL: Record<CheckStatus, string> = { ok: 'ok', warn: 'warn', fail: 'FAIL' };

/** A plain table, one line per check: status, name, detail (FAIL in capitals so it stands out). */
export function formatChecks(checks: Check[]): string {
  const width = Math.max(0, ...checks.map((c) => c.check.length));
  const rows = checks.map((c) => `${LABEL[c.status].padEnd(4)}  ${c.check.padEnd(width)}  ${c.detail}`);
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return [...rows, '', `${count('fail')} failed, ${count('warn')} warnings, ${count('ok')} ok`].join('\n');
}

/** The `--json` document. */
export function checksJson(checks: Check[]): string {
  return JSON.stringify({ ok: !anyFailed(checks), checks });
}

/** Runs a check and turns an unexpected error into its FAIL line, so one broken check never stops the others. */
export async function guarded(check: string, fn: () => Promise<Check[]>): Promise<Check[]> {
  try {
    return await fn();
  } catch (err) {
    return [fail(check, `unexpected error: ${(err as Error)?.message ?? String(err)}`)];
  }
}
