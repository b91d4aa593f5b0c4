/** Small helpers shared by the benchmarks: timing, percentiles, tables, flags, files. */
import { rmSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module at `url` is the script node was started with. */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === url;
}

/** Value of `--name v` or `--name=v`. */
export function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

export function hasFlag(args: string[], name: string): boolean {
  return args.includes(`--${name}`);
}

/** "100000,1e6,1M" → [100000, 1000000, 1000000]. */
export function parseSizes(value: string | undefined, fallback: number[]): number[] {
  if (!value) return fallback;
  return value.split(',').map((s) => {
    const m = s.trim().match(/^([\d.e+]+)\s*([kKmM]?)$/);
    if (!m) throw new Error(`bad size: ${s}`);
    const n = Number(m[1]) * (m[2] === 'k' || m[2] === 'K' ? 1e3 : m[2] === 'm' || m[2] === 'M' ? 1e6 : 1);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`bad size: ${s}`);
    return n;
  });
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (samples: number[]): number => percentile(samples, 50);

/** Runs fn `warmup` times untimed, then up to `runs` times or until `budgetMs` is spent (at least `minRuns`). */
export function sample(fn: () => unknown, opts: { warmup: number; runs: number; minRuns: number; budgetMs: number }): number[] {
  for (let i = 0; i < opts.warmup; i++) fn();
  const out: number[] = [];
  const start = performance.now();
  while (out.length < opts.runs && (out.length < opts.minRuns || performance.now() - start < opts.budgetMs)) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Milliseconds with sensible precision. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v >= 1000) return v.toFixed(0);
  if (v >= 100) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

export function int(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

export function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  const r = a / b;
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

/** A Markdown table (readable in a terminal, pasteable into docs). */
export function table(header: string[], rows: string[][]): string {
  // CJK characters are two columns wide in a terminal.
  const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (s: string, i: number): string => s + ' '.repeat(Math.max(0, widths[i]! - width(s)));
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Removes a SQLite database file and its WAL/SHM companions. */
export function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}
