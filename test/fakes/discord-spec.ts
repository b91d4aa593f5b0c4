/**
 * Discord's own OpenAPI spec (discord-openapi/openapi.json) as the fake Discord's judge: which
 * routes exist (404 / 405 otherwise) and what a JSON request body may hold (ajv, JSON Schema
 * draft 2020-12, as OpenAPI 3.1 uses). The spec is read and added to ajv once per process, on the
 * first request; each operation's validator is compiled on its first use and kept, so a test
 * pays only for the routes it calls.
 *
 * One rewrite on load (see docs/adr/0013-fake-discord-validates-against-openapi.md): Discord's
 * tagged unions (components, interaction callbacks, command options: `oneOf` of schemas each
 * pinning `type` to its own values) become "the branch whose `type` matches", as Discord checks
 * them, instead of "exactly one branch matches": so a bad button label is reported at the label,
 * and an unknown component type as `UNION_TYPE_CHOICES`, not as seven branch failures.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _, Ajv2020, stringify, type CodeKeywordDefinition, type ValidateFunction } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import ajvPackage from 'ajv/package.json' with { type: 'json' };
import { DATE_TIME_PATTERN, fromSchemaErrors, UNION_TAG, URI_FORMAT, type Json, type Problem } from './discord-form-errors.js';

export type SpecVerdict =
  | { kind: 'ok'; operation: string }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' }
  | { kind: 'invalid'; operation: string; problems: Problem[] };

type Schema = Json & { $ref?: string; required?: string[]; properties?: Record<string, Json> };
type Operation = { requestBody?: { content?: Record<string, { schema?: unknown }> } };
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
type Route = { template: string; segments: string[]; methods: Set<string> };

const AJV_VERSION = ajvPackage.version;
const SPEC_FILE = new URL('./discord-openapi/openapi.json', import.meta.url);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const INT32 = 2 ** 31;
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

/** `format: uri` as generated code (the spec's other formats become plain keywords in `plainFormats`). */
const uri: CodeKeywordDefinition = {
  keyword: URI_FORMAT,
  schemaType: 'boolean',
  error: { message: 'not a well formed URL' },
  code(cxt) {
    cxt.fail(_`typeof ${cxt.data} == "string" && !URL.canParse(${cxt.data})`);
  },
};

/**
 * The spec's formats as keywords a validator can carry as code: int32 as its range, date-time as
 * an ISO 8601 pattern, uri as `URL.canParse`; snowflake and nonce have patterns or lengths already.
 */
export function plainFormats(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(plainFormats);
  if (!isObject(node)) return;
  if (node.format === 'int32') Object.assign(node, { minimum: Math.max(Number(node.minimum ?? -INT32), -INT32), maximum: Math.min(Number(node.maximum ?? INT32 - 1), INT32 - 1) });
  if (node.format === 'date-time') node.pattern ??= DATE_TIME_PATTERN;
  if (node.format === 'uri') node[URI_FORMAT] = true;
  for (const value of Object.values(node)) plainFormats(value);
}

let loaded: { spec: Spec; routes: Route[] } | undefined;
let compiler: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** The spec and its routes (a JSON parse): all a request needs when its validator is cached. */
function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
  const routes = Object.entries(spec.paths).map(([template, item]) => ({
    template, segments: template.split('/'), methods: new Set(METHODS.filter((m) => m in item).map((m) => m.toUpperCase())),
  }));
  return (loaded = { spec, routes });
}

/** ajv with the whole spec added as one schema, made on the first validator that must be compiled. */
function ajv(): Ajv2020 {
  if (compiler) return compiler;
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
  tagUnions(spec);
  plainFormats(spec);
  compiler = new Ajv2020({ allErrors: true, verbose: true, strict: false, validateFormats: false, code: { source: true } });
  compiler.addKeyword(unionTag);
  compiler.addKeyword(uri);
  compiler.addSchema(spec as unknown as Json, 'discord');
  return compiler;
}

/**
 * Compiled validators kept as standalone modules in the temp folder, keyed by the spec, this
 * file and ajv's version: compiling the create-message schema takes about a second, loading it a
 * few milliseconds, so only the first test run on a machine pays. Written to a temp name and
 * renamed, so parallel test workers never read half a file. The folder is the user's own (0700):
 * the cache is code this process runs, so a folder someone else owns or can write is not used.
 */
const CACHE_ROOT = join(tmpdir(), `paperboy-discord-spec-${process.getuid?.() ?? 'user'}`);
const CACHE_DIR = (() => {
  const hash = createHash('sha256').update(readFileSync(SPEC_FILE)).update(readFileSync(new URL(import.meta.url)));
  return join(CACHE_ROOT, hash.update(AJV_VERSION).digest('hex').slice(0, 16));
})();

function cacheIsOurs(): boolean {
  try {
    mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
    const root = statSync(CACHE_ROOT);
    return (process.getuid === undefined || root.uid === process.getuid()) && (root.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
const requireHere = createRequire(import.meta.url);

/** A standalone validator module, evaluated with this file's `require` (it needs ajv's runtime helpers). */
function fromSource(code: string): ValidateFunction {
  const module = { exports: {} as unknown };
  new Function('require', 'module', 'exports', code)(requireHere, module, module.exports);
  return module.exports as ValidateFunction;
}

const cacheFile = (ref: string): string => join(CACHE_DIR, `${createHash('sha256').update(ref).digest('hex').slice(0, 16)}.cjs`);

function cached(ref: string): ValidateFunction {
  const file = cacheFile(ref);
  const usable = cacheIsOurs();
  if (usable && existsSync(file)) return fromSource(readFileSync(file, 'utf8'));
  const v = ajv().compile({ $ref: ref });
  if (!usable) return v;
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, standaloneCode.default(ajv(), v)); // a CommonJS module: `default` is the function
    renameSync(temp, file);
  } catch {
    // no cache (a full or read-only temp folder): this process keeps the compiled validator anyway
  }
  return v;
}

function validator(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) validators.set(ref, (v = cached(ref)));
  return v;
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

/** The schema of an operation's JSON body, as a ref: the component itself when the body is just one. */
function bodyRef(spec: Spec, template: string, method: string): string | undefined {
  const schema = spec.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema as Schema | undefined;
  if (!schema) return undefined;
  if (Object.keys(schema).length === 1 && schema.$ref?.startsWith('#/components/schemas/')) return `discord${schema.$ref}`;
  return `discord#/paths/${escape(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
}

const problems = (v: ValidateFunction, body: unknown): Problem[] => (v(body) ? [] : fromSchemaErrors(v.errors ?? []));

/** Where a request lands in the spec (the path after `/api/v10`), and whether its JSON body is valid there. */
export function checkRequest(method: string, path: string, body: unknown): SpecVerdict {
  const { spec, routes } = load();
  const route = matchRoute(routes, path);
  if (!route) return { kind: 'not-found' };
  if (!route.methods.has(method)) return { kind: 'method-not-allowed' };
  const operation = `${method} ${route.template}`;
  const ref = bodyRef(spec, route.template, method);
  if (body === undefined || !ref) return { kind: 'ok', operation };
  const found = problems(validator(ref), body);
  return found.length ? { kind: 'invalid', operation, problems: found } : { kind: 'ok', operation };
}

/** Problems of a value against one of the spec's component schemas, e.g. `MessageCreateRequest`. */
export function schemaProblems(schema: string, value: unknown): Problem[] {
  return problems(validator(`discord#/components/schemas/${schema}`), value);
}

/** The operations the bot calls with a body: their validators are compiled before the tests run. */
export const BOT_OPERATIONS: [method: string, template: string][] = [
  ['POST', '/channels/{channel_id}/messages'],
  ['POST', '/channels/{channel_id}/messages/{message_id}/threads'],
  ['POST', '/users/@me/channels'],
  ['POST', '/interactions/{interaction_id}/{interaction_token}/callback'],
  ['PATCH', '/webhooks/{webhook_id}/{webhook_token}/messages/@original'],
  ['POST', '/webhooks/{webhook_id}/{webhook_token}'],
  ['PUT', '/applications/{application_id}/commands'],
  ['PUT', '/applications/{application_id}/guilds/{guild_id}/commands'],
];

/**
 * Fills the validator cache for `operations` (vitest's global setup calls it once, before the
 * workers start), so no test waits on ajv: returns how many validators it had to compile.
 */
export function warmDiscordSpec(operations = BOT_OPERATIONS): number {
  const refs = operations.map(([method, template]) => bodyRef(load().spec, template, method));
  const missing = refs.filter((ref): ref is string => ref !== undefined && !(cacheIsOurs() && existsSync(cacheFile(ref))));
  for (const ref of missing) cached(ref);
  return missing.length;
}
