import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEntries } from '../../bench/generate.js';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { runCli, tempDb } from './run-cli.js';

/** A database whose 20 papers were last changed in 2024: settled for any period up to a year or so. */
function settledDb(): string {
  const file = tempDb();
  const db = openDatabase(file);
  createIngestStore(db).applyEntries('arxiv', 'arxiv-rss', generateEntries(1, 0, 20), '2024-10-30T10:00:00.000Z');
  db.close();
  return file;
}

describe('paperboy prune', () => {
  it('prunes with --days, reports what it saved and that the file shrinks only after VACUUM', async () => {
    const db = settledDb();
    const show = (await runCli(['show', '2401.00001', '--json', '--db', db])).stdout;
    const r = await runCli(['prune', '--days', '30', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pruned the raw entries of 20 papers unchanged for 30 days: 20 observations, payload [\d.]+ MB → [\d.]+ MB \([\d.]+ MB saved\)/);
    expect(r.stdout).toContain('VACUUM');
    expect((await runCli(['show', '2401.00001', '--json', '--db', db])).stdout).toBe(show);
    const again = JSON.parse((await runCli(['prune', '--days', '30', '--json', '--db', db])).stdout);
    expect(again).toMatchObject({ days: 30, papers: 0, observations: 0, bytesSaved: 0, vacuumNeeded: false });
  });

  it("takes the period from the config's retention.rawEntryDays", async () => {
    const db = settledDb();
    const config = join(dirname(db), 'paperboy.yaml');
    writeFileSync(config, 'retention:\n  rawEntryDays: 30\n');
    const r = await runCli(['prune', '--json', '--db', db], { PAPERBOY_CONFIG: config });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ days: 30, papers: 20, observations: 20, vacuumNeeded: true });
    expect(report.bytesSaved).toBe(report.bytesBefore - report.bytesAfter);
    expect(report.bytesSaved).toBeGreaterThan(0);
  });

  it('with --vacuum, gives the freed space back: the file shrinks', async () => {
    const db = settledDb();
    const r = await runCli(['prune', '--days', '30', '--vacuum', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ papers: 20, vacuumNeeded: false });
    expect(report.fileBytesAfter).toBeLessThan(report.fileBytesBefore);
    const text = await runCli(['prune', '--days', '30', '--vacuum', '--db', db]);
    expect(text.stdout).toMatch(/vacuumed: the file went from [\d.]+ MB to [\d.]+ MB/);
    expect(text.stdout).not.toContain('stop the bot');
  });

  it('exits 2 when neither --days nor the config gives a period', async () => {
    const db = settledDb();
    const config = join(dirname(db), 'paperboy.yaml');
    writeFileSync(config, 'timezone: UTC\n');
    for (const env of [{ PAPERBOY_CONFIG: config }, { PAPERBOY_CONFIG: join(dirname(db), 'missing.yaml') }]) {
      const r = await runCli(['prune', '--db', db], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no retention period: give --days N or set retention.rawEntryDays/);
    }
    expect((await runCli(['prune', '--days', 'soon', '--db', db])).code).toBe(2);
  });
});
