/**
 * The slash-command model shared by Discord and Slack: what was asked (CommandInput), who asked
 * where (CommandContext), and the platform-neutral answer (Answer) each adapter renders.
 * One use case per command lives in src/pipeline/commands/; adapters only translate.
 */
import type { Platform } from './chat-poster.js';
import type { PaperCard } from './digest-model.js';

export const COMMAND_NAMES = ['today', 'search', 'show', 'subscribe', 'unsubscribe', 'subscriptions', 'settings', 'status', 'help', 'like', 'dislike', 'similar', 'interests'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Whose subscription: the asker's own (delivered by DM) or the channel's (posted there). */
export type SubscriptionScope = 'me' | 'channel';

export type CommandInput =
  | { command: 'today'; topic?: string }
  | { command: 'search'; query: string; page?: number }
  | { command: 'show'; id: string }
  | { command: 'subscribe'; topic: string; scope: SubscriptionScope }
  | { command: 'unsubscribe'; target: string; scope: SubscriptionScope }
  | { command: 'subscriptions'; scope?: SubscriptionScope }
  | { command: 'settings'; channel?: { locale?: string; time?: string; timezone?: string; cadence?: string; weekday?: string }; me?: { locale?: string } }
  | { command: 'status' }
  | { command: 'help' }
  | { command: 'like' | 'dislike'; id: string }
  | { command: 'similar'; id: string }
  /** What a relevance profile holds (the asker's, or the channel's); remove one paper or seed from it, or clear it. */
  | { command: 'interests'; scope: SubscriptionScope; remove?: string; clear?: boolean };

export interface CommandContext {
  platform: Platform;
  userId: string;
  /** The asker's locale as the platform reports it (Discord `interaction.locale`, Slack `users.info`). */
  platformLocale?: string;
  channelId: string;
  /** Discord guild or Slack team. */
  guildId?: string;
  /** Whether the asker may change this channel's settings and subscriptions. */
  canManageChannel: boolean;
  /** True in a direct message with the bot. */
  isDirect: boolean;
}

export interface AnswerButton {
  /** Localized label. */
  label: string;
  /** `danger` for destructive or undo buttons; default secondary. */
  style?: 'primary' | 'danger';
  /** Opaque payload the adapter round-trips (Discord custom_id ≤ 100, Slack action value ≤ 2000). */
  payload: string;
}

/** A localized answer; adapters render it as embeds or Block Kit and never add text of their own. */
export interface Answer {
  /** Visible to the asker only (the default for everything personal and every error). */
  ephemeral: boolean;
  title?: string;
  text?: string;
  cards?: PaperCard[];
  /** Plain localized lines (subscriptions, status, help). */
  lines?: string[];
  buttons?: AnswerButton[];
  /** Marks an error answer (for logs and tests; the text is already localized). */
  error?: string;
}

/**
 * An expected failure of a command (bad id, empty query, no permission): the key and params of
 * a localized message. Anything else that is thrown is logged and answered with a generic message.
 */
export class UserError extends Error {
  override name = 'UserError';
  readonly key: string;
  readonly params: Record<string, string | number>;
  constructor(key: string, params: Record<string, string | number> = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}
