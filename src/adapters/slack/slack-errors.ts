/**
 * Sorting @slack/web-api errors into "this channel cannot take messages until someone fixes it"
 * and everything else, which the caller treats as transient and may retry later.
 */
import { webApi } from '@slack/bolt';
import { ChannelUnavailableError } from '../../core/chat-poster.js';

/**
 * Platform errors that no retry will fix: the channel is gone or closed to us, or the token is.
 * (chat.postMessage and conversations.history reference, Slack API docs.)
 */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'ekm_access_denied',
  'access_denied',
  'team_access_not_granted',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  // conversations.open for a personal subscription: the user left or cannot be messaged.
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
]);

/** The `error` string of a Slack platform error (`{ok: false, error}`), if `err` is one. */
export function platformErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; data?: { error?: unknown } };
  return e.code === webApi.ErrorCode.PlatformError && typeof e.data?.error === 'string' ? e.data.error : undefined;
}

/** `err` as a ChannelUnavailableError when it is permanent, else `err` itself (rate limits, 5xx, network, bad blocks). */
export function classifySlackError(err: unknown, channel: string): unknown {
  const code = platformErrorCode(err);
  if (code && PERMANENT.has(code)) return new ChannelUnavailableError(code, `Slack channel ${channel}: ${code}`);
  return err;
}

/**
 * web-api signals a 429 it is allowed to retry by throwing, after sleeping Retry-After, a request
 * error whose original message says so; this is the only mark it leaves.
 */
export function isRateLimitRetry(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; original?: { message?: unknown } };
  return e.code === webApi.ErrorCode.RequestError && String(e.original?.message ?? '').startsWith('A rate limit was exceeded');
}
