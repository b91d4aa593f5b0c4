/** Channels that receive digests: synced from the config, marked failing by permanent platform errors. */
import type { Platform } from '../core/chat-poster.js';
import { DEFAULT_CHANNEL_SETTINGS, type Channel, type ChannelSettings, type ChannelSpec } from '../core/channel.js';
import { parseJson } from './json.js';
import type { Db } from './open-database.js';

interface Row {
  id: number;
  platform: Platform;
  channel: string;
  guild: string | null;
  locale: string;
  time: string;
  timezone: string;
  settings: string;
  origin: 'config' | 'command';
  added_at: string;
  failing_reason: string | null;
  failing_since: string | null;
}

function toChannel(r: Row): Channel {
  return {
    id: r.id,
    platform: r.platform,
    channel: r.channel,
    ...(r.guild ? { guild: r.guild } : {}),
    locale: r.locale,
    time: r.time,
    timezone: r.timezone,
    settings: { ...DEFAULT_CHANNEL_SETTINGS, ...parseJson<Partial<ChannelSettings>>(r.settings, {}) },
    origin: r.origin,
    addedAt: r.added_at,
    failingReason: r.failing_reason,
    failingSince: r.failing_since,
  };
}

export function createChannelStore(db: Db) {
  // A channel changed by command keeps the command's settings: the config no longer overrides it.
  const upsert = db.prepare(
    `INSERT INTO channels (platform, channel, guild, locale, time, timezone, settings, origin, added_at)
     VALUES (@platform, @channel, @guild, @locale, @time, @timezone, @settings, 'config', @now)
     ON CONFLICT (platform, channel) DO UPDATE SET guild = excluded.guild, locale = excluded.locale,
       time = excluded.time, timezone = excluded.timezone, settings = excluded.settings
     WHERE origin = 'config'`,
  );
  const upsertCommand = db.prepare(
    `INSERT INTO channels (platform, channel, guild, locale, time, timezone, settings, origin, added_at)
     VALUES (@platform, @channel, @guild, @locale, @time, @timezone, @settings, 'command', @now)
     ON CONFLICT (platform, channel) DO UPDATE SET guild = coalesce(excluded.guild, guild), locale = excluded.locale,
       time = excluded.time, timezone = excluded.timezone, settings = excluded.settings, origin = 'command'`,
  );
  const configOrigin = db.prepare<[], { id: number; platform: string; channel: string }>(
    "SELECT id, platform, channel FROM channels WHERE origin = 'config'",
  );
  const remove = db.prepare('DELETE FROM channels WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM channels ORDER BY id');
  const byId = db.prepare<[number], Row>('SELECT * FROM channels WHERE id = ?');
  const byChannel = db.prepare<[string], Row>('SELECT * FROM channels WHERE channel = ? ORDER BY id LIMIT 1');
  const failing = db.prepare(
    'UPDATE channels SET failing_reason = ?, failing_since = coalesce(failing_since, ?) WHERE id = ?',
  );
  const healthy = db.prepare('UPDATE channels SET failing_reason = NULL, failing_since = NULL WHERE id = ?');

  return {
    /** Makes the config's channels the configured set; a channel's history stays while it is configured. */
    syncFromConfig(specs: ChannelSpec[], now: string): void {
      db.transaction(() => {
        const wanted = new Set(specs.map((s) => `${s.platform}:${s.channel}`));
        for (const row of configOrigin.all()) if (!wanted.has(`${row.platform}:${row.channel}`)) remove.run(row.id);
        for (const s of specs) {
          upsert.run({ ...s, guild: s.guild ?? null, settings: JSON.stringify(s.settings), now });
        }
      })();
    },
    /** Adds or changes a channel from a `settings` command. */
    upsertByCommand(s: ChannelSpec, now: string): void {
      upsertCommand.run({ ...s, guild: s.guild ?? null, settings: JSON.stringify(s.settings), now });
    },
    list(): Channel[] {
      return all.all().map(toChannel);
    },
    get(id: number): Channel | undefined {
      const r = byId.get(id);
      return r ? toChannel(r) : undefined;
    },
    /** A channel by its platform id (Discord snowflake or Slack C…). */
    find(channel: string): Channel | undefined {
      const r = byChannel.get(channel);
      return r ? toChannel(r) : undefined;
    },
    markFailing(id: number, reason: string, now: string): void {
      failing.run(reason, now, id);
    },
    markHealthy(id: number): void {
      healthy.run(id);
    },
  };
}

export type ChannelStore = ReturnType<typeof createChannelStore>;
