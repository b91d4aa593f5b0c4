/**
 * From a Slack request to the neutral CommandContext, and the guard every listener runs its
 * command inside: whatever fails becomes a localized error answer, and a failed respond() is
 * logged, so nothing throws out of a listener and no stack or SQL reaches the asker.
 */
import type { Answer, CommandContext } from '../../../core/commands.js';
import { createTranslator } from '../../../i18n/translator.js';
import type { Logger } from '../../../log.js';
import { answerLocale } from '../../../pipeline/commands/answer-locale.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';
import { errorAnswer } from '../../../pipeline/commands/handle-command.js';
import { feedbackLabels } from '../feedback-blocks.js';
import type { LookupUser } from './slack-users.js';
import { renderAnswer, type SlackReply } from './render-answer.js';
import { SLACK_UPLOAD, type UploadFiles } from '../upload-files.js';

export interface SlackAsker {
  userId: string;
  channelId: string;
  /** `directmessage` for a DM, as slash commands send it; absent for button clicks. */
  channelName?: string;
  teamId?: string;
}

export interface CommandOptions {
  /** Slack user ids that may manage any channel's subscriptions and settings besides workspace admins and owners. */
  admins?: readonly string[];
  /** Where an answer's files go (the asker's DM); without it an export is answered as failed. */
  uploadFiles?: UploadFiles;
}

export type Respond = (message: SlackReply & { replace_original?: boolean }) => Promise<unknown>;

export async function buildContext(asker: SlackAsker, lookupUser: LookupUser, options: CommandOptions): Promise<CommandContext> {
  const user = await lookupUser(asker.userId);
  return {
    platform: 'slack',
    userId: asker.userId,
    channelId: asker.channelId,
    ...(asker.teamId ? { guildId: asker.teamId } : {}),
    ...(user.locale ? { platformLocale: user.locale } : {}),
    canManageChannel: user.isAdmin || (options.admins ?? []).includes(asker.userId),
    isDirect: asker.channelName === 'directmessage' || asker.channelId.startsWith('D'),
    upload: SLACK_UPLOAD,
  };
}

/** An answer with files: the files go to the asker's DM, the answer says so (or that the upload failed). */
async function withUploads(answer: Answer, asker: SlackAsker, options: CommandOptions, loc: { t(key: string): string }, log: Logger): Promise<Answer> {
  const { files, ...rest } = answer;
  if (!files?.length) return answer;
  try {
    if (!options.uploadFiles) throw new Error('no uploader is wired');
    await options.uploadFiles(asker.userId, files, rest.text ?? '');
    return { ...rest, text: [rest.text, loc.t('saved.sent_to_dm')].filter(Boolean).join('\n') };
  } catch (err) {
    log.warn({ err, user: asker.userId, files: files.map((f) => f.name) }, 'slack file upload failed');
    return { ephemeral: true, text: loc.t('saved.upload_failed'), error: 'saved.upload_failed' };
  }
}

/**
 * Runs `answer` for the asker and sends what it gives (or the error answer) through `respond`;
 * never throws. With `deps`, cards carry their feedback buttons, labelled in the answer's language.
 */
export async function answerWith(
  asker: SlackAsker,
  lookupUser: LookupUser,
  options: CommandOptions,
  log: Logger,
  respond: Respond,
  answer: (ctx: CommandContext) => Answer,
  extra: { replace_original?: boolean } = {},
  deps?: CommandDeps,
): Promise<void> {
  let ctx: CommandContext = { platform: 'slack', userId: asker.userId, channelId: asker.channelId, canManageChannel: false, isDirect: false };
  let reply: SlackReply;
  try {
    ctx = await buildContext(asker, lookupUser, options);
    const loc = deps ? answerLocale(ctx, deps) : createTranslator(ctx.platformLocale ?? 'en');
    const given = await withUploads(answer(ctx), asker, options, loc, log);
    reply = renderAnswer(given, deps ? feedbackLabels(loc) : undefined);
  } catch (err) {
    const loc = createTranslator(ctx.platformLocale ?? 'en');
    reply = renderAnswer(errorAnswer(err, ctx, undefined, loc, log));
  }
  try {
    await respond({ ...reply, ...extra });
  } catch (err) {
    log.warn({ err, user: asker.userId, channel: asker.channelId }, 'slack respond failed');
  }
}
