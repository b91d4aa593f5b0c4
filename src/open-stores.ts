/** The stores over one database file: what every CLI command and the bot open first (see main.ts). */
import { createBackfillStore } from './db/backfill-store.js';
import { createChannelStore } from './db/channel-store.js';
import { createDigestStore } from './db/digest-store.js';
import { createIngestStore } from './db/ingest-store.js';
import { openDatabase, type Db } from './db/open-database.js';
import { createOutboxStore } from './db/outbox-store.js';
import { createPaperReader } from './db/paper-reader.js';
import { createPaperSearch } from './db/paper-search.js';
import { createSourceStatusStore } from './db/source-status-store.js';
import { createSubscriptionStore } from './db/subscription-store.js';
import { createUserStore } from './db/user-store.js';

export function openStores(dbFile: string) {
  const db: Db = openDatabase(dbFile);
  return {
    db,
    ingest: createIngestStore(db),
    reader: createPaperReader(db),
    search: createPaperSearch(db),
    status: createSourceStatusStore(db),
    channels: createChannelStore(db),
    digests: createDigestStore(db),
    outbox: createOutboxStore(db),
    users: createUserStore(db),
    subscriptions: createSubscriptionStore(db),
    backfill: createBackfillStore(db),
    close: () => db.close(),
  };
}

export type Stores = ReturnType<typeof openStores>;
