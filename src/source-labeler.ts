/**
 * The source labeler the composition root and the light CLI commands (`show`) share: apart from
 * main.ts so `show` loads no chat, feed or log library (test/cli/startup-imports.test.ts).
 */
import { sourceFactsOf, type Config } from './config.js';
import { sourceLabel, type SourceLabeler } from './core/source-label.js';
import type { Stores } from './open-stores.js';

/**
 * Human labels for stored sources: the config's `label` (read each time, so a config
 * change shows without a re-ingest), else a default from the config's and the last ingest's
 * facts (format, URL, the source's own title). Without a config, the stored facts alone.
 */
export function buildSourceLabeler(stores: Pick<Stores, 'sourceFacts'>, config?: Config): SourceLabeler {
  const configured = config ? sourceFactsOf(config) : new Map();
  return (source, loc) => sourceLabel(source, { ...stores.sourceFacts.get(source), ...configured.get(source) }, loc);
}
