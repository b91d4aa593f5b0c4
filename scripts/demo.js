#!/usr/bin/env node
// The whole pipeline offline: ingest the shipped examples, then status, search and show.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const db = 'data/demo.db';
rmSync(db, { force: true });
rmSync(`${db}-wal`, { force: true });
rmSync(`${db}-shm`, { force: true });
const env = { ...process.env, PAPERBOY_CONFIG: 'examples/demo.yaml', PAPERBOY_DB: db };
const steps = [
  ['ingest'],
  ['ingest'],
  ['status'],
  ['search', '검색'],
  ['search', '強化'],
  ['search', 'retrieval'],
  ['show', 'https://arxiv.org/abs/2410.21242v1'],
  ['digest', '--locale', 'ko', '--date', '2024-10-30'],
];
for (const args of steps) {
  console.log(`\n$ paperboy ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['bin/paperboy.js', ...args], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
