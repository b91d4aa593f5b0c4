/**
 * The language of an answer: the asker's own setting, else the platform's locale for them
 * (Discord sends it with every interaction), else the channel's, else English.
 */
import type { CommandContext } from '../../core/commands.js';
import { createTranslator, type Translator } from '../../i18n/translator.js';
import type { CommandDeps } from './command-deps.js';

export function answerLocale(ctx: CommandContext, deps: CommandDeps): Translator {
  const own = deps.users.locale(ctx.platform, ctx.userId);
  if (own) return createTranslator(own);
  if (ctx.platformLocale) return createTranslator(ctx.platformLocale);
  const channel = deps.channels.find(ctx.channelId);
  return createTranslator(channel?.locale ?? 'en');
}
