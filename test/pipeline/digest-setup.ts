/** A store with channels and papers on a simulated clock, for digest pipeline tests. */
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings, type ChannelSpec } from '../../src/core/channel.js';
import type { SourceEntry } from '../../src/core/types.js';
import { createChannelStore } from '../../src/db/channel-store.js';
import { createDigestHoldStore } from '../../src/db/digest-hold-store.js';
import { createDigestStore } from '../../src/db/digest-store.js';
import { createEngagementStore } from '../../src/db/engagement-store.js';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createOutboxStore } from '../../src/db/outbox-store.js';
import { createPaperReader } from '../../src/db/paper-reader.js';
import { createSourceStatusStore } from '../../src/db/source-status-store.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { createDigestRunner } from '../../src/pipeline/run-digests.js';
import { combineEngagement } from '../../src/pipeline/weekly-engagement.js';
import { createRecordingPoster } from '../fakes/recording-poster.js';

export function channelSpec(channel: string, over: Partial<ChannelSpec> = {}, settings: Partial<ChannelSettings> = {}): ChannelSpec {
  return { platform: 'discord', channel, locale: 'en', time: '09:00', timezone: 'Asia/Seoul', settings: { ...DEFAULT_CHANNEL_SETTINGS, ...settings }, ...over };
}

export function paper(n: number, votes = n, extra: Partial<SourceEntry> = {}): SourceEntry {
  const id = `2410.${String(20000 + n)}`;
  return {
    entryKey: `arxiv:${id}`,
    kind: 'paper',
    arxivId: id,
    title: `Paper number ${n} on retrieval`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: `Abstract of paper ${n}. It studies retrieval.`,
    categories: ['cs.CL'],
    votes,
    links: { arxiv: `https://arxiv.org/abs/${id}` },
    ...extra,
  };
}

export function setupDigests(file = ':memory:', startAt = '2024-10-29T12:00:00Z', prepare?: (channels: { locale: string }[]) => Promise<unknown>, log: Logger = silentLogger()) {
  const db = openDatabase(file);
  let now = new Date(startAt);
  const clock = {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
  const ingest = createIngestStore(db);
  const channels = createChannelStore(db);
  const digests = createDigestStore(db);
  const outbox = createOutboxStore(db);
  const reader = createPaperReader(db);
  const poster = createRecordingPoster();
  const status = createSourceStatusStore(db);
  const holds = createDigestHoldStore(db);
  const ingested: SourceEntry[][] = [];
  // The one source, 'arxiv': each ingest records its run as the real runner does; `failing` makes it fail to load.
  let failing = false;
  const counts = { entries: 0, new: 0, updated: 0, unchanged: 0, errors: [] };
  const recordRun = () =>
    status.record({ source: 'arxiv', at: clock.now().toISOString(), ...counts, ...(failing ? { failure: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' } : {}) });
  const apply = (entries: SourceEntry[]) => ingest.applyEntries('arxiv', 'arxiv-rss', entries, clock.now().toISOString());
  const runner = createDigestRunner({
    channels,
    digests,
    outbox,
    reader,
    log,
    owner: 'test-host:1',
    isAbandoned: (owner) => owner !== 'test-host:1',
    now: clock.now,
    posterFor: () => poster,
    ingest: async () => {
      recordRun();
      if (failing) return;
      for (const batch of ingested.splice(0)) apply(batch);
    },
    sourceNames: ['arxiv'],
    sourceStatus: status,
    holds,
    engagement: ((store) => combineEngagement({ votes: (channel, _ids, window) => store.votes(channel, window) }))(createEngagementStore(db)),
    catchUpHours: 6,
    firstDigestLookbackHours: 24,
    concurrency: 4,
    ...(prepare ? { prepare } : {}),
  });
  return {
    db,
    clock,
    channels,
    digests,
    outbox,
    poster,
    runner,
    /** Papers that the next ingest (run before a digest) will store, at the clock's time. */
    arrive: (...entries: SourceEntry[]) => ingested.push(entries),
    /** Stores papers now. */
    store: (...entries: SourceEntry[]) => {
      recordRun();
      return apply(entries);
    },
    status,
    holds,
    /** From now on the source fails to load (true) or loads again (false). */
    failSources: (value: boolean) => {
      failing = value;
    },
  };
}
