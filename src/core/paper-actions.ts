/**
 * What a click on a paper asks for, as a short, versioned, parseable id that Discord's
 * `custom_id` (≤ 100) and Slack's `action_id`/`value` carry: `pb1:<verb>:<paper id>`. The
 * handler is stateless: the id and the database are all it needs, so a click on a week-old
 * message after a restart still works, and an id it does not know is answered, not dropped.
 */
export const PAPER_VERBS = ['up', 'down', 'undo', 'similar', 'save', 'unsave', 'discuss'] as const;
export type PaperVerb = (typeof PAPER_VERBS)[number];

export interface PaperAction {
  verb: PaperVerb;
  paperId: number;
}

/** `pb1:<verb>:<paper id>` for the verbs above: adding a verb to PAPER_VERBS is all a new control needs here. */
const ACTION_ID = new RegExp(`^pb1:(${PAPER_VERBS.join('|')}):([1-9]\\d{0,15})$`);

export function paperActionId(action: PaperAction): string {
  return `pb1:${action.verb}:${action.paperId}`;
}

/** The action an id names; undefined for a foreign, malformed or future (pb2…) id. */
export function parsePaperActionId(id: string): PaperAction | undefined {
  const m = ACTION_ID.exec(id);
  return m ? { verb: m[1] as PaperVerb, paperId: Number(m[2]) } : undefined;
}

/** True for ids this bot made (any version), so an unknown one can be told apart from a foreign one. */
export function isPaperboyActionId(id: string): boolean {
  return /^pb\d+:/.test(id);
}

/** The vote a verb records: 👍 1, 👎 -1, undo 0; undefined for verbs that are not votes. */
export function voteValue(verb: PaperVerb): -1 | 0 | 1 | undefined {
  return verb === 'up' ? 1 : verb === 'down' ? -1 : verb === 'undo' ? 0 : undefined;
}

/** The reactions that count as votes on a per-paper message (Discord emoji names, Slack short names). */
export function reactionVote(reaction: string): -1 | 1 | undefined {
  if (['👍', '+1', 'thumbsup'].includes(reaction)) return 1;
  if (['👎', '-1', 'thumbsdown'].includes(reaction)) return -1;
  return undefined;
}
