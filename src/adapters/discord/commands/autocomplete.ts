/**
 * Suggestions while the user types: papers by title for `show` (the value is the arXiv ID the
 * command accepts), common arXiv categories for `subscribe`. Discord takes at most 25 choices,
 * names and values of at most 100 characters.
 */
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { keyForLookup } from '../../../core/paper-key.js';
import { cutText } from '../../../core/text-cut.js';
import type { CommandDeps } from '../../../pipeline/commands/command-deps.js';

const MAX_CHOICES = 25;
const MAX_NAME = 100;

/** A short list of the categories people subscribe to most. */
export const COMMON_CATEGORIES = [
  ['cs.AI', 'Artificial Intelligence'],
  ['cs.CL', 'Computation and Language'],
  ['cs.CV', 'Computer Vision'],
  ['cs.LG', 'Machine Learning'],
  ['cs.IR', 'Information Retrieval'],
  ['cs.RO', 'Robotics'],
  ['cs.NE', 'Neural and Evolutionary Computing'],
  ['cs.CR', 'Cryptography and Security'],
  ['cs.SE', 'Software Engineering'],
  ['cs.HC', 'Human-Computer Interaction'],
  ['cs.DC', 'Distributed Computing'],
  ['stat.ML', 'Machine Learning (Statistics)'],
  ['eess.AS', 'Audio and Speech Processing'],
  ['eess.IV', 'Image and Video Processing'],
  ['math.OC', 'Optimization and Control'],
  ['quant-ph', 'Quantum Physics'],
  ['q-bio.NC', 'Neurons and Cognition'],
] as const;

const choice = (id: string, title: string) => ({ name: cutText(`${id} · ${title.replace(/\s+/g, ' ').trim()}`, MAX_NAME), value: id });

/** Papers whose title, authors or summaries match what was typed; a pasted ID or URL of a known paper comes first. */
export function paperChoices(deps: Pick<CommandDeps, 'reader' | 'search'>, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const text = typed.trim();
  if (!text) return [];
  const key = keyForLookup(text);
  const exact = key ? deps.reader.getByKey(key) : undefined;
  const first = exact?.arxivId ? [choice(exact.arxivId, exact.title)] : [];
  const hits = deps.search
    .search(text, { limit: MAX_CHOICES })
    .filter((hit) => !!hit.arxivId && hit.arxivId.length <= MAX_NAME && hit.arxivId !== exact?.arxivId)
    .map((hit) => choice(hit.arxivId!, hit.title));
  return [...first, ...hits].slice(0, MAX_CHOICES);
}

export function topicChoices(typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const text = typed.trim();
  const wanted = text.toLowerCase().replace(/^cat:/, '');
  const categories = COMMON_CATEGORIES.filter(([id, name]) => !wanted || id.toLowerCase().startsWith(wanted) || name.toLowerCase().includes(wanted)).map(
    ([id, name]) => ({ name: `cat:${id} (${name})`, value: `cat:${id}` }),
  );
  // What the user typed stays the first choice, so picking a suggestion is never forced on them.
  const own = text && !categories.some((c) => c.value.toLowerCase() === text.toLowerCase()) ? [{ name: cutText(text, MAX_NAME), value: text.slice(0, MAX_NAME) }] : [];
  return [...own, ...categories].slice(0, MAX_CHOICES);
}
