/**
 * The background step that fills the embeddings cache (after each ingest, when EMBEDDINGS_* is
 * set): the newest stored papers whose text has no vector under the configured model, or a vector
 * of an older text, are embedded, at most `maxPerRun` per run, batch by batch, each batch saved as
 * it arrives. A failing endpoint stops the run (the rest waits for the next one) and is logged
 * once until it recovers; ranking meanwhile uses what is cached (missing vectors count as average).
 */
import { createHash } from 'node:crypto';
import { embeddingText } from '../core/personal-ranking/embedding-part.js';
import type { RankCandidate } from '../core/personal-ranking/rank-day.js';
import type { EmbeddingStore } from '../db/embedding-store.js';
import type { EmbeddingsClient } from '../embeddings/embeddings-client.js';
import { createFailureLog, type Logger } from '../log.js';

export interface EmbedPapersDeps {
  docs: { newest(limit: number): RankCandidate[] };
  store: Pick<EmbeddingStore, 'hashes' | 'save'>;
  client: EmbeddingsClient;
  log: Logger;
  now(): Date;
}

export interface EmbedPapersOptions {
  /** Newest papers looked at per run. */
  scan: number;
  /** Papers embedded per run, at most. */
  maxPerRun: number;
  /** Texts per request (and per saved batch). */
  batchSize: number;
  /** How long one run may take, in ms. */
  deadlineMs: number;
}

export interface EmbedReport {
  model: string;
  /** Papers whose vector was missing or stale. */
  pending: number;
  embedded: number;
  /** The error that stopped the run, if one did. */
  failed?: string;
}

export const textHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export function createEmbedPapers(deps: EmbedPapersDeps, options: EmbedPapersOptions) {
  const model = deps.client.model;
  const failures = createFailureLog(deps.log, 'warn');

  return async function embedPapers(): Promise<EmbedReport> {
    const docs = deps.docs.newest(options.scan);
    const stored = deps.store.hashes(model, docs.map((d) => d.id));
    const stale = docs.flatMap((d) => {
      const text = embeddingText(d);
      const hash = textHash(text);
      return text && stored.get(d.id) !== hash ? [{ paperId: d.id, text, hash }] : [];
    });
    const todo = stale.slice(0, options.maxPerRun);
    const deadline = new Date(Date.now() + options.deadlineMs);
    let embedded = 0;
    try {
      for (let i = 0; i < todo.length; i += options.batchSize) {
        const batch = todo.slice(i, i + options.batchSize);
        const vectors = await deps.client.embed(batch.map((b) => b.text), { deadline });
        deps.store.save(model, batch.map((b, k) => ({ paperId: b.paperId, vector: vectors[k]!, textHash: b.hash })), deps.now().toISOString());
        embedded += batch.length;
      }
    } catch (err) {
      // Once until it recovers (the same error again is a debug line): an endpoint that is down stays down for many runs.
      failures.failed('embeddings', { model, pending: stale.length, embedded }, err, 'embedding papers failed; ranking goes on without the missing vectors');
      return { model, pending: stale.length, embedded, failed: err instanceof Error ? err.message : String(err) };
    }
    failures.succeeded('embeddings', { model }, 'embedding papers works again');
    return { model, pending: stale.length, embedded };
  };
}
