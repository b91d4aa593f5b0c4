/**
 * A member's permissions in a guild channel, computed the way Discord does (developer docs,
 * Permissions → "Permission Overwrites"): @everyone's role plus the member's roles, everything
 * for an administrator, then the channel's overwrites in order — @everyone, the member's roles
 * together (denies before allows), the member.
 */
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';

export interface Overwrite {
  id: string;
  /** 0: role, 1: member. */
  type: number;
  allow: string;
  deny: string;
}

export interface PermissionInput {
  guildId: string;
  memberId: string;
  /** The member's role ids (Discord never lists @everyone here). */
  memberRoles: string[];
  roles: { id: string; permissions: string }[];
  overwrites: Overwrite[];
}

const ALL = PermissionsBitField.All;

/** `guild`: from roles alone; `channel`: after the channel's overwrites. */
export function computePermissions(p: PermissionInput): { guild: bigint; channel: bigint } {
  const roleBits = new Map(p.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let guild = roleBits.get(p.guildId) ?? 0n;
  for (const id of p.memberRoles) guild |= roleBits.get(id) ?? 0n;
  if (guild & PermissionFlagsBits.Administrator) return { guild: ALL, channel: ALL };

  let channel = guild;
  const apply = (allow: bigint, deny: bigint) => (channel = (channel & ~deny) | allow);
  const everyone = p.overwrites.find((o) => o.type === 0 && o.id === p.guildId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let allow = 0n;
  let deny = 0n;
  for (const o of p.overwrites) {
    if (o.type !== 0 || o.id === p.guildId || !p.memberRoles.includes(o.id)) continue;
    allow |= BigInt(o.allow);
    deny |= BigInt(o.deny);
  }
  apply(allow, deny);
  const member = p.overwrites.find((o) => o.type === 1 && o.id === p.memberId);
  if (member) apply(BigInt(member.allow), BigInt(member.deny));
  return { guild, channel };
}

/** What Paperboy needs in a digest channel, named as Discord's settings name them. */
export const REQUIRED: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
];
/** And for `layout: thread`, where each digest is a thread under a header message. */
export const REQUIRED_FOR_THREADS: [bigint, string][] = [
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
];

export interface Missing {
  name: string;
  /** True when the bot's roles grant it but the channel's overwrites take it away. */
  byOverwrite: boolean;
}

export function missingPermissions(perms: { guild: bigint; channel: bigint }, required: [bigint, string][]): Missing[] {
  return required.filter(([bit]) => !(perms.channel & bit)).map(([bit, name]) => ({ name, byOverwrite: (perms.guild & bit) !== 0n }));
}
