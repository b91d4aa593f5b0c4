/**
 * A click on a paper's 👍 / 👎 / "more like this" / ⭐ button, on an option of a digest's vote,
 * "more like this" or save select, or on the Undo button of a confirmation; 💬 Discuss (button or
 * select) goes on to discuss-click.ts. Stateless: the id (or the
 * chosen value) and the database are all it needs, so a week-old message still works after a
 * restart. The interaction id is the click's dedupe key: the same interaction delivered twice
 * records one vote. An id this bot did not make, or made in another version, is answered with
 * `error.stale_action`, never left unanswered.
 */
import { MessageFlags, type ButtonInteraction, type Interaction, type StringSelectMenuInteraction } from 'discord.js';
import { UserError, type CommandContext } from '../../../core/commands.js';
import { isPaperboyActionId, parsePaperActionId } from '../../../core/paper-actions.js';
import type { Logger } from '../../../log.js';
import { answerLocale } from '../../../pipeline/commands/answer-locale.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { handlePaperAction } from '../../../pipeline/commands/handle-command.js';
import { paperControlLabels, type PaperControlLabels } from '../paper-components.js';
import { handleDiscussClick } from './discuss-click.js';
import { renderAnswer, renderEdit } from './render-answer.js';

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

/** The labels of the controls on an answer, in the asker's language. */
export function controlLabels(ctx: CommandContext, deps: CommandDeps): PaperControlLabels {
  return paperControlLabels(answerLocale(ctx, deps).locale);
}

/**
 * Where a click counts: a click in a digest's thread counts for the channel the digest was
 * posted in (the thread's parent), as a click on a digest message in the channel does.
 */
export function clickContext(interaction: Interaction, ctx: CommandContext): CommandContext {
  const channel = interaction.channel;
  return channel?.isThread() && channel.parentId ? { ...ctx, channelId: channel.parentId } : ctx;
}

/** The action a component names: the button's custom_id, or the chosen option of a Paperboy select. */
function actionIdOf(interaction: ComponentInteraction): string {
  if (interaction.isButton()) return interaction.customId;
  const value = interaction.values[0];
  if (!isPaperboyActionId(interaction.customId) || value === undefined) throw new UserError('error.stale_action');
  return value;
}

/** True for a component this module answers (any `pb<N>:` id, stale ones included). */
export function isPaperClick(interaction: ComponentInteraction): boolean {
  return isPaperboyActionId(interaction.customId);
}

export async function handlePaperClick(interaction: ComponentInteraction, ctx: CommandContext, deps: CommandDeps, log: Logger): Promise<void> {
  const id = actionIdOf(interaction);
  const where = clickContext(interaction, ctx);
  const labels = controlLabels(where, deps);
  const action = parsePaperActionId(id);
  const verb = action?.verb;
  if (action?.verb === 'discuss') return handleDiscussClick(interaction, where, action.paperId, deps, log);
  if (verb === 'similar') {
    // A query over the whole store: acknowledged first so the 3-second deadline never bites.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    return void (await interaction.editReply(renderEdit(handlePaperAction(where, id, deps, log, 'button', interaction.id), labels)));
  }
  const answer = handlePaperAction(where, id, deps, log, 'button', interaction.id);
  // Undo (of a vote or a save) or save-again on the confirmation itself (an ephemeral message) replaces it; anywhere else it answers anew.
  const onConfirmation = (verb === 'undo' || verb === 'unsave' || verb === 'save') && interaction.message.flags.has(MessageFlags.Ephemeral);
  if (onConfirmation && !answer.error) return void (await interaction.update(renderEdit(answer, labels)));
  await interaction.reply(renderAnswer({ ...answer, ephemeral: true }, labels));
}
