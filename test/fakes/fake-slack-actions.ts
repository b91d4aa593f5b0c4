/**
 * Slack's checks on an actions block (Block Kit reference): 1 to 25 elements; a button has a
 * plain_text text of at most 75 characters, an action_id of at most 255 that no other element of
 * the message has, a value of at most 2000 and a style of primary or danger if any; an overflow
 * menu has 2 to 5 options, each with a plain_text text (≤ 75) and a value (≤ 150).
 */
type Problem = [message: string, path: string] | undefined;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function plainProblem(t: unknown, max: number, path: string): Problem {
  if (!isObject(t) || t.type !== 'plain_text') return ['must be a valid plain_text object', path];
  if (typeof t.text !== 'string' || t.text.length < 1) return ['must be more than 0 characters', `${path}/text`];
  return t.text.length > max ? [`must be less than ${max + 1} characters`, `${path}/text`] : undefined;
}

function actionIdProblem(e: Record<string, unknown>, path: string, actionIds: Set<string>): Problem {
  if (e.action_id === undefined) return undefined;
  if (typeof e.action_id !== 'string' || e.action_id.length > 255) return ['invalid action_id', `${path}/action_id`];
  if (actionIds.has(e.action_id)) return [`action_id ${e.action_id} is already used in this message`, `${path}/action_id`];
  actionIds.add(e.action_id);
  return undefined;
}

function elementProblem(e: unknown, path: string, actionIds: Set<string>): Problem {
  if (!isObject(e)) return ['must be an object', path];
  const id = actionIdProblem(e, path, actionIds);
  if (id) return id;
  if (e.type === 'button') {
    if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) return ['must be less than 2001 characters', `${path}/value`];
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') return ['must be one of primary, danger', `${path}/style`];
    return plainProblem(e.text, 75, `${path}/text`);
  }
  if (e.type === 'overflow') {
    const options = Array.isArray(e.options) ? e.options : [];
    if (options.length < 2 || options.length > 5) return ['must provide 2 to 5 items', `${path}/options`];
    for (const [i, o] of options.entries()) {
      if (!isObject(o) || typeof o.value !== 'string' || o.value.length > 150) return ['invalid option value', `${path}/options/${i}/value`];
      const text = plainProblem(o.text, 75, `${path}/options/${i}/text`);
      if (text) return text;
    }
    return undefined;
  }
  return undefined;
}

export function actionsProblem(b: Record<string, unknown>, path: string, actionIds: Set<string>): Problem {
  const elements = Array.isArray(b.elements) ? b.elements : [];
  if (elements.length < 1 || elements.length > 25) return ['must provide 1 to 25 items', `${path}/elements`];
  return elements.map((e, i) => elementProblem(e, `${path}/elements/${i}`, actionIds)).find(Boolean);
}
