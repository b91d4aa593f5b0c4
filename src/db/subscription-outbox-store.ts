/**
 * Subscription messages in the outbox. A message is planned in one transaction with its
 * deliveries (the exact request bodies, sent like a digest's) and the papers it covers, which
 * are recorded as sent for their subscriptions and move their cursors. A message that cannot be
 * delivered (subscriber unreachable, given up) gives its papers back: the rows are removed and
 * each cursor goes back to where it was, so a later cycle (or a resumed subscription) has them.
 */
import type { Platform } from '../core/chat-poster.js';
import type { SubscriptionScope } from '../core/commands.js';
import type { DeliveryRow } from './digest-store.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

export type SubscriptionMessageState = 'planned' | 'sent' | 'failed' | 'paused';

export interface SubscriptionMessageRow {
  id: number;
  platform: Platform;
  scope: SubscriptionScope;
  target: string;
  conversation: string | null;
  state: SubscriptionMessageState;
  covers: string;
  created_at: string;
  finished_at: string | null;
  error: string | null;
}

/** What one message covers for one subscription, and that subscription's cursor before it. */
export interface Coverage {
  subscription: number;
  papers: number[];
  cursorBefore: string;
}

export interface PlannedSubscriptionMessage {
  platform: Platform;
  scope: SubscriptionScope;
  target: string;
  covers: Coverage[];
  deliveries: { key: string; body: unknown; threadParent?: number; paperIds?: number[] }[];
  /** The subscriptions' new cursor. */
  cursorAt: string;
  now: string;
}

export function createSubscriptionOutboxStore(db: Db) {
  const insertMessage = db.prepare(
    `INSERT INTO subscription_messages (platform, scope, target, conversation, state, covers, created_at)
     VALUES (@platform, @scope, @target, @conversation, 'planned', @covers, @now)`,
  );
  const insertDelivery = db.prepare(
    "INSERT INTO deliveries (subscription_message_id, seq, key, body, thread_parent, paper_ids, state) VALUES (?, ?, ?, ?, ?, ?, 'planned')",
  );
  const insertSent = db.prepare('INSERT OR IGNORE INTO subscription_papers (subscription_id, paper_id, matched_at) VALUES (?, ?, ?)');
  const advance = db.prepare('UPDATE subscriptions SET cursor_at = ? WHERE id = ?');
  const unsend = db.prepare('DELETE FROM subscription_papers WHERE subscription_id = ? AND paper_id = ?');
  const rewind = db.prepare('UPDATE subscriptions SET cursor_at = min(cursor_at, ?) WHERE id = ?');
  const byId = db.prepare<[number], SubscriptionMessageRow>('SELECT * FROM subscription_messages WHERE id = ?');
  const planned = db.prepare<[], SubscriptionMessageRow>("SELECT * FROM subscription_messages WHERE state = 'planned' ORDER BY id");
  const deliveriesOf = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE subscription_message_id = ? ORDER BY seq');
  const setConversation = db.prepare('UPDATE subscription_messages SET conversation = ? WHERE id = ? AND conversation IS NULL');
  const finish = db.prepare('UPDATE subscription_messages SET state = ?, finished_at = ?, error = ? WHERE id = ?');
  const directChannel = db.prepare<[string, string], { channel: string }>('SELECT channel FROM direct_channels WHERE platform = ? AND user_id = ?');
  const rememberDirect = db.prepare(
    'INSERT INTO direct_channels (platform, user_id, channel) VALUES (?, ?, ?) ON CONFLICT (platform, user_id) DO UPDATE SET channel = excluded.channel',
  );

  return {
    /** Writes the message, its deliveries and the papers it covers in one transaction; returns its id. */
    plan(m: PlannedSubscriptionMessage): number {
      return db.transaction(() => {
        const conversation = m.scope === 'channel' ? m.target : (directChannel.get(m.platform, m.target)?.channel ?? null);
        const info = insertMessage.run({ platform: m.platform, scope: m.scope, target: m.target, conversation, covers: JSON.stringify(m.covers), now: m.now });
        const id = Number(info.lastInsertRowid);
        m.deliveries.forEach((d, seq) => insertDelivery.run(id, seq, d.key, JSON.stringify(d.body), d.threadParent ?? null, d.paperIds ? JSON.stringify(d.paperIds) : null));
        for (const c of m.covers) {
          for (const paper of c.papers) insertSent.run(c.subscription, paper, m.now);
          advance.run(m.cursorAt, c.subscription);
        }
        return id;
      })();
    },
    get(id: number): SubscriptionMessageRow | undefined {
      return byId.get(id);
    },
    /** Messages planned and not finished (this cycle's, or left by a crash or a stop). */
    unfinished(): SubscriptionMessageRow[] {
      return planned.all();
    },
    deliveries(id: number): DeliveryRow[] {
      return deliveriesOf.all(id);
    },
    /**
     * Remembers the DM channel once opened: on the message, so a look-up after a crash searches the
     * conversation it went to, and for the user, so later messages need not open it again.
     */
    setConversation(id: number, conversation: string): void {
      db.transaction(() => {
        if (setConversation.run(conversation, id).changes === 0) return;
        const m = byId.get(id);
        if (m?.scope === 'me') rememberDirect.run(m.platform, m.target, conversation);
      })();
    },
    /** Finishes a message; one that did not reach its subscriber gives its papers back. */
    finish(id: number, state: Exclude<SubscriptionMessageState, 'planned'>, now: string, error?: string): void {
      db.transaction(() => {
        finish.run(state, now, error ?? null, id);
        if (state === 'sent') return;
        for (const c of parseJson<Coverage[]>(byId.get(id)?.covers ?? '[]', [])) {
          for (const paper of c.papers) unsend.run(c.subscription, paper);
          rewind.run(c.cursorBefore, c.subscription);
        }
      })();
    },
  };
}

export type SubscriptionOutboxStore = ReturnType<typeof createSubscriptionOutboxStore>;
