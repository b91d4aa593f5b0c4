/**
 * chat.postMessage's checks as Slack makes them (no_text, msg_too_long, invalid_blocks with a
 * json-pointer, invalid_metadata_format; actions blocks in fake-slack-actions.ts), shared by the fake Slack and the renderer tests.
 */
import { actionsProblem } from './fake-slack-actions.js';

type Params = Record<string, unknown>;

export type SlackApiError = { error: string; detail?: string };
type Problem = [message: string, path: string] | undefined;
const INVALID = Symbol('invalid json');
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const firstProblem = <T>(items: T[], check: (item: T, i: number) => Problem): Problem => items.map(check).find(Boolean);

export function decodeJson(v: unknown): unknown {
  try {
    return typeof v === 'string' ? JSON.parse(v) : v;
  } catch {
    return INVALID;
  }
}

function textProblem(t: unknown, max: number, path: string, kinds = ['plain_text', 'mrkdwn']): Problem {
  if (!isObject(t) || !kinds.includes(String(t.type))) return ['must be a valid text object', path];
  if (typeof t.text !== 'string' || t.text.length < 1) return ['must be more than 0 characters', `${path}/text`];
  return t.text.length > max ? [`must be less than ${max + 1} characters`, `${path}/text`] : undefined;
}

function imageProblem(e: Record<string, unknown>, path: string): Problem {
  if (typeof e.alt_text !== 'string' || e.alt_text.length < 1 || e.alt_text.length > 2000) return ['invalid alt_text', `${path}/alt_text`];
  const url = typeof e.image_url === 'string' ? e.image_url : '';
  if (isObject(e.slack_file) || (/^https?:\/\/\S+$/.test(url) && url.length <= 3000)) return undefined;
  return ['invalid_url', `${path}/image_url`];
}

function sectionProblem(b: Record<string, unknown>, path: string): Problem {
  if (b.text === undefined && b.fields === undefined) return ['must provide text or fields', path];
  if (b.fields !== undefined && (!Array.isArray(b.fields) || b.fields.length > 10)) return ['must provide no more than 10 items', `${path}/fields`];
  const fields = Array.isArray(b.fields) ? b.fields : [];
  const image = isObject(b.accessory) && b.accessory.type === 'image' ? b.accessory : undefined;
  return (
    (b.text === undefined ? undefined : textProblem(b.text, 3000, `${path}/text`)) ??
    firstProblem(fields, (f, i) => textProblem(f, 2000, `${path}/fields/${i}`)) ??
    (image ? imageProblem(image, `${path}/accessory`) : undefined)
  );
}

function contextProblem(elements: unknown, path: string): Problem {
  if (!Array.isArray(elements) || elements.length < 1 || elements.length > 10) return ['must provide 1 to 10 items', `${path}/elements`];
  return firstProblem(elements, (e: unknown, i) =>
    isObject(e) && e.type === 'image' ? imageProblem(e, `${path}/elements/${i}`) : textProblem(e, 3000, `${path}/elements/${i}`),
  );
}

function blockProblem(b: unknown, path: string, ids: Set<string>, actionIds: Set<string>): Problem {
  if (!isObject(b) || typeof b.type !== 'string') return ['missing required field: type', path];
  if (b.block_id !== undefined) {
    if (typeof b.block_id !== 'string' || b.block_id.length > 255 || ids.has(b.block_id)) return ['invalid block_id', `${path}/block_id`];
    ids.add(b.block_id);
  }
  if (b.type === 'header') return textProblem(b.text, 150, `${path}/text`, ['plain_text']);
  if (b.type === 'section') return sectionProblem(b, path);
  if (b.type === 'context') return contextProblem(b.elements, path);
  if (b.type === 'image') return imageProblem(b, path);
  if (b.type === 'actions') return actionsProblem(b, path, actionIds);
  const unchecked = ['divider', 'rich_text', 'markdown', 'video', 'file', 'input'];
  return unchecked.includes(b.type) ? undefined : [`unsupported type: ${b.type}`, `${path}/type`];
}

/** What Slack answers for these chat.postMessage arguments (blocks and metadata as arrays or JSON strings), or undefined if it takes them. */
export function validatePostMessage(args: Params): SlackApiError | undefined {
  const text = typeof args.text === 'string' ? args.text : '';
  const blocks = decodeJson(args.blocks);
  if (blocks === INVALID || (blocks !== undefined && !Array.isArray(blocks))) return { error: 'invalid_blocks_format' };
  const list: unknown[] = Array.isArray(blocks) ? blocks : [];
  if (!text && list.length === 0) return { error: 'no_text' };
  if (text.length > 40_000) return { error: 'msg_too_long' };
  if (list.length > 50) return { error: 'invalid_blocks', detail: 'must provide no more than 50 items [json-pointer:/blocks]' };
  const ids = new Set<string>();
  const actionIds = new Set<string>();
  const p = firstProblem(list, (b, i) => blockProblem(b, `/blocks/${i}`, ids, actionIds));
  if (p) return { error: 'invalid_blocks', detail: `${p[0]} [json-pointer:${p[1]}]` };
  const m = decodeJson(args.metadata);
  const validMetadata = isObject(m) && typeof m.event_type === 'string' && m.event_type !== '' && isObject(m.event_payload);
  return m === undefined || validMetadata ? undefined : { error: 'invalid_metadata_format' };
}
