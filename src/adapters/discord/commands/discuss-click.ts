/**
 * A Discuss click on Discord (the 💬 button of a one-paper message, or the "Discuss…" select of
 * a several-paper one): opens the paper's discussion thread, or points to the one it already has
 * in this channel, in an ephemeral answer that links to it. Deferred first: it takes a few REST
 * calls. Where the thread goes is discuss-threads.ts's decision.
 */
import { MessageFlags, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { UserError, type CommandContext } from '../../../core/commands.js';
import type { Logger } from '../../../log.js';
import { answerLocale } from '../../../pipeline/commands/answer-locale.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { openDiscussion } from '../../../pipeline/discuss/open-discussion.js';
import { fitEscaped } from '../discord-markdown.js';
import { createDiscordThreadHost, placeFor, type ClickOrigin } from '../discuss-threads.js';

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

/** 32: HAS_THREAD, a thread was started on the message. */
const HAS_THREAD = 32;

function originOf(interaction: ComponentInteraction): ClickOrigin {
  const m = interaction.message;
  return {
    channelId: interaction.channelId,
    button: interaction.isButton(),
    appPermissions: interaction.appPermissions?.bitfield,
    message: { id: m.id, authorId: m.author.id, ephemeral: m.flags.has(MessageFlags.Ephemeral), hasThread: m.flags.has(HAS_THREAD) || m.hasThread },
  };
}

export async function handleDiscussClick(interaction: ComponentInteraction, ctx: CommandContext, paperId: number, deps: CommandDeps, log: Logger): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const t = answerLocale(ctx, deps).t;
  if (!interaction.inGuild()) throw new UserError('discuss.not_here');
  const botId = interaction.client.user.id;
  const { place, home } = await placeFor(interaction.client, originOf(interaction), botId);
  const where = { ...ctx, channelId: home };
  // The interaction's app_permissions are the click channel's: they say what is missing only when the thread goes there.
  const host = createDiscordThreadHost(interaction.client, place, place.channel === interaction.channelId ? interaction.appPermissions?.bitfield : undefined);
  const opened = await openDiscussion(where, paperId, deps, host);
  log.info({ paper: paperId, thread: opened.thread, created: opened.created, place: place.kind, user: ctx.userId }, 'discussion thread opened');
  // <#id> links to the thread for everyone who can see it; the title is escaped, the whole is within 2000.
  const link = `<#${opened.thread}> (${fitEscaped(opened.title, 300)})`;
  await interaction.editReply({ content: t(opened.created ? 'discuss.opened' : 'discuss.reopened', { thread: link }), allowedMentions: { parse: [] } });
}
