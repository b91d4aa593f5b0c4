/**
 * The one-click row under a paper: 👍, 👎, "more like this", ⭐ save (docs/adr/0019-reading-list-and-export.md)
 * and 💬 Discuss (a thread for the paper, docs/adr/0020-discuss-threads.md) as buttons in one actions
 * block. Buttons rather than an overflow menu, because a vote is then one click, not two. Each
 * button's `value` is the platform-neutral action id (`pb1:<verb>:<paper>`, core/paper-actions.ts)
 * and its `action_id` is `pb1_<verb>_<paper>`: unique within a message (Slack requires it) as
 * long as a message shows a paper once, and matched by the listener in commands/paper-action.ts.
 */
import type { types } from '@slack/bolt';
import { paperActionId, type PaperAction, type PaperVerb } from '../../core/paper-actions.js';
import type { Localizer } from '../../core/translate.js';
import { createTranslator } from '../../i18n/translator.js';
import { fitPlain } from './mrkdwn.js';

/** The action_id prefix of every paper button; the listener is registered for it. */
export const PAPER_ACTION_PREFIX = 'pb1_';

/** Localized button labels (i18n `button.like`, `button.dislike`, `button.similar`, `button.save`). */
export interface FeedbackLabels {
  like: string;
  dislike: string;
  similar: string;
  save: string;
  discuss: string;
}

/** The labels in `locale` (a digest's), or from a translator already chosen (a command answer's). */
export function feedbackLabels(locale: string | Localizer): FeedbackLabels {
  const loc = typeof locale === 'string' ? createTranslator(locale) : locale;
  return { like: loc.t('button.like'), dislike: loc.t('button.dislike'), similar: loc.t('button.similar'), save: loc.t('button.save'), discuss: loc.t('button.discuss') };
}

/** Slack's button text limit is 75 characters. */
const BUTTON_TEXT = 75;

/** The action_id of the button for `action`: `pb1_up_42`. */
export function paperActionElementId(action: PaperAction): string {
  return `${PAPER_ACTION_PREFIX}${action.verb}_${action.paperId}`;
}

export function paperButton(verb: PaperVerb, paperId: number, label: string, style?: 'primary' | 'danger'): types.Button {
  return {
    type: 'button',
    action_id: paperActionElementId({ verb, paperId }),
    value: paperActionId({ verb, paperId }),
    text: { type: 'plain_text', text: fitPlain(label || '…', BUTTON_TEXT), emoji: true },
    ...(style ? { style } : {}),
  };
}

export function feedbackBlock(paperId: number, labels: FeedbackLabels): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: `${PAPER_ACTION_PREFIX}${paperId}`,
    elements: [
      paperButton('up', paperId, labels.like),
      paperButton('down', paperId, labels.dislike),
      paperButton('similar', paperId, labels.similar),
      paperButton('save', paperId, labels.save),
      paperButton('discuss', paperId, labels.discuss),
    ],
  };
}
