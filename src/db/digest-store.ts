/**
 * Digests and their outbox. A digest is planned in one transaction (the digest row, every
 * message it will send, and the papers it covers), then its deliveries are claimed, sent and
 * marked one by one, so a crash at any point loses nothing and repeats nothing.
 */
import type { Candidate } from '../core/select-papers.js';
import type { SummarySection } from '../core/types.js';
import { CANDIDATE_COLUMNS, toCandidate, type CandidateRow } from './candidate-rows.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

export type DigestState = 'planned' | 'sent' | 'failed' | 'empty' | 'missed';

export type DigestKind = 'daily' | 'weekly';

export interface DigestRow {
  id: number;
  channel_id: number;
  kind: DigestKind;
  /** The local date of a daily digest, the ISO week (2024-W44) of a weekly one. */
  period: string;
  local_date: string;
  slot_at: string;
  window_start: string;
  window_end: string;
  state: DigestState;
  paper_count: number;
  created_at: string;
  finished_at: string | null;
  error: string | null;
}

export interface DeliveryRow {
  id: number;
  /** The digest, or (for a subscription message) null. */
  digest_id: number | null;
  subscription_message_id: number | null;
  seq: number;
  key: string;
  body: string;
  thread_parent: number | null;
  state: 'planned' | 'sending' | 'sent' | 'failed';
  claimed_by: string | null;
  claimed_at: string | null;
  message_id: string | null;
  attempts: number;
  last_error: string | null;
}

export interface PlannedDigest {
  channelId: number;
  /** Default daily. A weekly digest records no channel_papers: its papers may have been in the daily ones. */
  kind?: DigestKind;
  /** The ISO week of a weekly digest; a daily one's period is its local date. */
  week?: string;
  localDate: string;
  slotAt: string;
  windowStart: string;
  windowEnd: string;
  state: DigestState;
  paperIds: number[];
  deliveries: { key: string; body: unknown; threadParent?: number; paperIds?: number[] }[];
  now: string;
}

export function createDigestStore(db: Db) {
  const candidates = db.prepare<{ channel: number; start: string; end: string; sources: string }, CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS}
     FROM papers p
     WHERE p.first_seen_at > @start AND p.first_seen_at <= @end
       AND NOT EXISTS (SELECT 1 FROM channel_papers cp WHERE cp.channel_id = @channel AND cp.paper_id = p.id)
       AND (@sources = '[]' OR EXISTS (SELECT 1 FROM observations o
            WHERE o.paper_id = p.id AND o.source IN (SELECT value FROM json_each(@sources))))`,
  );
  const storedBetween = db.prepare<{ start: string; end: string; sources: string }, CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS}
     FROM papers p
     WHERE p.first_seen_at > @start AND p.first_seen_at <= @end
       AND (@sources = '[]' OR EXISTS (SELECT 1 FROM observations o
            WHERE o.paper_id = p.id AND o.source IN (SELECT value FROM json_each(@sources))))`,
  );
  const onDate = db.prepare<{ date: string }, CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS}
     FROM papers p WHERE p.announced_on = @date OR p.featured_on = @date`,
  );
  const summaryTexts = db.prepare<[number], { sections: string }>('SELECT sections FROM summaries WHERE paper_id = ?');
  const get = db.prepare<[number, string], DigestRow>("SELECT * FROM digests WHERE channel_id = ? AND kind = 'daily' AND period = ?");
  const getWeekly = db.prepare<[number, string], DigestRow>("SELECT * FROM digests WHERE channel_id = ? AND kind = 'weekly' AND period = ?");
  const byId = db.prepare<[number], DigestRow>('SELECT * FROM digests WHERE id = ?');
  // The next digest starts where the last one that reached the channel (or had nothing) ended, so
  // the papers of a missed or failed digest go in the next one.
  const last = db.prepare<[number], DigestRow>(
    "SELECT * FROM digests WHERE channel_id = ? AND kind = 'daily' AND state IN ('planned', 'sent', 'empty') ORDER BY local_date DESC LIMIT 1",
  );
  const latest = db.prepare<[number], DigestRow>('SELECT * FROM digests WHERE channel_id = ? ORDER BY local_date DESC, id DESC LIMIT 1');
  const releasePapers = db.prepare('DELETE FROM channel_papers WHERE digest_id = ?');
  const unfinished = db.prepare<[], DigestRow>("SELECT * FROM digests WHERE state = 'planned' ORDER BY slot_at, id");
  const insertDigest = db.prepare(
    `INSERT INTO digests (channel_id, kind, period, local_date, slot_at, window_start, window_end, state, paper_count, created_at, finished_at)
     VALUES (@channelId, @kind, @period, @localDate, @slotAt, @windowStart, @windowEnd, @state, @count, @now, @finished)
     ON CONFLICT (channel_id, kind, period) DO NOTHING`,
  );
  const insertDelivery = db.prepare(
    "INSERT INTO deliveries (digest_id, seq, key, body, thread_parent, paper_ids, state) VALUES (?, ?, ?, ?, ?, ?, 'planned')",
  );
  const insertSent = db.prepare('INSERT OR IGNORE INTO channel_papers (channel_id, paper_id, digest_id) VALUES (?, ?, ?)');
  const deliveriesOf = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE digest_id = ? ORDER BY seq');
  const finish = db.prepare('UPDATE digests SET state = ?, finished_at = ?, error = ? WHERE id = ?');

  function withText(rows: CandidateRow[], needText: boolean): Candidate[] {
    return rows.map((r) => ({
      ...toCandidate(r),
      ...(needText
        ? { summaryText: summaryTexts.all(r.id).flatMap((s) => parseJson<SummarySection[]>(s.sections, []).map((x) => x.text)).join('\n') }
        : {}),
    }));
  }

  return {
    /** Papers first stored within (start, end] that the channel has not been sent. */
    candidates(channelId: number, start: string, end: string, sources: string[], needText: boolean): Candidate[] {
      return withText(candidates.all({ channel: channelId, start, end, sources: JSON.stringify(sources) }), needText);
    },
    /** Papers first stored within (start, end], sent to the channel or not (a weekly digest's week). */
    storedBetween(start: string, end: string, sources: string[], needText: boolean): Candidate[] {
      return withText(storedBetween.all({ start, end, sources: JSON.stringify(sources) }), needText);
    },
    /** Papers announced or featured on a date, sent or not (for previews). */
    onDate(date: string, needText: boolean): Candidate[] {
      return withText(onDate.all({ date }), needText);
    },
    get(channelId: number, localDate: string): DigestRow | undefined {
      return get.get(channelId, localDate);
    },
    /** A channel's weekly digest of an ISO week. */
    getWeekly(channelId: number, week: string): DigestRow | undefined {
      return getWeekly.get(channelId, week);
    },
    byId(id: number): DigestRow | undefined {
      return byId.get(id);
    },
    /** The last digest that delivered (or had nothing to deliver): where the next window starts. */
    last(channelId: number): DigestRow | undefined {
      return last.get(channelId);
    },
    /** The most recent digest in any state (for status). */
    latest(channelId: number): DigestRow | undefined {
      return latest.get(channelId);
    },
    unfinished(): DigestRow[] {
      return unfinished.all();
    },
    /** Writes a planned digest with its outbox; returns undefined if that channel already has that date's (or week's) digest. */
    create(p: PlannedDigest): number | undefined {
      return db.transaction(() => {
        const finished = p.state === 'planned' ? null : p.now;
        const kind = p.kind ?? 'daily';
        const period = kind === 'weekly' ? p.week : p.localDate;
        if (!period) throw new Error('a weekly digest needs its ISO week');
        const info = insertDigest.run({ channelId: p.channelId, kind, period, localDate: p.localDate, slotAt: p.slotAt, windowStart: p.windowStart, windowEnd: p.windowEnd, state: p.state, count: p.paperIds.length, now: p.now, finished });
        if (info.changes === 0) return undefined;
        const id = Number(info.lastInsertRowid);
        p.deliveries.forEach((d, seq) => insertDelivery.run(id, seq, d.key, JSON.stringify(d.body), d.threadParent ?? null, d.paperIds ? JSON.stringify(d.paperIds) : null));
        if (kind === 'daily') for (const paperId of p.paperIds) insertSent.run(p.channelId, paperId, id);
        return id;
      })();
    },
    deliveries(digestId: number): DeliveryRow[] {
      return deliveriesOf.all(digestId);
    },
    finish(digestId: number, state: DigestState, now: string, error?: string): void {
      db.transaction(() => {
        finish.run(state, now, error ?? null, digestId);
        // A failed digest did not deliver its papers: let the next digest have them.
        if (state === 'failed') releasePapers.run(digestId);
      })();
    },
  };
}

export type DigestStore = ReturnType<typeof createDigestStore>;
