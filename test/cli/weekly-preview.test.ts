/**
 * `paperboy digest --channel ID --week YYYY-Www --json`: the weekly digest a channel would get,
 * ranked by its 👍, sent nowhere; a week that is not an ISO week is a usage error (exit 2).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoWeekOf, WEEKDAYS } from '../../src/core/iso-week.js';
import { fixture, runCli, tempDb } from './run-cli.js';

const CHANNEL = '123456789012345678';

/** A weekly channel whose slot is tomorrow at 00:00 UTC, so papers stored now are in that week. */
function setup() {
  const db = tempDb();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const weekday = WEEKDAYS[(new Date(`${tomorrow}T00:00:00Z`).getUTCDay() + 6) % 7];
  const config = join(dirname(db), 'paperboy.yaml');
  writeFileSync(config, `channels:\n  - platform: discord\n    channel: "${CHANNEL}"\n    locale: ko\n    timezone: UTC\n    cadence: weekly\n    weekly: { weekday: ${weekday}, time: "00:00" }\n`);
  return { db, env: { PAPERBOY_CONFIG: config }, week: isoWeekOf(tomorrow), tomorrow };
}

describe('paperboy digest --week', () => {
  it('previews the channel’s weekly digest with the liked paper first and its counts, posting nothing', async () => {
    const { db, env, week, tomorrow } = setup();
    await runCli(['ingest', fixture('arxiv/cs.AI.rss.xml'), '--db', db], env);
    const before = JSON.parse((await runCli(['digest', '--channel', CHANNEL, '--week', week, '--json', '--db', db], env)).stdout);
    expect(before.papers.length).toBeGreaterThan(2);
    const liked = before.papers.at(-1) as string;
    expect((await runCli(['feedback', '--channel', CHANNEL, liked, 'up', '--db', db], env)).code).toBe(0);
    const r = await runCli(['digest', '--channel', CHANNEL, '--week', week, '--json', '--db', db], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ platform: 'discord', locale: 'ko', week, date: tomorrow, total: before.papers.length });
    expect(out.papers[0]).toBe(liked);
    expect(out.engagement[0]).toEqual({ paper: liked, likes: 1, dislikes: 0, saves: 0, replies: 0 });
    expect(out.engagement.slice(1).every((e: { likes: number }) => e.likes === 0)).toBe(true);
    expect(JSON.stringify(out.messages)).toContain('👍 1개');
    expect(JSON.stringify(out.messages[0])).toContain('이번 주의 논문');
    // Nothing was planned or sent.
    const status = JSON.parse((await runCli(['status', '--json', '--db', db], env)).stdout);
    expect(JSON.stringify(status)).not.toContain(week);
  });

  it('refuses a week that is not an ISO week, or --week with --date, with a usage error', async () => {
    const { db, env } = setup();
    const run = (...args: string[]) => runCli(['digest', '--channel', CHANNEL, ...args, '--db', db], env);
    const w53 = await run('--week', '2024-W53');
    expect([w53.code, w53.stderr.trim()]).toEqual([2, expect.stringContaining('--week "2024-W53": 2024 has weeks W01 to W52')]);
    const bad = await run('--week', '2024-44');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('not an ISO week YYYY-Www (e.g. 2024-W44)')]);
    expect((await run('--week', '2020-W53', '--json')).code).toBe(0);
    expect((await run('--week', '2024-W44', '--date', '2024-10-30')).code).toBe(2);
  });
});
