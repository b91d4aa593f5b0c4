/**
 * What a command needs to know about the asker that Slack does not send with it: their locale
 * (`users.info` with `include_locale`, e.g. `ja-JP`) and whether they are a workspace admin or
 * owner. Cached per user for ten minutes; a failed lookup is logged and answered with nothing, so
 * the command still runs (in the channel's language, without admin rights).
 */
import type { Logger } from '../../../log.js';

export interface SlackUserInfo {
  locale?: string;
  isAdmin: boolean;
}

/** The one Web API call used here; `app.client` in production, the fake through a real client in tests. */
export interface UsersInfoClient {
  users: {
    info(args: { user: string; include_locale: boolean }): Promise<{ user?: { locale?: string; is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } }>;
  };
}

export type LookupUser = (userId: string) => Promise<SlackUserInfo>;

export function createUserLookup(client: UsersInfoClient, log: Logger, options: { ttlMs?: number; now?: () => number } = {}): LookupUser {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; info: SlackUserInfo }>();
  return async (userId) => {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ttl) return hit.info;
    try {
      const { user } = await client.users.info({ user: userId, include_locale: true });
      const info: SlackUserInfo = {
        ...(user?.locale ? { locale: user.locale } : {}),
        isAdmin: !!(user?.is_admin || user?.is_owner || user?.is_primary_owner),
      };
      if (cache.size > 10_000) cache.clear();
      cache.set(userId, { at: now(), info });
      return info;
    } catch (err) {
      log.warn({ err, user: userId }, 'users.info failed; answering without the user locale');
      return { isAdmin: false };
    }
  };
}
