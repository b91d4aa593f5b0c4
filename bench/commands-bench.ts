/**
 * Slash-command latency inside the process over a stored corpus (default: the 1,000,000-paper
 * database search-bench.ts builds in bench/out/), and subscription matching time for 10,000
 * subscriptions against 1,000 new papers.
 *
 *   node --import tsx bench/commands-bench.ts [--db bench/out/search-1000000.db] [--runs 200]
 */
import { existsSync } from 'node:fs';
import type { CommandContext, CommandInput } from '../src/core/commands.js';
import { matchSubscriptions } from '../src/core/match-subscriptions.js';
import { parseTopic } from '../src/core/topic.js';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { buildCommandDeps, openStores } from '../src/main.js';
import { handleCommand } from '../src/pipeline/commands/handle-command.js';
import { flag, gc } from './bench-util.js';
import { createRng, generateEntries } from './generate.js';

const args = process.argv.slice(2);
const dbFile = flag(args, '--db') ?? 'bench/out/search-1000000.db';
const runs = Number(flag(args, '--runs') ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latency(name: string, fn: () => unknown): string {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `| ${name} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 99).toFixed(2)} | ${runs} |`;
}

function commandLatency(): void {
  if (!existsSync(dbFile)) {
    console.log(`no database at ${dbFile}: run \`node --import tsx bench/search-bench.ts --sizes 1000000\` first`);
    return;
  }
  const stores = openStores(dbFile);
  const papers = stores.reader.counts().papers;
  // `today` looks at the newest announced day: put the clock on it, as on a day the bot runs.
  const newestDay = (stores.db.prepare('SELECT max(announced_on) AS d FROM papers').get() as { d: string | null }).d ?? '2024-10-30';
  const deps = buildCommandDeps(stores, parseConfig('', 'bench'), () => new Date(`${newestDay}T12:00:00Z`));
  const ctx: CommandContext = { platform: 'discord', userId: '1', channelId: '2', canManageChannel: false, isDirect: false, platformLocale: 'ko' };
  const run = (input: CommandInput) => () => {
    const a = handleCommand(ctx, input, deps, silentLogger());
    if (a.error) throw new Error(`${input.command}: ${a.error}`);
    if (!a.cards?.length) throw new Error(`${input.command}: no papers in the answer`);
  };
  const someId = (stores.db.prepare('SELECT arxiv_id FROM papers WHERE arxiv_id IS NOT NULL ORDER BY id DESC LIMIT 1').get() as { arxiv_id: string }).arxiv_id;
  console.log(`\n## Command latency, ${papers.toLocaleString('en')} papers (${dbFile}; today = ${newestDay})\n`);
  console.log('| command | p50 ms | p99 ms | runs |\n|---|---|---|---|');
  for (const q of ['learning', 'hippocampus', '검색', '강화학습', '検索']) console.log(latency(`search ${q}`, run({ command: 'search', query: q })));
  console.log(latency(`show ${someId}`, run({ command: 'show', id: someId })));
  console.log(latency(`show https://arxiv.org/abs/${someId}v2`, run({ command: 'show', id: `https://arxiv.org/abs/${someId}v2` })));
  console.log(latency('today', run({ command: 'today' })));
  console.log(latency('today learning', run({ command: 'today', topic: 'learning' })));
  stores.close();
}

function matching(): void {
  const rng = createRng(7);
  const entries = generateEntries(11, 0, 1000);
  const papers = entries.map((e, i) => ({
    id: i + 1, title: e.title, abstract: e.abstract ?? null, categories: e.categories ?? [], authors: e.authors ?? [],
    votes: null, date: null, firstSeenAt: '2024-10-30T00:00:00Z',
    summaryText: (e.summaries ?? []).flatMap((s) => s.sections.map((x) => x.text)).join('\n'),
  }));
  const words = entries.flatMap((e) => (e.title.split(/\s+/) ?? []).filter((w) => w.length > 4)).slice(0, 3000);
  const cats = ['cs.CL', 'cs.AI', 'cs.LG', 'cs.RO', 'cs.CV', 'stat.ML'];
  const kinds = [
    () => words[Math.floor(rng() * words.length)]!,
    () => `"${words[Math.floor(rng() * words.length)]} ${words[Math.floor(rng() * words.length)]}"`,
    () => `cat:${cats[Math.floor(rng() * cats.length)]} ${words[Math.floor(rng() * words.length)]}`,
    () => ['강화학습', '검색', '로봇', '検索', '強化学習', 'ロボット'][Math.floor(rng() * 6)]!,
    () => `${words[Math.floor(rng() * words.length)]} -survey`,
  ];
  const subs = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, topic: parseTopic(kinds[i % kinds.length]!().replace(/[^\p{L}\p{N}\s":.-]/gu, '') || 'robot') }));
  gc();
  const times: number[] = [];
  let matches = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const result = matchSubscriptions(subs, papers);
    times.push(performance.now() - t);
    matches = [...result.values()].reduce((n, l) => n + l.length, 0);
  }
  times.sort((a, b) => a - b);
  console.log('\n## Subscription matching per ingest cycle\n');
  console.log('| subscriptions | new papers | matches | median ms | max ms | runs |\n|---|---|---|---|---|---|');
  console.log(`| 10,000 | 1,000 | ${matches.toLocaleString('en')} | ${times[2]!.toFixed(1)} | ${times[4]!.toFixed(1)} | 5 |`);
}

console.log(`# Command benchmarks\n\ndate: ${new Date().toISOString()}\ncommand: node --import tsx bench/commands-bench.ts ${args.join(' ')}`);
matching();
commandLatency();
