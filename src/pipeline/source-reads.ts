/**
 * Could the bot read a channel's sources for this digest? A source counts as read when it had a
 * successful ingest after the digest window's start (the last digest's end); `status` records
 * each run. The digest runner holds a digest whose sources all failed instead of posting it.
 */
import type { Channel } from '../core/channel.js';
import { drawnSources, nothingRead, unreadSources } from '../core/empty-day.js';
import type { SourceStatusStore } from '../db/source-status-store.js';

export interface SourceReadDeps {
  /** Names of the enabled sources in the config. */
  sourceNames: string[];
  sourceStatus: SourceStatusStore;
}

export interface SourceCheck {
  /** The channel's sources that were not read since `since`. */
  unread: string[];
  /** True when the channel draws from sources and none could be read. */
  nothingRead: boolean;
  /** The first unread source's last error, for the operator. */
  reason: string;
}

export function checkSources(deps: SourceReadDeps, channel: Channel, since: string): SourceCheck {
  const drawn = drawnSources(channel.settings.sources, deps.sourceNames);
  const statuses = deps.sourceStatus.list();
  const unread = unreadSources(drawn, statuses, since);
  const first = statuses.find((s) => s.source === unread[0]);
  const reason = unread.length === 0 ? '' : (first?.lastError ?? 'not read yet');
  return { unread, nothingRead: nothingRead(drawn, unread), reason };
}
