/** Subscriptions (topic and "liked", docs/adr/0018) and the papers already sent for each. */
import type { Platform } from '../core/chat-poster.js';
import type { SubscriptionKind, SubscriptionScope } from '../core/commands.js';
import type { Candidate } from '../core/select-papers.js';
import { CANDIDATE_COLUMNS, toCandidate, type CandidateRow } from './candidate-rows.js';
import type { Db } from './open-database.js';

export interface Subscription {
  id: number;
  platform: Platform;
  scope: SubscriptionScope;
  target: string;
  guild: string | null;
  topic: string;
  topicJson: string;
  locale: string;
  createdBy: string;
  createdAt: string;
  cursorAt: string;
  pausedReason: string | null;
  /** 'topic' (matched by its topic) or 'liked' (ranked by a relevance profile). */
  kind: SubscriptionKind;
  /** A liked subscription's most papers per local day; null for topics. */
  dailyCap: number | null;
}

interface Row {
  id: number;
  platform: Platform;
  scope: SubscriptionScope;
  target: string;
  guild: string | null;
  topic: string;
  topic_json: string;
  locale: string;
  created_by: string;
  created_at: string;
  cursor_at: string;
  paused_reason: string | null;
  kind: SubscriptionKind;
  daily_cap: number | null;
}

const toSub = (r: Row): Subscription => ({
  id: r.id,
  platform: r.platform,
  scope: r.scope,
  target: r.target,
  guild: r.guild,
  topic: r.topic,
  topicJson: r.topic_json,
  locale: r.locale,
  createdBy: r.created_by,
  createdAt: r.created_at,
  cursorAt: r.cursor_at,
  pausedReason: r.paused_reason,
  kind: r.kind,
  dailyCap: r.daily_cap,
});

export interface NewSubscription {
  platform: Platform;
  scope: SubscriptionScope;
  target: string;
  guild?: string;
  topic: string;
  topicJson: string;
  locale: string;
  createdBy: string;
  now: string;
  /** Default 'topic'. */
  kind?: SubscriptionKind;
  dailyCap?: number;
}

interface PaperRow extends CandidateRow {
  summary_text: string | null;
}

export function createSubscriptionStore(db: Db) {
  const newPapers = db.prepare<[string, string], PaperRow>(
    `SELECT ${CANDIDATE_COLUMNS},
            (SELECT group_concat(s.sections, char(10)) FROM summaries s WHERE s.paper_id = p.id) AS summary_text
     FROM papers p WHERE p.first_seen_at > ? AND p.first_seen_at <= ? ORDER BY p.id`,
  );
  const insert = db.prepare(
    `INSERT INTO subscriptions (platform, scope, target, guild, topic, topic_json, locale, created_by, created_at, cursor_at, kind, daily_cap)
     VALUES (@platform, @scope, @target, @guild, @topic, @topicJson, @locale, @createdBy, @now, @now, @kind, @dailyCap)
     ON CONFLICT (platform, scope, target, topic) DO NOTHING`,
  );
  const ofTarget = db.prepare<[string, string, string], Row>(
    'SELECT * FROM subscriptions WHERE platform = ? AND scope = ? AND target = ? ORDER BY id',
  );
  const active = db.prepare<[], Row>('SELECT * FROM subscriptions WHERE paused_reason IS NULL ORDER BY id');
  const remove = db.prepare('DELETE FROM subscriptions WHERE id = ?');
  const count = db.prepare<[string, string, string], { n: number }>(
    'SELECT count(*) AS n FROM subscriptions WHERE platform = ? AND scope = ? AND target = ?',
  );
  const pause = db.prepare('UPDATE subscriptions SET paused_reason = ?, paused_at = ? WHERE platform = ? AND scope = ? AND target = ?');
  const advance = db.prepare('UPDATE subscriptions SET cursor_at = ? WHERE id = ?');
  const sentBefore = db.prepare<[number, number], { x: number }>('SELECT 1 AS x FROM subscription_papers WHERE subscription_id = ? AND paper_id = ?');
  const recordSent = db.prepare('INSERT OR IGNORE INTO subscription_papers (subscription_id, paper_id, matched_at) VALUES (?, ?, ?)');
  const sentSince = db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM subscription_papers WHERE subscription_id = ? AND matched_at >= ?');
  const setCap = db.prepare('UPDATE subscriptions SET daily_cap = ? WHERE id = ?');
  const directGuilds = db.prepare<[number, string, string], { guild: string }>(
    `SELECT DISTINCT s.guild FROM subscriptions s JOIN subscription_papers sp ON sp.subscription_id = s.id AND sp.paper_id = ?
     WHERE s.platform = ? AND s.scope = 'me' AND s.target = ? AND s.guild IS NOT NULL AND s.guild <> ''`,
  );

  // The guilds of the subscriptions a sent message covered with this paper (covers: [{subscription, papers}]).
  const messageGuilds = db.prepare<[string, string, string, number], { guild: string }>(
    `SELECT DISTINCT s.guild FROM deliveries d
     JOIN subscription_messages m ON m.id = d.subscription_message_id AND m.platform = ? AND m.scope = 'me' AND m.target = ?
     JOIN json_each(m.covers) c
     JOIN subscriptions s ON s.id = json_extract(c.value, '$.subscription')
     WHERE d.message_id = ? AND s.guild IS NOT NULL AND s.guild <> ''
       AND EXISTS (SELECT 1 FROM json_each(c.value, '$.papers') p WHERE p.value = ?)`,
  );

  return {
    /** Papers first stored in (since, until], with what topic matching reads. */
    newPapers(since: string, until: string): (Candidate & { authors: string[] })[] {
      return newPapers.all(since, until).map((r) => ({
        ...toCandidate(r),
        // The sections' JSON is matched as text: its keys are English words no topic looks for.
        summaryText: r.summary_text ?? '',
      }));
    },
    /** Papers already sent for a subscription, among these. */
    alreadySent(id: number, paperIds: number[]): Set<number> {
      return new Set(paperIds.filter((p) => sentBefore.get(id, p) !== undefined));
    },
    /** The servers (workspaces) whose personal subscriptions of this user sent them this paper by direct message. */
    directGuildsOf(platform: Platform, user: string, paperId: number): string[] {
      return directGuilds.all(paperId, platform, user).map((r) => r.guild);
    },
    /** The servers whose personal subscriptions of this user had `messageId` (a direct message) carry this paper. */
    directGuildsOfMessage(platform: Platform, user: string, messageId: string, paperId: number): string[] {
      return messageGuilds.all(platform, user, messageId, paperId).map((r) => r.guild);
    },
    /** Adds a subscription; undefined if the same topic already exists for that target. */
    add(s: NewSubscription): number | undefined {
      const info = insert.run({ ...s, guild: s.guild ?? null, kind: s.kind ?? 'topic', dailyCap: s.dailyCap ?? null });
      return info.changes === 1 ? Number(info.lastInsertRowid) : undefined;
    },
    list(platform: Platform, scope: SubscriptionScope, target: string): Subscription[] {
      return ofTarget.all(platform, scope, target).map(toSub);
    },
    count(platform: Platform, scope: SubscriptionScope, target: string): number {
      return count.get(platform, scope, target)?.n ?? 0;
    },
    /** Papers planned for a subscription at or after `since` (ISO): what its daily cap counts. */
    sentSince(id: number, since: string): number {
      return sentSince.get(id, since)?.n ?? 0;
    },
    setDailyCap(id: number, cap: number): void {
      setCap.run(cap, id);
    },
    /** Moves cursors past a cycle whose papers these subscriptions were not sent (a liked subscription ranks each paper once). */
    advanceCursors(ids: number[], cursorAt: string): void {
      db.transaction(() => {
        for (const id of ids) advance.run(cursorAt, id);
      })();
    },
    remove(id: number): void {
      remove.run(id);
    },
    active(): Subscription[] {
      return active.all().map(toSub);
    },
    /** Pauses every subscription delivered to a target (a user who blocks DMs, a channel the bot left). */
    pauseTarget(platform: Platform, scope: SubscriptionScope, target: string, reason: string, now: string): void {
      pause.run(reason, now, platform, scope, target);
    },
    /** Records matched papers (ignoring ones already sent) and moves the cursor, in one transaction; returns the new ones. */
    recordMatches(id: number, paperIds: number[], cursorAt: string, now: string): number[] {
      return db.transaction(() => {
        const fresh = paperIds.filter((p) => recordSent.run(id, p, now).changes === 1);
        advance.run(cursorAt, id);
        return fresh;
      })();
    },
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;
