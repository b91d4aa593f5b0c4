/**
 * Every interaction Paperboy answers: `/papers` slash commands, the search paging buttons, the
 * papers' 👍 / 👎 / "more like this" buttons and selects (paper-clicks.ts) and autocomplete for
 * `show`, `like`, `dislike`, `similar` and `subscribe`. A component id it does not know is
 * answered with `error.stale_action`. One try/catch around the dispatch: whatever fails is
 * answered with the localized error (ephemeral) and logged; nothing throws out of the listener.
 */
import {
  Events,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { UserError, type CommandContext, type CommandInput } from '../../../core/commands.js';
import type { Logger } from '../../../log.js';
import { answerLocale } from '../../../pipeline/commands/answer-locale.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { errorAnswer, handleCommand } from '../../../pipeline/commands/handle-command.js';
import { DEFAULT_UPLOAD } from '../../../pipeline/commands/reading-list.js';
import { paperChoices, topicChoices } from './autocomplete.js';
import { commandInput } from './command-options.js';
import { controlLabels, handlePaperClick, isPaperClick } from './paper-clicks.js';
import { renderAnswer, renderEdit } from './render-answer.js';

/** Commands that read many papers: acknowledged first so the 3-second deadline never bites. */
const SLOW = new Set<CommandInput['command']>(['search', 'today', 'similar', 'export']);
/** Subcommands whose `id` option suggests papers as the user types. */
const PAPER_ID_OPTIONS = new Set(['show', 'like', 'dislike', 'similar', 'interests', 'save', 'unsave']);
/** Paging buttons: `search|<page>|<query>` and `saved|<page>|<query>` (the reading list's words may be empty). */
const PAGE_PAYLOAD = /^(search|saved)\|(\d{1,4})\|(.*)$/s;
/** Discord's per-message attachment count; each export part goes in a message of its own. */
const FILES_PER_ANSWER = 10;

/**
 * Who asked where. In a DM there is no channel to manage: the channel scope is refused there
 * (personal subscriptions are delivered by DM already), so canManageChannel is false.
 */
export function commandContext(interaction: Interaction): CommandContext {
  const guildId = interaction.guildId ?? undefined;
  return {
    platform: 'discord',
    userId: interaction.user.id,
    platformLocale: interaction.locale,
    channelId: interaction.channelId ?? interaction.user.id,
    ...(guildId ? { guildId } : {}),
    canManageChannel: !!guildId && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false),
    isDirect: !guildId,
    ...(interaction.isMessageComponent() ? { messageId: interaction.message.id } : {}),
    // Discord tells each interaction how large an attachment may be there (it depends on the server's boosts).
    upload: { maxBytes: interaction.attachmentSizeLimit || DEFAULT_UPLOAD.maxBytes, maxFiles: FILES_PER_ANSWER },
  };
}

async function chatInput(interaction: ChatInputCommandInteraction, ctx: CommandContext, deps: CommandDeps, log: Logger): Promise<void> {
  const input = commandInput(interaction);
  if (!input) throw new UserError('error.unknown_command', { command: `${interaction.commandName} ${interaction.options.getSubcommand(false) ?? ''}`.trim() });
  const labels = controlLabels(ctx, deps);
  if (!SLOW.has(input.command)) return void (await interaction.reply(renderAnswer(handleCommand(ctx, input, deps, log), labels)));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const answer = handleCommand(ctx, input, deps, log);
  const [first, ...more] = answer.files ?? [];
  await interaction.editReply(renderEdit({ ...answer, ...(first ? { files: [first] } : {}) }, labels));
  // An export in parts: one file per message, so no request carries more than one attachment limit.
  for (const file of more) await interaction.followUp(renderAnswer({ ephemeral: true, text: file.name, files: [file] }));
}

/** A paging button: the same search (or reading list), another page, in place of the message it sits on. Paper buttons go to paper-clicks.ts. */
async function button(interaction: ButtonInteraction, ctx: CommandContext, deps: CommandDeps, log: Logger): Promise<void> {
  if (isPaperClick(interaction)) return handlePaperClick(interaction, ctx, deps, log);
  const m = PAGE_PAYLOAD.exec(interaction.customId);
  if (!m || (m[1] === 'search' && !m[3])) throw new UserError('error.stale_action');
  const page = Math.max(1, Number(m[2]));
  const input: CommandInput = m[1] === 'saved' ? { command: 'saved', query: m[3]!, page } : { command: 'search', query: m[3]!, page };
  const answer = handleCommand(ctx, input, deps, log);
  const labels = controlLabels(ctx, deps);
  if (answer.error) return void (await interaction.reply(renderAnswer(answer, labels)));
  await interaction.update(renderEdit(answer, labels));
}

async function select(interaction: StringSelectMenuInteraction, ctx: CommandContext, deps: CommandDeps, log: Logger): Promise<void> {
  if (!isPaperClick(interaction)) throw new UserError('error.stale_action');
  await handlePaperClick(interaction, ctx, deps, log);
}

async function autocomplete(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const sub = interaction.options.getSubcommand(false);
  const typed = String(focused.value);
  if (sub && PAPER_ID_OPTIONS.has(sub) && (focused.name === 'id' || focused.name === 'remove')) return interaction.respond(paperChoices(deps, typed));
  if (sub === 'subscribe' && focused.name === 'topic') return interaction.respond(topicChoices(typed));
  await interaction.respond([]);
}

async function dispatch(interaction: Interaction, ctx: CommandContext, deps: CommandDeps, log: Logger): Promise<void> {
  if (interaction.isAutocomplete()) return autocomplete(interaction, deps);
  if (interaction.isChatInputCommand()) return chatInput(interaction, ctx, deps, log);
  if (interaction.isButton()) return button(interaction, ctx, deps, log);
  if (interaction.isStringSelectMenu()) return select(interaction, ctx, deps, log);
  if (interaction.isMessageComponent() && interaction.isRepliable()) throw new UserError('error.stale_action');
}

export async function handleDiscordInteraction(interaction: Interaction, deps: CommandDeps, log: Logger): Promise<void> {
  const ctx = commandContext(interaction);
  try {
    await dispatch(interaction, ctx, deps, log);
  } catch (err) {
    await answerFailure(interaction, ctx, deps, log, err).catch((again: unknown) =>
      log.error({ err: again, cause: err, interaction: interaction.id }, 'discord interaction error answer failed'),
    );
  }
}

async function answerFailure(interaction: Interaction, ctx: CommandContext, deps: CommandDeps, log: Logger, err: unknown): Promise<void> {
  if (interaction.isAutocomplete()) {
    log.error({ err, interaction: interaction.id }, 'discord autocomplete failed');
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const answer = errorAnswer(err, ctx, undefined, answerLocale(ctx, deps), log);
  if (interaction.deferred && !interaction.replied) await interaction.editReply(renderEdit(answer));
  else if (interaction.replied || interaction.deferred) await interaction.followUp(renderAnswer(answer));
  else await interaction.reply(renderAnswer(answer));
}

/** Answers interactions on `client` until the returned function is called. */
export function attachInteractionHandler(client: Client, deps: CommandDeps, log: Logger): () => void {
  const listener = (interaction: Interaction) => void handleDiscordInteraction(interaction, deps, log);
  client.on(Events.InteractionCreate, listener);
  return () => void client.off(Events.InteractionCreate, listener);
}
