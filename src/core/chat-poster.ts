/**
 * The port every chat platform implements for sending. Discord, Slack and the console poster
 * are its implementations; tests use the real adapters against local fakes.
 */
import type { DigestLayout, DigestModel, OutgoingMessage } from './digest-model.js';

export type Platform = 'discord' | 'slack';

export interface SendOptions {
  /**
   * Stable key of this delivery (≤ 25 characters, [0-9a-z]). Discord uses it as the message
   * nonce with enforce_nonce; Slack stores it in the message metadata so `findSent` can see it.
   */
  key: string;
  /** Platform id of the message to reply under in a thread (the header of a thread layout). */
  threadOf?: string;
}

/** What a platform makes of a digest, without a client: previews need only this. */
export interface ChatRenderer {
  readonly platform: Platform | 'console';
  /** Renders a digest into the messages to send, within the platform's size limits. */
  render(model: DigestModel, layout: DigestLayout): OutgoingMessage[];
  /** The exact request body `send` would send (Discord create-message JSON, Slack chat.postMessage arguments). */
  requestBody(channel: string, message: OutgoingMessage, options: SendOptions): Record<string, unknown>;
}

export interface ChatPoster extends ChatRenderer {
  /** Sends one message; returns its platform id. Throws ChannelUnavailableError for permanent failures. */
  send(channel: string, message: OutgoingMessage, options: SendOptions): Promise<{ messageId: string }>;
  /** The direct-message channel with a user (opened if needed), for personal subscriptions. */
  openDirect(userId: string): Promise<string>;
  /**
   * For a message whose send may or may not have happened (a crash mid-request): the id of the
   * already-posted message with this key, if the platform can tell; undefined means "not posted".
   */
  findSent(channel: string, key: string, since: Date, message?: OutgoingMessage, threadOf?: string): Promise<string | undefined>;
}

/** The channel cannot take messages until someone fixes it (unknown channel, no access, bad token). */
export class ChannelUnavailableError extends Error {
  override name = 'ChannelUnavailableError';
  readonly reason: string;
  constructor(reason: string, message?: string) {
    super(message ?? reason);
    this.reason = reason;
  }
}
