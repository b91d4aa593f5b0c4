/**
 * The 👍 / 👎 / "more like this" / ⭐ save / 💬 Discuss controls under paper cards
 * (docs/adr/0016-discord-feedback-controls.md, docs/adr/0019-reading-list-and-export.md,
 * docs/adr/0020-discuss-threads.md). A message showing one paper gets a row of five buttons (a
 * row's maximum); a message showing several (up to 10 embeds) gets four string selects: one
 * listing "👍 title" and "👎 title" per paper, one listing the papers for "more like this", one for
 * "⭐ save" and one for "Discuss". Buttons per paper would need 50 for 10 papers, past Discord's 25
 * (5 rows × 5); the selects take 4 of the 5 rows whatever the count, leaving one row for paging
 * and undo buttons. Every id or value is `pb1:<verb>:<paper>`.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APISelectMenuOption } from 'discord.js';
import type { PaperCard } from '../../core/digest-model.js';
import { paperActionId, type PaperVerb } from '../../core/paper-actions.js';
import { createTranslator } from '../../i18n/translator.js';

export type MessageRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Localized labels of the controls. */
export interface PaperControlLabels {
  like: string;
  dislike: string;
  similar: string;
  save: string;
  discuss: string;
  votePlaceholder: string;
  similarPlaceholder: string;
  savePlaceholder: string;
  discussPlaceholder: string;
}

/** Discord's component limits. */
export const COMPONENT_LIMITS = { selectOptions: 25, optionLabel: 100, placeholder: 150, buttonLabel: 80, customId: 100 } as const;
/** custom_ids of the two selects; the chosen option's value is the paper action. */
export const VOTE_MENU_ID = 'pb1:menu:vote';
export const SIMILAR_MENU_ID = 'pb1:menu:similar';
export const SAVE_MENU_ID = 'pb1:menu:save';
export const DISCUSS_MENU_ID = 'pb1:menu:discuss';

export function paperControlLabels(locale: string): PaperControlLabels {
  const t = createTranslator(locale).t;
  return {
    like: t('button.like'),
    dislike: t('button.dislike'),
    similar: t('button.similar'),
    save: t('button.save'),
    discuss: t('button.discuss'),
    votePlaceholder: t('menu.vote'),
    similarPlaceholder: t('menu.similar'),
    savePlaceholder: t('menu.save'),
    discussPlaceholder: t('menu.discuss'),
  };
}

const cut = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

const id = (verb: PaperVerb, paperId: number) => paperActionId({ verb, paperId });

function button(label: string, customId: string, style: ButtonStyle.Secondary | ButtonStyle.Primary) {
  return { type: ComponentType.Button, style, label: cut(label, COMPONENT_LIMITS.buttonLabel) || '…', custom_id: customId } as const;
}

function buttonsRow(paperId: number, labels: PaperControlLabels): MessageRow {
  return {
    type: ComponentType.ActionRow,
    components: [
      button(labels.like, id('up', paperId), ButtonStyle.Secondary),
      button(labels.dislike, id('down', paperId), ButtonStyle.Secondary),
      button(labels.similar, id('similar', paperId), ButtonStyle.Primary),
      button(labels.save, id('save', paperId), ButtonStyle.Secondary),
      button(labels.discuss, id('discuss', paperId), ButtonStyle.Secondary),
    ],
  };
}

function select(customId: string, placeholder: string, options: APISelectMenuOption[]): MessageRow {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.StringSelect, custom_id: customId, placeholder: cut(placeholder, COMPONENT_LIMITS.placeholder), min_values: 1, max_values: 1, options }],
  };
}

function menus(cards: { paperId: number; title: string }[], labels: PaperControlLabels): MessageRow[] {
  // Two options per paper in the vote menu: 12 papers at most fill its 25.
  const voted = cards.slice(0, Math.floor(COMPONENT_LIMITS.selectOptions / 2));
  const option = (prefix: string, title: string, value: string): APISelectMenuOption => ({ label: cut(`${prefix} ${title}`, COMPONENT_LIMITS.optionLabel), value });
  const vote = voted.flatMap((c) => [option(labels.like, c.title, id('up', c.paperId)), option(labels.dislike, c.title, id('down', c.paperId))]);
  const listed = (verb: PaperVerb) => cards.slice(0, COMPONENT_LIMITS.selectOptions).map((c) => ({ label: cut(c.title, COMPONENT_LIMITS.optionLabel) || String(c.paperId), value: id(verb, c.paperId) }));
  return [
    select(VOTE_MENU_ID, labels.votePlaceholder, vote),
    select(SIMILAR_MENU_ID, labels.similarPlaceholder, listed('similar')),
    select(SAVE_MENU_ID, labels.savePlaceholder, listed('save')),
    select(DISCUSS_MENU_ID, labels.discussPlaceholder, listed('discuss')),
  ];
}

/** The controls for the papers a message shows (cards without a store id get none). */
export function paperControls(cards: PaperCard[], labels: PaperControlLabels): MessageRow[] {
  const seen = new Set<number>();
  const known = cards.filter((c): c is PaperCard & { paperId: number } => typeof c.paperId === 'number' && !seen.has(c.paperId) && !!seen.add(c.paperId));
  if (known.length === 0) return [];
  if (known.length === 1) return [buttonsRow(known[0]!.paperId, labels)];
  return menus(known, labels);
}

/** The store ids of the papers among `cards`, for the outbox (a reaction on a one-paper message is a vote). */
export function paperIdsOf(cards: PaperCard[]): number[] | undefined {
  const ids = cards.map((c) => c.paperId).filter((n): n is number => typeof n === 'number');
  return ids.length ? ids : undefined;
}
