/**
 * The guild side of the fake Discord: channel objects (`GET /channels/{id}`), roles
 * (`GET /guilds/{id}/roles`) and the bot's member object (`GET /guilds/{id}/members/{user}`), in
 * Discord's shapes (API v10: permissions, allow and deny as strings of decimal bits).
 *
 * By default a guild grants what a normally invited bot has: @everyone gets Discord's usual
 * member permissions and the bot's managed role the ones its invite asked for. A test narrows
 * them with `setGuildPermissions` or with a channel's permission overwrites.
 */

/** Permission bits the fake knows by name (Discord's values; discord.js calls them PermissionFlagsBits). */
export const PERMISSION = {
  CreateInstantInvite: 1n << 0n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

const P = PERMISSION;
/** What @everyone has in a new server, near enough. */
export const DEFAULT_EVERYONE = P.CreateInstantInvite | P.AddReactions | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles
  | P.ReadMessageHistory | P.UseExternalEmojis | P.Connect | P.Speak | P.ChangeNickname | P.UseApplicationCommands
  | P.CreatePublicThreads | P.CreatePrivateThreads | P.SendMessagesInThreads;
/** What Paperboy's invite link asks for: its managed role gets these. */
export const DEFAULT_BOT_ROLE = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.CreatePublicThreads | P.SendMessagesInThreads;

type Bits = bigint | string;
/** A channel permission overwrite: `type` 0 for a role (the guild id is @everyone), 1 for a member. */
export type OverwriteInput = { id: string; type: 0 | 1; allow?: Bits; deny?: Bits };
export type GuildPermissions = { everyone?: Bits; botRoles?: Bits[] };
type Json = Record<string, unknown>;

const bits = (b: Bits | undefined): string => String(typeof b === 'string' ? BigInt(b) : (b ?? 0n));

export function createGuildDirectory(bot: { id: string; username: string }) {
  const guilds = new Map<string, { everyone: string; botRoles: string[] }>();
  const joinedAt = new Date().toISOString();

  const guild = (id: string) => {
    let g = guilds.get(id);
    if (!g) guilds.set(id, (g = { everyone: bits(DEFAULT_EVERYONE), botRoles: [bits(DEFAULT_BOT_ROLE)] }));
    return g;
  };
  /** The bot's roles in a guild get ids derived from the guild's, so tests can name them in overwrites. */
  const botRoleId = (guildId: string, index = 0): string => String(BigInt(guildId) + 1000n + BigInt(index));

  function role(id: string, name: string, permissions: string, position: number, managed: boolean): Json {
    return { id, name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null,
      unicode_emoji: null, position, permissions, managed, mentionable: false, flags: 0, ...(managed ? { tags: { bot_id: bot.id } } : {}) };
  }

  return {
    botRoleId,
    /** Registers a guild the bot is in (idempotent); `permissions` replaces its defaults. */
    setPermissions(guildId: string, permissions: GuildPermissions = {}): void {
      const g = guild(guildId);
      if (permissions.everyone !== undefined) g.everyone = bits(permissions.everyone);
      if (permissions.botRoles !== undefined) g.botRoles = permissions.botRoles.map(bits);
    },
    has: (guildId: string): boolean => guilds.has(guildId),
    /** GET /guilds/{id}/roles: @everyone (id = guild id, position 0) and the bot's roles. */
    roles(guildId: string): Json[] {
      const g = guild(guildId);
      const name = (i: number) => (i === 0 ? bot.username : `${bot.username} extra ${i}`);
      return [role(guildId, '@everyone', g.everyone, 0, false), ...g.botRoles.map((p, i) => role(botRoleId(guildId, i), name(i), p, i + 1, i === 0))];
    },
    /** GET /guilds/{id}/members/{bot}: its `roles` never list @everyone, as Discord's don't. */
    botMember(guildId: string, user: Json): Json {
      const roles = guild(guildId).botRoles.map((_, i) => botRoleId(guildId, i));
      return { avatar: null, banner: null, communication_disabled_until: null, flags: 0, joined_at: joinedAt, nick: null, pending: false,
        premium_since: null, roles, unusual_dm_activity_until: null, user, mute: false, deaf: false };
    },
    /** A guild text channel (type 0) as `GET /channels/{id}` shows it. */
    textChannel(id: string, guildId: string, name: string, overwrites: OverwriteInput[]): Json {
      guild(guildId);
      const permission_overwrites = overwrites.map((o) => ({ id: o.id, type: o.type, allow: bits(o.allow), deny: bits(o.deny) }));
      return { id, type: 0, guild_id: guildId, name, position: 0, parent_id: null, topic: null, nsfw: false, last_message_id: null,
        rate_limit_per_user: 0, flags: 0, permission_overwrites };
    },
  };
}

export type GuildDirectory = ReturnType<typeof createGuildDirectory>;
