/**
 * Why a digest has nothing to show, so a channel is told the truth: arXiv announced nothing
 * (a weekend or holiday), nothing new arrived, or papers arrived and none matched the channel's
 * filters. Whether the sources could be read at all is decided first (`unreadSources`): a
 * channel is never told "nothing new" when the bot could not look.
 */
import { arxivQuietReason, type QuietReason } from './arxiv-schedule.js';

export type EmptyDay =
  /** arXiv announced nothing in the digest's window. */
  | { kind: 'quiet'; reason: QuietReason }
  /** Nothing new arrived though the sources were read and arXiv announced. */
  | { kind: 'none' }
  /** `total` new papers arrived; none matched the channel's filters. */
  | { kind: 'filtered'; total: number };

/** What a source's last successful read was, as the status store knows it. */
export interface SourceRead {
  source: string;
  lastSuccessAt: string | null;
}

/** The sources a channel draws from: its own list, or every configured source. */
export function drawnSources(channelSources: readonly string[], configured: readonly string[]): string[] {
  return channelSources.length > 0 ? [...channelSources] : [...configured];
}

/** The drawn sources not read successfully since `since` (the digest window's start), in their order. */
export function unreadSources(drawn: readonly string[], reads: readonly SourceRead[], since: string): string[] {
  const lastOk = new Map(reads.map((r) => [r.source, r.lastSuccessAt]));
  const sinceMs = Date.parse(since);
  return drawn.filter((name) => {
    const at = lastOk.get(name);
    return !at || Date.parse(at) <= sinceMs;
  });
}

/** True when the channel draws from sources and none of them could be read: hold, do not post "nothing new". */
export function nothingRead(drawn: readonly string[], unread: readonly string[]): boolean {
  return drawn.length > 0 && unread.length === drawn.length;
}

/**
 * Why a digest window holds nothing for the channel. `candidates` is how many new papers the
 * window had before the channel's filters, `matched` how many passed them.
 */
export function classifyEmptyDay(
  window: { start: string; end: string },
  candidates: number,
  matched: number,
  holidays?: ReadonlySet<string>,
): EmptyDay | undefined {
  if (matched > 0) return undefined;
  if (candidates > 0) return { kind: 'filtered', total: candidates };
  const reason = arxivQuietReason(new Date(window.start), new Date(window.end), holidays);
  return reason ? { kind: 'quiet', reason } : { kind: 'none' };
}

