/** The stores over one database file: what every CLI command and the bot open first (see main.ts). */
import { createBackfillStore } from './db/backfill-store.js';
import { createChannelStore } from './db/channel-store.js';
import { createDigestHoldStore } from './db/digest-hold-store.js';
import { createDigestStore } from './db/digest-store.js';
import { createDiscussStore } from './db/discuss-store.js';
import { createIngestStore } from './db/ingest-store.js';
import { createOutboxStore } from './db/outbox-store.js';
import { createPaperReader } from './db/paper-reader.js';
import { createPaperSearch } from './db/paper-search.js';
import { createSourceFactsStore } from './db/source-facts-store.js';
import { createSourceStatusStore } from './db/source-status-store.js';
import { createSubscriptionOutboxStore } from './db/subscription-outbox-store.js';
import { createSubscriptionStore } from './db/subscription-store.js';
import { createUserStore } from './db/user-store.js';
import { openDatabase, type Db } from './db/open-database.js';

export function openStores(dbFile: string) {
  const db: Db = openDatabase(dbFile);
  return {
    db,
    ingest: createIngestStore(db),
    reader: createPaperReader(db),
    search: createPaperSearch(db),
    status: createSourceStatusStore(db),
    sourceFacts: createSourceFactsStore(db),
    channels: createChannelStore(db),
    digests: createDigestStore(db),
    holds: createDigestHoldStore(db),
    outbox: createOutboxStore(db),
    users: createUserStore(db),
    subscriptions: createSubscriptionStore(db),
    subscriptionOutbox: createSubscriptionOutboxStore(db),
    backfill: createBackfillStore(db),
    discuss: createDiscussStore(db),
    close: () => db.close(),
  };
}

export type Stores = ReturnType<typeof openStores>;
