/**
 * Generates benchmark entries in a worker thread, one batch ahead of the caller, so that
 * building a large database spends its time in applyEntries rather than in the generator
 * (the machine has a second core that the single SQLite writer does not use).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { SourceEntry } from '../src/core/types.js';
import { generateEntries } from './generate.js';

interface FeederData {
  role: 'entry-feeder';
  seed: number;
}
interface BatchRequest {
  start: number;
  count: number;
}

export interface EntryFeeder {
  /** Yields batches of entries for papers [from, to), `batch` at a time. */
  batches(from: number, to: number, batch: number): AsyncGenerator<{ start: number; entries: SourceEntry[] }>;
  close(): Promise<void>;
}

export function createEntryFeeder(seed: number): EntryFeeder {
  const data: FeederData = { role: 'entry-feeder', seed };
  // A worker does not run the parent's `--import tsx`: register tsx first, then load this file.
  const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(code, { eval: true, workerData: data });
  const pending: ((entries: SourceEntry[]) => void)[] = [];
  worker.on('message', (entries: SourceEntry[]) => pending.shift()?.(entries));
  worker.on('error', (err) => {
    throw err;
  });
  const request = (req: BatchRequest): Promise<SourceEntry[]> =>
    new Promise((resolve) => {
      pending.push(resolve);
      worker.postMessage(req);
    });

  return {
    async *batches(from, to, batch) {
      let next = from < to ? request({ start: from, count: Math.min(batch, to - from) }) : undefined;
      for (let start = from; start < to; start += batch) {
        const entries = await next!;
        const following = start + batch;
        next = following < to ? request({ start: following, count: Math.min(batch, to - following) }) : undefined;
        yield { start, entries };
      }
    },
    async close() {
      await worker.terminate();
    },
  };
}

const isFeeder = (d: unknown): d is FeederData => typeof d === 'object' && d !== null && (d as FeederData).role === 'entry-feeder';

if (!isMainThread && isFeeder(workerData)) {
  const { seed } = workerData;
  parentPort?.on('message', (req: BatchRequest) => {
    parentPort?.postMessage(generateEntries(seed, req.start, req.count));
  });
}
