/**
 * Discord's 400 "Invalid Form Body" (code 50035): an `errors` tree that mirrors the request body,
 * with `_errors: [{code, message}]` at each bad field, e.g.
 * `{ embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', ... }] } } } }`.
 * `fromSchemaErrors` turns ajv's errors for an OpenAPI request schema into Discord's codes and
 * messages (as discord.js prints them, e.g. `components[0][UNION_TYPE_CHOICES]: Value of field
 * "type" must be one of (1, 9, 10, 12, 13, 14, 17).`), dropping the noise a union leaves behind:
 * the "must be null" of a nullable field and the branches whose type did not match.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';

export type Json = Record<string, unknown>;
export type Problem = [path: (string | number)[], code: string, message: string];

/** The custom keyword that marks the tag of a tagged union (see discord-spec.ts). */
export const UNION_TAG = 'discordUnionTag';
/** The custom keyword that stands for `format: uri`, and the pattern that stands for `format: date-time`. */
export const URI_FORMAT = 'discordUri';
export const DATE_TIME_PATTERN = '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?([Zz]|[+-]\\d\\d:?\\d\\d)?$';

export function formError(problems: Problem[]): Json {
  const errors: Json = {};
  for (const [path, code, message] of problems) {
    let node = errors;
    for (const key of path) node = (node[key] ??= {}) as Json;
    ((node._errors ??= []) as unknown[]).push({ code, message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}

const SNOWFLAKE_PATTERN = '^(0|[1-9][0-9]*)$';
const pointer = (p: string): string[] => (p === '' ? [] : p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')));
const byValue = (a: unknown, b: unknown): number => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const choices = (values: unknown[]): string => [...new Set(values)].sort(byValue).map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');

const TYPE_ERRORS: Record<string, (v: unknown) => [string, string]> = {
  object: () => ['MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'],
  array: () => ['LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType'],
  string: (v) => ['STRING_TYPE_CONVERT', `Could not interpret "${show(v)}" as string.`],
  integer: (v) => ['NUMBER_TYPE_COERCE', `Value "${show(v)}" is not int.`],
  number: (v) => ['NUMBER_TYPE_COERCE', `Value "${show(v)}" is not a number.`],
  boolean: (v) => ['BOOLEAN_TYPE_CONVERT', `Could not interpret "${show(v)}" as boolean.`],
};

function describe(e: ErrorObject): [string, string] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'maxLength':
    case 'maxItems':
      return ['BASE_TYPE_MAX_LENGTH', `Must be ${String(p.limit)} or fewer in length.`];
    case 'minLength':
    case 'minItems':
      return ['BASE_TYPE_MIN_LENGTH', `Must be ${String(p.limit)} or more in length.`];
    case 'required':
      return ['BASE_TYPE_REQUIRED', 'This field is required'];
    case 'enum':
      return ['BASE_TYPE_CHOICES', `Value must be one of (${choices(p.allowedValues as unknown[])}).`];
    case UNION_TAG:
      return ['UNION_TYPE_CHOICES', `Value of field "type" must be one of (${choices(e.schema as unknown[])}).`];
    case 'maximum':
      return ['NUMBER_TYPE_MAX', `int value should be less than or equal to ${String(p.limit)}.`];
    case 'minimum':
      return ['NUMBER_TYPE_MIN', `int value should be greater than or equal to ${String(p.limit)}.`];
    case 'pattern':
      if (p.pattern === SNOWFLAKE_PATTERN) return ['NUMBER_TYPE_COERCE', `Value "${show(e.data)}" is not snowflake.`];
      if (p.pattern === DATE_TIME_PATTERN) return ['DATE_TYPE_PARSE', `Could not parse ${show(e.data)}. Should be ISO8601.`];
      return ['STRING_TYPE_REGEX', 'String value did not match validation regex.'];
    case URI_FORMAT:
      return ['URL_TYPE_INVALID_URL', 'Not a well formed URL.'];
    case 'uniqueItems':
      return ['SET_TYPE_ALREADY_CONTAINS_VALUE', 'The set already contains this value.'];
    case 'type': {
      const wanted = String(p.type).split(',').find((t) => t !== 'null') ?? 'null';
      return (TYPE_ERRORS[wanted] ?? (() => ['BASE_TYPE_BAD_TYPE', `Value must be ${wanted}.`]))(e.data);
    }
    default:
      return ['BASE_TYPE_INVALID', e.message ?? e.keyword];
  }
}

const UNION_NOISE = new Set(['oneOf', 'anyOf', 'if']);
const under = (path: string, base: string): boolean => path === base || path.startsWith(`${base}/`);

/**
 * The errors a union leaves behind when one of its branches is the one that matters: at a path
 * where some branch failed on something other than its type (a length, a missing field, a bad
 * value further in), the other branches' type mismatches and the union's own error are noise.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const substantive = errors.filter((e) => e.keyword !== 'type' && !UNION_NOISE.has(e.keyword));
  const explained = (path: string, by: ErrorObject[]) => by.some((e) => under(e.instancePath, path));
  const onlyNull = (e: ErrorObject) => e.keyword === 'type' && String((e.params as { type: unknown }).type) === 'null';
  const types = errors.filter((e) => e.keyword === 'type' && !explained(e.instancePath, substantive));
  const typesKept = types.filter((e) => !onlyNull(e) || !types.some((t) => t !== e && !onlyNull(t) && t.instancePath === e.instancePath));
  const unions = errors.filter((e) => UNION_NOISE.has(e.keyword) && e.keyword !== 'if');
  const unionsKept = unions.filter((e) => !explained(e.instancePath, [...substantive, ...typesKept]));
  return [...substantive, ...typesKept, ...unionsKept];
}

/** A field that failed several `enum`/`const` checks (a union of constants) gets one list of its choices. */
function mergeChoices(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword !== 'enum' && e.keyword !== 'const') {
      out.push(e);
      continue;
    }
    const p = e.params as { allowedValues?: unknown[]; allowedValue?: unknown };
    const values = p.allowedValues ?? [p.allowedValue];
    const merged = byPath.get(e.instancePath);
    if (merged) (merged.params as { allowedValues: unknown[] }).allowedValues.push(...values);
    else {
      const first = { ...e, keyword: 'enum', params: { allowedValues: [...values] } };
      byPath.set(e.instancePath, first);
      out.push(first);
    }
  }
  return out;
}

/** Discord's problems for ajv's errors against a request schema, one per field and code. */
export function fromSchemaErrors(errors: ErrorObject[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of mergeChoices(relevant(errors))) {
    const path = pointer(e.instancePath);
    if (e.keyword === 'required') path.push(String((e.params as { missingProperty: string }).missingProperty));
    const [code, message] = describe(e);
    const key = JSON.stringify([path, code, message]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([path, code, message]);
  }
  return out;
}
