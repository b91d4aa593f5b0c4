/**
 * A ChatPoster that records what it is asked to send, for pipeline tests (STYLE: a recording
 * implementation of the port, no module mocks). It renders with the plain-text renderer and can
 * be told to fail the next sends the way real platforms fail.
 */
import { renderTextDigest } from '../../src/adapters/console/render-text.js';
import { ChannelUnavailableError, type ChatPoster, type Platform } from '../../src/core/chat-poster.js';
import type { OutgoingMessage } from '../../src/core/digest-model.js';

export interface Sent {
  channel: string;
  key: string;
  threadOf?: string;
  text: string;
  messageId: string;
}

export type Failure = { permanent: string } | { transient: string };

export function createRecordingPoster(platform: Platform = 'discord') {
  const sent: Sent[] = [];
  const failures: Failure[] = [];
  let n = 0;
  const poster: ChatPoster & { sent: Sent[]; failNext(f: Failure): void; findSentCalls: string[] } = {
    platform,
    sent,
    findSentCalls: [],
    failNext(f) {
      failures.push(f);
    },
    render: renderTextDigest,
    requestBody: (_channel, message) => message.body,
    async send(channel: string, message: OutgoingMessage, options) {
      const f = failures.shift();
      if (f && 'permanent' in f) throw new ChannelUnavailableError(f.permanent);
      if (f && 'transient' in f) throw new Error(f.transient);
      const messageId = `m${++n}`;
      sent.push({ channel, key: options.key, ...(options.threadOf ? { threadOf: options.threadOf } : {}), text: String(message.body.text), messageId });
      return { messageId };
    },
    async openDirect(userId: string) {
      const f = failures[0];
      if (f && 'permanent' in f && f.permanent === 'cannot_dm') {
        failures.shift();
        throw new ChannelUnavailableError('cannot_dm');
      }
      return `dm-${userId}`;
    },
    async findSent(channel: string, key: string) {
      poster.findSentCalls.push(key);
      return sent.find((s) => s.channel === channel && s.key === key)?.messageId;
    },
  };
  return poster;
}
