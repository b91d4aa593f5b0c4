/**
 * Questions in discussion threads on Discord: a person's message that mentions the bot, in a
 * thread the discuss store knows, gets the LLM's answer as a reply (docs/adr/0020-discuss-threads.md).
 * Read from the gateway's MESSAGE_CREATE dispatch (GuildMessages intent, always asked for: replies
 * are counted too, discuss-replies.ts); a message that mentions the bot carries its content
 * without the privileged MessageContent intent, so none is needed. Replies never ping: `allowed_mentions` parses nothing
 * (not even the asker, who is in the thread anyway), and `@everyone` is broken up as well.
 */
import { GatewayDispatchEvents, Routes, type Client, type GatewayMessageCreateDispatchData } from 'discord.js';
import type { Logger } from '../../log.js';
import type { QuestionAnswerer, Reply } from '../../pipeline/discuss/answer-question.js';
import { breakMentions, fitEscaped } from './discord-markdown.js';
import { LIMITS } from './discord-limits.js';

const FENCE = /```/g;

/** The reply's text: the note in italics (escaped: it may name a paper's title), then the model's Markdown, within 2000. */
export function discordReplyText(reply: Reply): string {
  const note = reply.note ? `*${fitEscaped(reply.note, 500)}*` : '';
  if (!reply.answer) return note || '…';
  const room = LIMITS.content - (note ? note.length + 2 : 0) - 4;
  let answer = breakMentions(reply.answer.trim());
  if ([...answer].length > room) answer = `${[...answer].slice(0, room - 1).join('')}…`;
  // A code block cut open would swallow the rest of the message's formatting: close it.
  if ((answer.match(FENCE)?.length ?? 0) % 2 === 1) answer += '\n```';
  return note ? `${note}\n\n${answer}` : answer;
}

export function attachDiscussQuestions(client: Client, answer: QuestionAnswerer, log: Logger): () => void {
  async function onMessage(data: GatewayMessageCreateDispatchData): Promise<void> {
    const botId = client.user?.id;
    if (!botId || !data.guild_id || data.author.bot || data.webhook_id) return;
    if (!data.mentions.some((u) => u.id === botId)) return;
    const reply = await answer({ platform: 'discord', workspace: data.guild_id, userId: data.author.id, thread: data.channel_id, text: data.content, botId });
    if (!reply) return;
    await client.rest.post(Routes.channelMessages(data.channel_id), {
      body: {
        content: discordReplyText(reply),
        allowed_mentions: { parse: [], replied_user: false },
        message_reference: { message_id: data.id, fail_if_not_exists: false },
      },
    });
  }
  const listener = (data: GatewayMessageCreateDispatchData) =>
    void onMessage(data).catch((err: unknown) => log.error({ err, channel: data.channel_id, message: data.id }, 'discussion question failed'));
  client.ws.on(GatewayDispatchEvents.MessageCreate, listener);
  return () => void client.ws.off(GatewayDispatchEvents.MessageCreate, listener);
}
