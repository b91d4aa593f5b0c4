/**
 * Replies in discussion threads on Discord, counted for the weekly digest (docs/adr/0021-weekly-digest.md):
 * a person's message (MESSAGE_CREATE, GuildMessages intent) whose channel is a thread the discuss
 * store knows is recorded (who and when; the text is neither read nor kept, and arrives empty
 * anyway without the privileged Message Content intent). Bots' and webhooks' messages (the bot's
 * opening card and answers among them) and system messages do not count; a deleted message
 * (MESSAGE_DELETE) no longer does. Read from the raw dispatch: discord.js caches no message.
 */
import { GatewayDispatchEvents, MessageType, type Client, type GatewayMessageCreateDispatchData, type GatewayMessageDeleteDispatchData } from 'discord.js';
import type { DiscussStore } from '../../db/discuss-store.js';
import type { Logger } from '../../log.js';

/** What people write: a message, or a reply to one. Joins, pins, thread notices and the like are not replies. */
const PERSON_TYPES = new Set<number>([MessageType.Default, MessageType.Reply]);

export function attachDiscussReplies(client: Client, store: Pick<DiscussStore, 'recordReply' | 'forgetReply'>, now: () => Date, log: Logger): () => void {
  const onCreate = (data: GatewayMessageCreateDispatchData) => {
    if (!data.guild_id || data.author.bot || data.webhook_id || !PERSON_TYPES.has(data.type)) return;
    try {
      store.recordReply({ platform: 'discord', thread: data.channel_id, messageId: data.id, actor: data.author.id, at: now().toISOString() });
    } catch (err) {
      log.error({ err, channel: data.channel_id, message: data.id }, 'recording a discussion reply failed');
    }
  };
  const onDelete = (data: GatewayMessageDeleteDispatchData) => {
    try {
      store.forgetReply('discord', data.id);
    } catch (err) {
      log.error({ err, channel: data.channel_id, message: data.id }, 'forgetting a deleted discussion reply failed');
    }
  };
  client.ws.on(GatewayDispatchEvents.MessageCreate, onCreate);
  client.ws.on(GatewayDispatchEvents.MessageDelete, onDelete);
  return () => {
    client.ws.off(GatewayDispatchEvents.MessageCreate, onCreate);
    client.ws.off(GatewayDispatchEvents.MessageDelete, onDelete);
  };
}
