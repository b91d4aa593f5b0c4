/**
 * One entry point for every slash command on every platform: dispatch to the use case, and
 * turn failures into localized answers. A UserError is the asker's mistake and says so; anything
 * else is logged with its context and answered with a generic message (no stack, no SQL).
 */
import { UserError, type Answer, type CommandContext, type CommandInput } from '../../core/commands.js';
import { parseCommandText } from '../../core/parse-command-text.js';
import type { Logger } from '../../log.js';
import { answerLocale } from './answer-locale.js';
import type { CommandDeps } from './command-deps.js';
import { parsePaperActionId, voteValue } from '../../core/paper-actions.js';
import { interests, likeCommand, vote, type FeedbackOrigin } from './feedback.js';
import { help, status } from './help-status.js';
import { exportSaved, saveCommand, savedList, savePaper, unsavePaper } from './reading-list.js';
import { search, show, similar, today } from './lookup.js';
import { settings } from './settings.js';
import { listSubscriptions, subscribe, unsubscribe } from './subscriptions.js';

export function handleCommand(ctx: CommandContext, input: CommandInput, deps: CommandDeps, log: Logger): Answer {
  const started = performance.now();
  const answer = dispatch(ctx, input, deps, log);
  const outcome = answer.error === undefined ? 'ok' : answer.error === 'error.generic' ? 'error' : 'user_error';
  deps.metrics?.commandAnswered({ platform: ctx.platform, command: input.command, outcome, seconds: (performance.now() - started) / 1000 });
  return answer;
}

function dispatch(ctx: CommandContext, input: CommandInput, deps: CommandDeps, log: Logger): Answer {
  const loc = answerLocale(ctx, deps);
  try {
    switch (input.command) {
      case 'today':
        return today(ctx, deps, loc, input.topic);
      case 'search':
        return search(ctx, deps, loc, input.query, input.page);
      case 'show':
        return show(ctx, deps, loc, input.id);
      case 'subscribe':
        return subscribe(ctx, deps, loc, input);
      case 'unsubscribe':
        return unsubscribe(ctx, deps, loc, input.target, input.scope);
      case 'subscriptions':
        return listSubscriptions(ctx, deps, loc, input.scope);
      case 'settings':
        return settings(ctx, deps, loc, input);
      case 'status':
        return status(ctx, deps, loc);
      case 'help':
        return help(loc);
      case 'like':
      case 'dislike':
        return likeCommand(ctx, deps, loc, input.id, input.command === 'like' ? 1 : -1);
      case 'similar':
        return similar(ctx, deps, loc, input.id);
      case 'interests':
        return interests(ctx, deps, loc, input.scope, input.remove, input.clear);
      case 'save':
      case 'unsave':
        return saveCommand(ctx, deps, loc, input.id, input.command === 'save');
      case 'saved':
        return savedList(ctx, deps, loc, input.query, input.page);
      case 'export':
        return exportSaved(ctx, deps, loc, input.format);
    }
  } catch (err) {
    return errorAnswer(err, ctx, input, loc, log);
  }
}

/** Slack's `/papers <text>`: parse the text, then handle it; a malformed command is answered like any UserError. */
export function handleCommandText(ctx: CommandContext, text: string, deps: CommandDeps, log: Logger): Answer {
  let input: CommandInput;
  try {
    input = parseCommandText(text);
  } catch (err) {
    const answer = errorAnswer(err, ctx, undefined, answerLocale(ctx, deps), log);
    deps.metrics?.commandAnswered({ platform: ctx.platform, command: 'unparsed', outcome: 'user_error', seconds: 0 });
    return answer;
  }
  return handleCommand(ctx, input, deps, log);
}

/**
 * A click on a paper's button or menu (`pb1:<verb>:<paper>`, core/paper-actions.ts), or a
 * reaction mapped to one: records the vote, answers "more like this", or saves / unsaves. `dedupeKey` is the
 * platform's id of the click, so a retried delivery records once. An id from another version
 * or another app is answered clearly, never dropped.
 */
export function handlePaperAction(ctx: CommandContext, actionId: string, deps: CommandDeps, log: Logger, origin: FeedbackOrigin = 'button', dedupeKey?: string): Answer {
  const loc = answerLocale(ctx, deps);
  const action = parsePaperActionId(actionId);
  try {
    if (!action) throw new UserError('error.stale_action');
    // Discuss opens a thread on the platform: the adapters handle it before it gets here (open-discussion.ts).
    if (action.verb === 'discuss') throw new UserError('discuss.unavailable');
    const value = voteValue(action.verb);
    const answer =
      action.verb === 'save' ? savePaper(ctx, deps, loc, action.paperId, origin === 'command' ? 'command' : 'button')
      : action.verb === 'unsave' ? unsavePaper(ctx, deps, loc, action.paperId)
      : value === undefined ? similar(ctx, deps, loc, action.paperId)
      : vote(ctx, deps, loc, action.paperId, value, origin, dedupeKey);
    deps.metrics?.commandAnswered({ platform: ctx.platform, command: `action:${action.verb}`, outcome: answer.error ? 'user_error' : 'ok', seconds: 0 });
    return answer;
  } catch (err) {
    return errorAnswer(err, ctx, undefined, loc, log);
  }
}

/** The answer for a failure; exported for adapters that fail before a command is parsed. */
export function errorAnswer(err: unknown, ctx: CommandContext, input: CommandInput | undefined, loc: { t(key: string, params?: Record<string, string | number>): string }, log: Logger): Answer {
  if (err instanceof UserError) return { ephemeral: true, text: loc.t(err.key, err.params), error: err.key };
  log.error({ err, platform: ctx.platform, user: ctx.userId, channel: ctx.channelId, command: input?.command }, 'command failed');
  return { ephemeral: true, text: loc.t('error.generic'), error: 'error.generic' };
}
