/**
 * `paperboy backup FILE`: an online copy taken while another process keeps writing opens,
 * passes its integrity check and is one consistent snapshot of the source.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDb } from './run-cli.js';
import { eventually } from '../helpers/eventually.js';

const WRITER = new URL('../helpers/db-writer.ts', import.meta.url).pathname;

/**
 * A batch of 50 papers every 20 ms at most, and 400 batches (20,000 papers) in all: commits land
 * during the copies, and the database stays small. Unpaced and unbounded (hundreds of batches a
 * second) it grew by ~10,000 papers a second; on a loaded machine each copy, integrity check and
 * comparison of the whole file took longer than the last, and the test ran past its timeout
 * (twice in CI on Node 24), its leftover work then stalling the next tests of the file.
 */
function startWriter(db: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, db, '20', '400'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let batches = 0;
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (batches = Number(/batch (\d+) \d+\n$/.exec(d.toString())?.[1] ?? batches)));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    batches: () => batches,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

interface Report {
  file: string;
  papers: number;
  schemaVersion: number;
}

/** The copy opens, passes integrity_check, and holds whole transactions only, equal to the source's rows up to its newest. */
function checkSnapshot(sourceFile: string, target: string, report: Report, batchesBefore: number): void {
  const copy = new Database(target, { readonly: true });
  const one = <T>(sql: string) => copy.prepare(sql).pluck().get() as T;
  expect(one<string>('PRAGMA integrity_check')).toBe('ok');
  expect(one<number>('PRAGMA user_version')).toBe(report.schemaVersion);
  const papers = one<number>('SELECT count(*) FROM papers');
  expect(report.papers).toBe(papers);
  // Every written paper came with its observation and its search entry, in whole batches of 50.
  expect(one<number>('SELECT count(*) FROM paper_search')).toBe(papers);
  const written = one<number>("SELECT count(*) FROM observations WHERE source = 'writer'");
  expect(written % 50).toBe(0);
  expect(written / 50).toBeGreaterThanOrEqual(batchesBefore);
  expect(one<number>('SELECT count(*) FROM papers p WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.paper_id = p.id)')).toBe(0);
  const source = new Database(sourceFile, { readonly: true });
  const rows = 'SELECT id, key, title, abstract FROM papers WHERE id <= ? ORDER BY id';
  const newest = one<number>('SELECT max(id) FROM papers');
  expect(source.prepare(rows).all(newest)).toEqual(copy.prepare(rows).all(newest));
  source.close();
  copy.close();
}

describe('paperboy backup', () => {
  it('copies a database while another process writes to it: the copy opens, checks and is one snapshot', async () => {
    const db = tempDb();
    expect((await runCli(['ingest', fixture('hf/daily_papers-2024-10-30.json'), '--db', db])).code).toBe(0);
    const writer = startWriter(db);
    try {
      await eventually(() => writer.batches() >= 20, 'the writer to commit 20 batches');
      // A copy takes milliseconds; take copies until one was made while the writer committed.
      let overlapped = 0;
      for (let attempt = 1; attempt <= 10 && overlapped < 2; attempt++) {
        const before = writer.batches();
        const target = join(dirname(db), `copy-${attempt}.db`);
        const r = await runCli(['backup', target, '--db', db, '--json']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        if (writer.batches() > before) overlapped++;
        checkSnapshot(db, target, JSON.parse(r.stdout) as Report, before);
      }
      expect(overlapped, 'copies taken while the writer committed').toBeGreaterThan(0);
      expect(readdirSync(dirname(db)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    } finally {
      await writer.stop();
    }
    expect(writer.stderr()).toBe('');
  }, 180_000);

  it('restores as the README says: the copy in place of the database, and Paperboy reads it as before', async () => {
    const db = tempDb();
    expect((await runCli(['ingest', fixture('hf/daily_papers-2024-10-30.json'), '--db', db])).code).toBe(0);
    const status = (await runCli(['status', '--json', '--db', db])).stdout;
    const show = (await runCli(['show', '2410.21465', '--json', '--db', db])).stdout;
    const copy = join(dirname(db), 'backup.db');
    expect((await runCli(['backup', copy, '--db', db])).code).toBe(0);
    // The bot is stopped; the database and its -wal/-shm files are moved away; the copy takes their place.
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) renameSync(db + suffix, `${db}${suffix}.old`);
    renameSync(copy, db);
    expect((await runCli(['status', '--json', '--db', db])).stdout).toBe(status);
    expect((await runCli(['show', '2410.21465', '--json', '--db', db])).stdout).toBe(show);
    expect((await runCli(['ingest', fixture('hf/daily_papers-2024-10-30.json'), '--db', db, '--json'])).code).toBe(0);
  });

  it('refuses to overwrite a file unless told to, and reports a missing database', async () => {
    const db = tempDb();
    await runCli(['ingest', fixture('hf/daily_papers-2024-10-30.json'), '--db', db]);
    const target = join(dirname(db), 'exists.db');
    writeFileSync(target, 'keep me');
    const refused = await runCli(['backup', target, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists; choose a new file name or pass --force');
    const forced = await runCli(['backup', target, '--db', db, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/written to .*exists\.db: .* MB, schema v\d+, \d+ papers, 0 articles, integrity ok/);

    const missing = await runCli(['backup', join(dirname(db), 'x.db'), '--db', join(dirname(db), 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no database at');
    expect(existsSync(join(dirname(db), 'none.db'))).toBe(false);
    expect((await runCli(['backup', '--db', db])).code).toBe(2);
  });
});
