import { PermissionFlagsBits as P, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { computePermissions, missingPermissions, REQUIRED, type Overwrite } from './channel-permissions.js';

const GUILD = '100';
const BOT = '900';
const s = (bits: bigint) => String(bits);
const role = (id: string, bits: bigint) => ({ id, permissions: s(bits) });
const over = (id: string, type: 0 | 1, allow = 0n, deny = 0n): Overwrite => ({ id, type, allow: s(allow), deny: s(deny) });

describe('computePermissions', () => {
  it("follows Discord's example: @everyone allows embeds, the member overwrite denies sending that a role granted", () => {
    const perms = computePermissions({
      guildId: GUILD, memberId: BOT, memberRoles: ['200'],
      roles: [role(GUILD, P.ViewChannel), role('200', P.SendMessages)],
      overwrites: [over(GUILD, 0, P.EmbedLinks | P.AddReactions), over(BOT, 1, 0n, P.SendMessages)],
    });
    expect(perms.guild).toBe(P.ViewChannel | P.SendMessages);
    expect(perms.channel).toBe(P.ViewChannel | P.EmbedLinks | P.AddReactions);
  });

  it('applies role overwrites together, an allow on one role beating a deny on another', () => {
    const perms = computePermissions({
      guildId: GUILD, memberId: BOT, memberRoles: ['200', '300'],
      roles: [role(GUILD, P.ViewChannel | P.SendMessages)],
      overwrites: [over('200', 0, 0n, P.SendMessages), over('300', 0, P.SendMessages), over('400', 0, 0n, P.ViewChannel)],
    });
    expect(perms.channel).toBe(P.ViewChannel | P.SendMessages);
  });

  it('gives an administrator everything, whatever the overwrites say', () => {
    const perms = computePermissions({
      guildId: GUILD, memberId: BOT, memberRoles: ['200'],
      roles: [role(GUILD, 0n), role('200', P.Administrator)],
      overwrites: [over(BOT, 1, 0n, P.ViewChannel)],
    });
    expect(perms.channel).toBe(PermissionsBitField.All);
    expect(missingPermissions(perms, REQUIRED)).toEqual([]);
  });

  it("says whether a missing permission was taken away by the channel or never granted", () => {
    const perms = computePermissions({
      guildId: GUILD, memberId: BOT, memberRoles: [],
      roles: [role(GUILD, P.ViewChannel | P.SendMessages | P.ReadMessageHistory)],
      overwrites: [over(GUILD, 0, 0n, P.SendMessages)],
    });
    expect(missingPermissions(perms, REQUIRED)).toEqual([
      { name: 'Send Messages', byOverwrite: true },
      { name: 'Embed Links', byOverwrite: false },
    ]);
  });
});
