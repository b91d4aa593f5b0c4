/** The poster used when no chat token is set: prints each message to stdout, so the bot shows its work. */
import type { ChatPoster } from '../../core/chat-poster.js';
import { renderTextDigest } from './render-text.js';

export function createConsolePoster(write: (text: string) => void = (t) => process.stdout.write(t)): ChatPoster {
  let n = 0;
  return {
    platform: 'console',
    render: renderTextDigest,
    requestBody: (_channel, message) => message.body,
    async send(channel, message, options) {
      const text = typeof message.body.text === 'string' ? message.body.text : JSON.stringify(message.body);
      const thread = options.threadOf ? ` (thread ${options.threadOf})` : '';
      write(`\n── to ${channel}${thread} ──\n${text}\n`);
      n++;
      return { messageId: `console-${Date.now()}-${n}` };
    },
    async openDirect(userId) {
      return `dm:${userId}`;
    },
    async findSent() {
      return undefined;
    },
  };
}
