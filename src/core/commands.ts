/**
 * The slash-command model shared by Discord and Slack: what was asked (CommandInput), who asked
 * where (CommandContext), and the platform-neutral answer (Answer) each adapter renders.
 * One use case per command lives in src/pipeline/commands/; adapters only translate.
 */
import type { Platform } from './chat-poster.js';
import type { PaperCard } from './digest-model.js';

export const COMMAND_NAMES = ['today', 'search', 'show', 'subscribe', 'unsubscribe', 'subscriptions', 'settings', 'status', 'help', 'like', 'dislike', 'similar', 'interests', 'save', 'unsave', 'saved', 'export'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Whose subscription: the asker's own (delivered by DM) or the channel's (posted there). */
export type SubscriptionScope = 'me' | 'channel';

/** A topic subscription, or "papers like the ones I (this channel) liked" (docs/adr/0018). */
export type SubscriptionKind = 'topic' | 'liked';

export type CommandInput =
  | { command: 'today'; topic?: string }
  | { command: 'search'; query: string; page?: number }
  | { command: 'show'; id: string }
  | { command: 'subscribe'; topic: string; scope: SubscriptionScope; kind?: 'topic' }
  /** A liked subscription; `cap` papers a day at most (default: config); a `topic` given with it is refused. */
  | { command: 'subscribe'; kind: 'liked'; scope: SubscriptionScope; cap?: number; topic?: string }
  | { command: 'unsubscribe'; target: string; scope: SubscriptionScope }
  | { command: 'subscriptions'; scope?: SubscriptionScope }
  | { command: 'settings'; channel?: { locale?: string; time?: string; timezone?: string; cadence?: string; weekday?: string }; me?: { locale?: string } }
  | { command: 'status' }
  | { command: 'help' }
  | { command: 'like' | 'dislike'; id: string }
  | { command: 'similar'; id: string }
  /** What a relevance profile holds (the asker's, or the channel's); remove one paper or seed from it, or clear it. */
  | { command: 'interests'; scope: SubscriptionScope; remove?: string; clear?: boolean }
  /** The reading list (docs/adr/0019-reading-list-and-export.md): save or unsave a paper, list it (paged, searchable), export it. */
  | { command: 'save' | 'unsave'; id: string }
  | { command: 'saved'; query?: string; page?: number }
  | { command: 'export'; format?: string };

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
  /**
   * The bot's message a Discord button, menu or reaction was on (its id): in a DM it says which
   * server's subscription sent the paper. Slack clicks carry their workspace and do not need it.
   */
  messageId?: string;
  /** How large a file the platform lets the bot attach here (Discord: the interaction's `attachment_size_limit`), and how many per answer. */
  upload?: UploadLimits;
}

export interface UploadLimits {
  maxBytes: number;
  maxFiles: number;
}

/** A file an answer carries (an export): Discord attaches it, Slack uploads it. */
export interface AnswerFile {
  name: string;
  mime: string;
  content: string;
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
  /** Files to attach (Discord) or upload (Slack), each within the context's upload limits. */
  files?: AnswerFile[];
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
