/** Users' own language, set by command; absent means "use the platform's locale". */
import type { Platform } from '../core/chat-poster.js';
import type { Db } from './open-database.js';

export function createUserStore(db: Db) {
  const get = db.prepare<[string, string], { locale: string | null }>('SELECT locale FROM users WHERE platform = ? AND user_id = ?');
  const set = db.prepare(
    `INSERT INTO users (platform, user_id, locale, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
  );
  return {
    locale(platform: Platform, userId: string): string | undefined {
      return get.get(platform, userId)?.locale ?? undefined;
    },
    setLocale(platform: Platform, userId: string, locale: string, now: string): void {
      set.run(platform, userId, locale, now);
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
