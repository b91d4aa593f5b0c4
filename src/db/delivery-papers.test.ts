import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { createDigestStore } from './digest-store.js';
import { createOutboxStore } from './outbox-store.js';

describe('the papers of a posted message', () => {
  it('are found from the platform message id once the message is sent, by index', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO channels (id, platform, channel, locale, time, timezone, added_at) VALUES (1, 'discord', '1', 'en', '09:00', 'UTC', 'x')").run();
    const digests = createDigestStore(db);
    const outbox = createOutboxStore(db);
    const id = digests.create({
      channelId: 1, localDate: '2024-10-30', slotAt: 'x', windowStart: 'x', windowEnd: 'x', state: 'planned', paperIds: [],
      deliveries: [{ key: 'k0', body: {} }, { key: 'k1', body: {}, threadParent: 0, paperIds: [42] }], now: 'x',
    })!;
    const [header, card] = digests.deliveries(id);
    expect(outbox.papersOfMessage('m-2')).toEqual([]);
    outbox.markSent(header!.id, 'm-1', 'x');
    outbox.markSent(card!.id, 'm-2', 'x');
    expect(outbox.papersOfMessage('m-2')).toEqual([42]);
    expect(outbox.papersOfMessage('m-1')).toEqual([]);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT paper_ids FROM deliveries WHERE message_id = 'm' AND state = 'sent'").all() as { detail: string }[]).map((r) => r.detail).join();
    expect(plan).toMatch(/deliveries_by_message/);
  });
});
