/**
 * `paperboy doctor`'s Discord lines: the bot token (`GET /users/@me`) and, per configured channel,
 * whether the bot can see it and has what a digest needs there. Plain REST calls with no retries
 * and a short timeout: a doctor must answer quickly, and a 429 is reported rather than waited out.
 */
import { DiscordAPIError, REST, Routes, type APIGuildMember, type APIRole, type APIUser } from 'discord.js';
import { fail, ok, warn, type Check } from '../../doctor/check.js';
import { computePermissions, missingPermissions, REQUIRED, REQUIRED_FOR_THREADS, type Overwrite } from './channel-permissions.js';

export interface DiscordDoctorOptions {
  token: string;
  /** REST base, `…/api` (discord.js adds `/v10`). */
  apiUrl: string;
  channels: { channel: string; layout: 'digest' | 'thread' }[];
  timeoutMs?: number;
}

type ChannelObject = { id: string; type: number; guild_id?: string; name?: string; permission_overwrites?: Overwrite[] };
type GuildFacts = { roles: APIRole[]; member: APIGuildMember };

/**
 * The gateway intents the bot asks for (discord-client.ts). None is privileged, so there is no
 * portal switch to check; the line says what 👍 / 👎 reactions need, for whoever reads the report.
 */
export const INTENTS_NOTE = 'Guilds, GuildMessageReactions and DirectMessageReactions (👍/👎 reactions are votes, in servers and in DMs) and GuildMessages (replies in discussion threads are counted, questions answered with an LLM); none is privileged (the bot reads the text only of messages that mention it, which arrives without Message Content), nothing to enable in the portal';

/** Text (0) and announcement (5) channels take digests. */
const POSTABLE_TYPES = new Set([0, 5]);

function describe(err: unknown): string {
  if (err instanceof DiscordAPIError) return `${err.status} ${err.message} (code ${err.code})`;
  const e = err as { name?: string; message?: string };
  if (e.name === 'AbortError') return 'no answer in time (timeout)';
  if (e.name === 'RateLimitError') return 'rate limited by Discord; run doctor again in a minute';
  return `unreachable: ${e.message ?? String(err)}`;
}

const status = (err: unknown): number | undefined => (err instanceof DiscordAPIError ? err.status : undefined);
const code = (err: unknown): unknown => (err instanceof DiscordAPIError ? err.code : undefined);

function tokenCheck(err: unknown): Check {
  if (status(err) === 401) return fail('discord token', 'token rejected (401): reset it in the Developer Portal, Bot tab, and put the new one in DISCORD_TOKEN');
  return fail('discord token', `${describe(err)}; check DISCORD_API_URL and the network`);
}

function channelFailure(id: string, err: unknown): Check {
  const name = `discord channel ${id}`;
  if (code(err) === 10003) return fail(name, 'Unknown Channel (404): check the channel id in the config (Developer Mode, right-click the channel, Copy Channel ID)');
  if (code(err) === 50001) return fail(name, "Missing Access (403): invite the bot to the server, or give its role View Channel in the channel's permissions");
  return fail(name, describe(err));
}

function permissionCheck(channel: ChannelObject, facts: GuildFacts, botId: string, layout: 'digest' | 'thread'): Check {
  const name = `discord channel ${channel.id}`;
  const perms = computePermissions({
    guildId: channel.guild_id!,
    memberId: botId,
    memberRoles: facts.member.roles,
    roles: facts.roles,
    overwrites: channel.permission_overwrites ?? [],
  });
  const missing = missingPermissions(perms, layout === 'thread' ? [...REQUIRED, ...REQUIRED_FOR_THREADS] : REQUIRED);
  if (missing.length === 0) {
    const noThreads = missingPermissions(perms, REQUIRED_FOR_THREADS).map((m) => m.name);
    if (noThreads.length) return warn(name, `#${channel.name ?? channel.id}: the bot can post digests, but 💬 Discuss cannot open threads here: it lacks ${noThreads.join(', ')}`);
    return ok(name, `#${channel.name ?? channel.id}: the bot can post ${layout === 'thread' ? 'digests in threads' : 'digests'}`);
  }
  const names = missing.map((m) => m.name).join(', ');
  const fix = missing.some((m) => m.byOverwrite)
    ? `the channel's permission overwrites deny it: allow it for the bot's role in Edit Channel → Permissions`
    : `give the bot's role ${missing.length > 1 ? 'these' : 'it'} in Server Settings → Roles, or in Edit Channel → Permissions`;
  return fail(name, `#${channel.name ?? channel.id}: the bot lacks ${names}${layout === 'thread' ? ' (layout: thread)' : ''}; ${fix}`);
}

export async function discordChecks(options: DiscordDoctorOptions): Promise<Check[]> {
  const rest = new REST({ api: options.apiUrl, retries: 0, timeout: options.timeoutMs ?? 10_000, rejectOnRateLimit: () => true }).setToken(options.token);
  try {
    let me: APIUser;
    try {
      me = (await rest.get(Routes.user('@me'))) as APIUser;
    } catch (err) {
      return [tokenCheck(err), ...options.channels.map((c) => warn(`discord channel ${c.channel}`, 'not checked: the token check failed'))];
    }
    const guilds = new Map<string, Promise<GuildFacts>>();
    const guildFacts = (guildId: string): Promise<GuildFacts> => {
      let facts = guilds.get(guildId);
      if (!facts) {
        facts = Promise.all([rest.get(Routes.guildRoles(guildId)), rest.get(Routes.guildMember(guildId, me.id))]).then(([roles, member]) => ({
          roles: roles as APIRole[],
          member: member as APIGuildMember,
        }));
        guilds.set(guildId, facts);
      }
      return facts;
    };
    const channelCheck = async ({ channel: id, layout }: DiscordDoctorOptions['channels'][number]): Promise<Check> => {
      let channel: ChannelObject;
      try {
        channel = (await rest.get(Routes.channel(id))) as ChannelObject;
      } catch (err) {
        return channelFailure(id, err);
      }
      if (!POSTABLE_TYPES.has(channel.type) || !channel.guild_id) {
        return fail(`discord channel ${id}`, `channel type ${channel.type} is not a server text channel: use a text or announcement channel's id`);
      }
      try {
        return permissionCheck(channel, await guildFacts(channel.guild_id), me.id, layout);
      } catch (err) {
        return fail(`discord channel ${id}`, `could not read the server's roles: ${describe(err)}`);
      }
    };
    const channels = await Promise.all(options.channels.map(channelCheck));
    return [ok('discord token', `bot ${me.username} (${me.id})`), ok('discord intents', INTENTS_NOTE), ...channels];
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
