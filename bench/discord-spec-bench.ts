/**
 * What checking request bodies against Discord's OpenAPI spec costs the fake Discord
 * (test/fakes/discord-spec.ts), side by side in one run:
 * - the first request per route in a fresh process: compiling (empty validator cache) vs loading
 *   the cached standalone validators, each in its own child process with its own temp folder;
 * - each request afterwards: validating a 10-embed digest message vs the JSON parse the fake
 *   already did for it (the baseline).
 *
 *   node --import tsx bench/discord-spec-bench.ts [--runs 2000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOT_OPERATIONS, checkRequest } from '../test/fakes/discord-spec.js';
import { flag } from './bench-util.js';

const args = process.argv.slice(2);
const CHILD = '--child';

/** In a child: the time of the first checked request on each of the bot's routes, as JSON. */
function firstRequests(): void {
  const started = performance.now();
  const routes = BOT_OPERATIONS.map(([method, template]) => {
    const t = performance.now();
    checkRequest(method, template.replace(/\{\w+\}/g, '1200000000000000001'), method === 'PUT' ? [] : {});
    return performance.now() - t;
  });
  console.log(JSON.stringify({ total: performance.now() - started, routes }));
}

function child(tmp: string): { total: number; routes: number[] } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD], { env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { total: number; routes: number[] };
}

const digest = {
  content: '**Papers of Wednesday 30 October 2024** (10)', nonce: 'pb1-2024-10-30-1', enforce_nonce: true, allowed_mentions: { parse: [] },
  embeds: Array.from({ length: 10 }, (_, i) => ({
    title: `A paper title that is about as long as the usual one, number ${i}`, url: `https://arxiv.org/abs/2410.2${String(i).padStart(4, '0')}`,
    description: 'An abstract summary of a few sentences. '.repeat(8), color: 0x5865f2, timestamp: '2024-10-30T08:00:00.000Z',
    fields: [{ name: 'Authors', value: 'Kim, Lee, Park, Tanaka', inline: true }, { name: 'Votes', value: '42', inline: true }], footer: { text: 'arXiv cs.AI' },
  })),
};

function perRequest(runs: number): { validate: number; parse: number } {
  const text = JSON.stringify(digest);
  const time = (fn: () => unknown): number => {
    for (let i = 0; i < 100; i++) fn();
    const t = performance.now();
    for (let i = 0; i < runs; i++) fn();
    return ((performance.now() - t) / runs) * 1000;
  };
  const parse = time(() => JSON.parse(text));
  const validate = time(() => {
    if (checkRequest('POST', '/channels/1200000000000000001/messages', digest).kind !== 'ok') throw new Error('the digest should be valid');
  });
  return { validate, parse };
}

if (args.includes(CHILD)) firstRequests();
else {
  const tmp = mkdtempSync(join(tmpdir(), 'paperboy-spec-bench-'));
  try {
    const cold = child(tmp);
    const warm = child(tmp);
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    console.log(`first request on each of the bot's ${BOT_OPERATIONS.length} routes, fresh process:`);
    console.log(`  compile (no cache):  ${ms(cold.total)}  [${cold.routes.map(ms).join(', ')}]`);
    console.log(`  cached validators:   ${ms(warm.total)}  [${warm.routes.map(ms).join(', ')}]`);
    console.log(`  ratio compile / cached: ${(cold.total / warm.total).toFixed(1)}`);
    const { validate, parse } = perRequest(Number(flag(args, 'runs') ?? 2000));
    console.log(`per request, 10-embed digest message (${JSON.stringify(digest).length} bytes):`);
    console.log(`  JSON.parse (baseline): ${parse.toFixed(1)} µs   spec check: ${validate.toFixed(1)} µs   ratio: ${(validate / parse).toFixed(1)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
