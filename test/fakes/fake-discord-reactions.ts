/**
 * MESSAGE_REACTION_ADD / MESSAGE_REACTION_REMOVE as Discord dispatches them (Gateway Events docs):
 * the add carries the member (in a guild) and the id of the message's author; the remove carries
 * neither. Which intent a session needs to get them: GUILD_MESSAGE_REACTIONS (1 << 10) in a
 * server, DIRECT_MESSAGE_REACTIONS (1 << 13) in a DM.
 */
import type { Json } from './discord-form-errors.js';

export interface Reaction {
  userId: string;
  channelId: string;
  messageId: string;
  /** A unicode emoji ('👍'); custom emoji are not modelled. */
  emoji: string;
  bot?: boolean;
  /** The message's author, for a message the fake did not create (the bot's messages are found by id). */
  authorId?: string;
}

export const GUILD_MESSAGE_REACTIONS = 1 << 10;
export const DIRECT_MESSAGE_REACTIONS = 1 << 13;

export function reactionDispatch(kind: 'add' | 'remove', r: Reaction, guildId: string | undefined, authorId: string | undefined) {
  const user = { id: r.userId, username: `user${r.userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, ...(r.bot ? { bot: true } : {}) };
  const base: Json = { user_id: r.userId, type: 0, message_id: r.messageId, emoji: { id: null, name: r.emoji }, channel_id: r.channelId, burst: false, ...(guildId ? { guild_id: guildId } : {}) };
  const member = { user, roles: [], joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0 };
  const data: Json = kind === 'remove' ? base : { ...base, burst_colors: [], ...((r.authorId ?? authorId) ? { message_author_id: r.authorId ?? authorId } : {}), ...(guildId ? { member } : {}) };
  return { event: kind === 'add' ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE', data, intent: guildId ? GUILD_MESSAGE_REACTIONS : DIRECT_MESSAGE_REACTIONS };
}
