/**
 * The ChatPoster for Slack: renders Block Kit, posts with chat.postMessage (the delivery key in
 * the message metadata, so a lost answer can be recovered with findSent), paces posts per channel
 * and turns permanent errors into ChannelUnavailableError.
 */
import type { webApi } from '@slack/bolt';
import type { ChatPoster, ChatRenderer } from '../../core/chat-poster.js';
import type { Logger } from '../../log.js';
import { createChannelPacer } from './channel-pacer.js';
import { DELIVERY_EVENT, findDelivery } from './find-delivery.js';
import { renderSlackDigest } from './render-digest.js';
import { classifySlackError, isRateLimitRetry, platformErrorCode } from './slack-errors.js';

export interface SlackPosterOptions {
  /** Least time between two posts to one channel; Slack allows about one per second. */
  minIntervalMs?: number;
}

/** Slack's rendering and request bodies, with no client (previews). */
export const slackRenderer: ChatRenderer = {
  platform: 'slack',
  render: renderSlackDigest,
  requestBody: (channel, message, { key, threadOf }) => ({
    // The body cannot override where the message goes or the key it carries.
    ...message.body,
    channel,
    metadata: { event_type: DELIVERY_EVENT, event_payload: { key } },
    ...(threadOf ? { thread_ts: threadOf } : {}),
  }),
};

export function createSlackPoster(client: webApi.WebClient, log: Logger, { minIntervalMs = 1000 }: SlackPosterOptions = {}): ChatPoster {
  const pacer = createChannelPacer(minIntervalMs);

  const fail = (err: unknown, channel: string, method: string): unknown => {
    if (isRateLimitRetry(err) || platformErrorCode(err) === 'ratelimited') {
      log.warn({ channel, method, err: (err as Error).message }, 'slack rate limit outlasted the retries');
    }
    return classifySlackError(err, channel);
  };

  const { requestBody } = slackRenderer;

  return {
    ...slackRenderer,

    async send(channel, message, options) {
      const args = requestBody(channel, message, options);
      let result: unknown;
      try {
        result = await pacer.run(channel, () => client.apiCall('chat.postMessage', args));
      } catch (err) {
        throw fail(err, channel, 'chat.postMessage');
      }
      const ts = (result as { ts?: unknown }).ts;
      if (typeof ts !== 'string') throw new Error(`chat.postMessage to ${channel} answered ok without a ts`);
      return { messageId: ts };
    },

    async openDirect(userId) {
      try {
        const opened = (await client.apiCall('conversations.open', { users: userId })) as { channel?: { id?: string } };
        if (!opened.channel?.id) throw new Error(`conversations.open for ${userId} answered without a channel`);
        return opened.channel.id;
      } catch (err) {
        throw fail(err, userId, 'conversations.open');
      }
    },

    async findSent(channel, key, since) {
      try {
        return await findDelivery(client, channel, key, since);
      } catch (err) {
        throw fail(err, channel, 'conversations.history');
      }
    },
  };
}
