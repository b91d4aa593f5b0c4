/**
 * Discord's own OpenAPI spec (discord-openapi/openapi.json) as the fake Discord's judge: which
 * routes exist (404 / 405 otherwise) and what a JSON request body may hold (ajv, JSON Schema
 * draft 2020-12, as OpenAPI 3.1 uses). The spec is read and added to ajv once per process, on the
 * first request; each operation's validator is compiled on its first use and kept, so a test
 * pays only for the routes it calls.
 *
 * One rewrite on load (see docs/adr/0009-fake-discord-validates-against-openapi.md): Discord's
 * tagged unions (components, interaction callbacks, command options: `oneOf` of schemas each
 * pinning `type` to its own values) become "the branch whose `type` matches", as Discord checks
 * them, instead of "exactly one branch matches": so a bad button label is reported at the label,
 * and an unknown component type as `UNION_TYPE_CHOICES`, not as seven branch failures.
 */
import { readFileSync } from 'node:fs';
import { _, Ajv2020, stringify, type CodeKeywordDefinition, type Format, type ValidateFunction } from 'ajv/dist/2020.js';
import { fromSchemaErrors, UNION_TAG, type Json, type Problem } from './discord-form-errors.js';

export type SpecVerdict =
  | { kind: 'ok'; operation: string }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' }
  | { kind: 'invalid'; operation: string; problems: Problem[] };

type Schema = Json & { $ref?: string; required?: string[]; properties?: Record<string, Json> };
type Operation = { requestBody?: { content?: Record<string, { schema?: unknown }> } };
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
type Route = { template: string; segments: string[]; methods: Set<string> };

const SPEC_FILE = new URL('./discord-openapi/openapi.json', import.meta.url);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `type` values a union branch (a `$ref` to a component schema) accepts, if it is tagged. */
function branchTags(spec: Spec, branch: Schema): unknown[] | undefined {
  const target = branch.$ref?.startsWith('#/components/schemas/') ? spec.components.schemas[branch.$ref.slice(21)] : undefined;
  const tags = target?.properties?.type?.enum;
  return target?.required?.includes('type') && Array.isArray(tags) ? tags : undefined;
}

/** Rewrites every tagged union in place: `if type is one of B's tags then B`, plus the tag check. */
export function tagUnions(spec: Spec, node: unknown = spec): void {
  if (Array.isArray(node)) return node.forEach((n) => tagUnions(spec, n));
  if (!isObject(node)) return;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = node[key] as Schema[] | undefined;
    const tags = branches?.map((b) => branchTags(spec, b));
    const all = tags?.flat() ?? [];
    if (!branches || !tags?.every(Boolean) || new Set(all).size !== all.length) continue;
    delete node[key];
    node.type ??= 'object';
    node[UNION_TAG] = all;
    const cases = branches.map((b, i) => ({ if: { properties: { type: { enum: tags[i] } }, required: ['type'] }, then: b }));
    node.allOf = [...((node.allOf as unknown[]) ?? []), ...cases];
  }
  for (const value of Object.values(node)) tagUnions(spec, value);
}

/** The tag check as generated code: an object whose `type` is none of the union's values fails. */
const unionTag: CodeKeywordDefinition = {
  keyword: UNION_TAG,
  schemaType: 'array',
  error: { message: 'unknown union type' },
  code(cxt) {
    const { data, schema } = cxt;
    cxt.fail(_`${data} && typeof ${data} == "object" && !Array.isArray(${data}) && !${stringify(schema)}.includes(${data}.type)`);
  },
};

const INT32 = 2 ** 31;
const FORMATS: Record<string, Format> = {
  int32: { type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
  int64: { type: 'number' as const, validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number' as const, validate: () => true },
  snowflake: true as const, // the schema's own pattern checks it
  nonce: true as const,
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i,
  uri: { type: 'string' as const, validate: (s: string) => URL.canParse(s) },
};

let loaded: { ajv: Ajv2020; spec: Spec; routes: Route[] } | undefined;
const validators = new Map<string, ValidateFunction>();

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
  tagUnions(spec);
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, formats: FORMATS });
  ajv.addKeyword(unionTag);
  ajv.addSchema(spec as unknown as Json, 'discord');
  const routes = Object.entries(spec.paths).map(([template, item]) => ({
    template, segments: template.split('/'), methods: new Set(METHODS.filter((m) => m in item).map((m) => m.toUpperCase())),
  }));
  return (loaded = { ajv, spec, routes });
}

/** Literal segments beat parameters, leftmost first: `/users/@me` over `/users/{user_id}`. */
const specificity = (r: Route): string => r.segments.map((s) => (s.startsWith('{') ? '0' : '1')).join('');

function matchRoute(routes: Route[], path: string): Route | undefined {
  let parts: string[];
  try {
    parts = path.split('/').map(decodeURIComponent); // discord.js sends `@original` and `@me` as `%40…`
  } catch {
    return undefined;
  }
  const fits = routes.filter((r) => r.segments.length === parts.length && r.segments.every((s, i) => (s.startsWith('{') ? parts[i] !== '' : s === parts[i])));
  return fits.sort((a, b) => specificity(b).localeCompare(specificity(a)))[0];
}

const escape = (key: string): string => encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'));

function validator(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) validators.set(ref, (v = load().ajv.compile({ $ref: ref })));
  return v;
}

const problems = (v: ValidateFunction, body: unknown): Problem[] => (v(body) ? [] : fromSchemaErrors(v.errors ?? []));

/** Where a request lands in the spec (the path after `/api/v10`), and whether its JSON body is valid there. */
export function checkRequest(method: string, path: string, body: unknown): SpecVerdict {
  const { spec, routes } = load();
  const route = matchRoute(routes, path);
  if (!route) return { kind: 'not-found' };
  if (!route.methods.has(method)) return { kind: 'method-not-allowed' };
  const operation = `${method} ${route.template}`;
  const hasSchema = spec.paths[route.template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  if (body === undefined || !hasSchema) return { kind: 'ok', operation };
  const ref = `discord#/paths/${escape(route.template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
  const found = problems(validator(ref), body);
  return found.length ? { kind: 'invalid', operation, problems: found } : { kind: 'ok', operation };
}

/** Problems of a value against one of the spec's component schemas, e.g. `MessageCreateRequest`. */
export function schemaProblems(schema: string, value: unknown): Problem[] {
  return problems(validator(`discord#/components/schemas/${schema}`), value);
}
