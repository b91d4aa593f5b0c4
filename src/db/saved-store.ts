/**
 * The reading list: papers a person saved (⭐, `/papers save`), newest first. One row per person
 * and paper; saving again keeps the first save's time, unsave deletes the row. A person is a
 * platform user within one Discord server or Slack workspace, as in feedback_events.
 */
import type { Db } from './open-database.js';
import { parseJson } from './json.js';
import type { ExportPaper } from '../library/write-library.js';

export interface SavedOwner {
  platform: string;
  /** Discord server or Slack team id; '' outside one (a DM). */
  workspace: string;
  user: string;
  /** The channel the save was made in ('' for a DM or the command line); not part of who owns the list. */
  channel?: string;
}

/** What an export and the saved list need of a paper, read in one query. */
export interface SavedPaper extends ExportPaper {
  paperId: number;
  savedAt: string;
}

interface Row {
  paper_id: number;
  key: string;
  arxiv_id: string | null;
  url: string | null;
  title: string;
  authors: string;
  abstract: string | null;
  published_at: string | null;
  announced_on: string | null;
  saved_at: string;
}

const toPaper = (r: Row): SavedPaper => ({
  paperId: r.paper_id,
  key: r.key,
  arxivId: r.arxiv_id,
  url: r.url,
  title: r.title,
  authors: parseJson<string[]>(r.authors, []),
  abstract: r.abstract,
  publishedAt: r.published_at,
  announcedOn: r.announced_on,
  savedAt: r.saved_at,
});

const COLUMNS = 'p.id AS paper_id, p.key, p.arxiv_id, p.url, p.title, p.authors, p.abstract, p.published_at, p.announced_on';

export function createSavedStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO saved_papers (platform, workspace, actor, paper_id, channel, origin, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const remove = db.prepare('DELETE FROM saved_papers WHERE platform = ? AND workspace = ? AND actor = ? AND paper_id = ?');
  const has = db.prepare<[string, string, string, number], { n: number }>(
    'SELECT 1 AS n FROM saved_papers WHERE platform = ? AND workspace = ? AND actor = ? AND paper_id = ?',
  );
  const count = db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM saved_papers WHERE platform = ? AND workspace = ? AND actor = ?');
  const list = db.prepare<[string, string, string], Row>(
    `SELECT ${COLUMNS}, s.saved_at FROM saved_papers s JOIN papers p ON p.id = s.paper_id
     WHERE s.platform = ? AND s.workspace = ? AND s.actor = ? ORDER BY s.saved_at DESC, s.paper_id DESC`,
  );
  // Every workspace of a person (the command line's export without --workspace): a paper saved in two is listed once, at its newest save.
  const everywhere = db.prepare<[string, string], Row>(
    `SELECT ${COLUMNS}, max(s.saved_at) AS saved_at FROM saved_papers s JOIN papers p ON p.id = s.paper_id
     WHERE s.platform = ? AND s.actor = ? GROUP BY p.id ORDER BY saved_at DESC, p.id DESC`,
  );
  const forget = db.prepare('DELETE FROM saved_papers WHERE platform = ? AND actor = ?');
  return {
    /** Saves a paper; false when it was saved already (the first save's time is kept). */
    save(owner: SavedOwner, paperId: number, origin: 'button' | 'command' | 'cli', at: string): boolean {
      return insert.run(owner.platform, owner.workspace, owner.user, paperId, owner.channel ?? '', origin, at).changes > 0;
    },
    /** Takes a paper off the list; false when it was not on it. */
    unsave(owner: SavedOwner, paperId: number): boolean {
      return remove.run(owner.platform, owner.workspace, owner.user, paperId).changes > 0;
    },
    isSaved(owner: SavedOwner, paperId: number): boolean {
      return has.get(owner.platform, owner.workspace, owner.user, paperId) !== undefined;
    },
    count(owner: SavedOwner): number {
      return count.get(owner.platform, owner.workspace, owner.user)!.n;
    },
    /** The whole list, newest first; `workspace: undefined` = every workspace of the person. */
    list(owner: Omit<SavedOwner, 'workspace'> & { workspace: string | undefined }): SavedPaper[] {
      const rows = owner.workspace === undefined ? everywhere.all(owner.platform, owner.user) : list.all(owner.platform, owner.workspace, owner.user);
      return rows.map(toPaper);
    },
    /** Deletes every save a person made on a platform (with `interests clear`'s right to be forgotten); returns how many. */
    forgetPerson(platform: string, user: string): number {
      return forget.run(platform, user).changes;
    },
  };
}

export type SavedStore = ReturnType<typeof createSavedStore>;
