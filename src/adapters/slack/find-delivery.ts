/**
 * Finds a message we posted by the delivery key stored in its metadata. conversations.history
 * returns top-level messages only, so replies in a thread (the papers of a thread layout) are
 * looked for with conversations.replies under our own thread parents.
 */
import type { webApi } from '@slack/bolt';

export const DELIVERY_EVENT = 'paperboy_delivery';

const HISTORY_PAGES = 5;
const THREAD_PAGES = 2;
const MAX_THREADS = 20;
const PAGE_SIZE = 200;
/** Slack stamps ts with its own clock; look a little further back than `since` in case ours runs ahead. */
const CLOCK_SKEW_MS = 5 * 60_000;

interface HistoryMessage {
  ts?: string;
  reply_count?: number;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

type Page = { messages?: HistoryMessage[]; has_more?: boolean; response_metadata?: { next_cursor?: string } };

const isDelivery = (m: HistoryMessage): boolean => m.metadata?.event_type === DELIVERY_EVENT;
const hasKey = (m: HistoryMessage, key: string): boolean => isDelivery(m) && m.metadata?.event_payload?.key === key;

/** Pages of a cursor-paginated call, at most `maxPages`, stopping early when `visit` returns a value. */
async function scan(fetchPage: (cursor?: string) => Promise<Page>, maxPages: number, visit: (m: HistoryMessage) => string | undefined): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await fetchPage(cursor);
    for (const m of res.messages ?? []) {
      const found = visit(m);
      if (found) return found;
    }
    cursor = res.response_metadata?.next_cursor;
    if (!res.has_more || !cursor) return undefined;
  }
  return undefined;
}

/** The ts of the message in `channel` posted since `since` whose metadata carries `key`, if any. */
export async function findDelivery(client: webApi.WebClient, channel: string, key: string, since: Date): Promise<string | undefined> {
  const oldest = ((since.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
  const threads: string[] = [];
  const history = (cursor?: string): Promise<Page> =>
    client.conversations.history({ channel, oldest, include_all_metadata: true, limit: PAGE_SIZE, cursor }) as Promise<Page>;
  const top = await scan(history, HISTORY_PAGES, (m) => {
    if (m.ts && hasKey(m, key)) return m.ts;
    if (m.ts && isDelivery(m) && (m.reply_count ?? 0) > 0) threads.push(m.ts);
    return undefined;
  });
  if (top) return top;
  for (const ts of threads.slice(0, MAX_THREADS)) {
    const replies = (cursor?: string): Promise<Page> =>
      client.conversations.replies({ channel, ts, include_all_metadata: true, limit: PAGE_SIZE, cursor }) as Promise<Page>;
    const found = await scan(replies, THREAD_PAGES, (m) => (m.ts && hasKey(m, key) ? m.ts : undefined));
    if (found) return found;
  }
  return undefined;
}
