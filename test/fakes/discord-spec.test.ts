import { describe, expect, it } from 'vitest';
import { BOT_OPERATIONS, checkRequest, schemaProblems, tagUnions, warmDiscordSpec } from './discord-spec.js';

describe('checkRequest: routes of the spec', () => {
  it('prefers literal segments to parameters and decodes what discord.js encodes', () => {
    expect(checkRequest('GET', '/users/%40me', undefined)).toEqual({ kind: 'ok', operation: 'GET /users/@me' });
    expect(checkRequest('GET', '/users/1200000000000000001', undefined)).toEqual({ kind: 'ok', operation: 'GET /users/{user_id}' });
    expect(checkRequest('PATCH', '/webhooks/1/tok/messages/%40original', { content: 'x' })).toEqual({
      kind: 'ok', operation: 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original',
    });
    expect(checkRequest('PATCH', '/webhooks/1/tok/messages/99', { content: 'x' })).toMatchObject({ operation: 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}' });
  });

  it('knows no route outside the spec, nor an empty parameter', () => {
    expect(checkRequest('GET', '/papers', undefined)).toEqual({ kind: 'not-found' });
    expect(checkRequest('GET', '/channels//messages', undefined)).toEqual({ kind: 'not-found' });
    expect(checkRequest('GET', '/channels/%E0%A4%A/messages', undefined)).toEqual({ kind: 'not-found' });
    expect(checkRequest('DELETE', '/gateway/bot', undefined)).toEqual({ kind: 'method-not-allowed' });
  });
});

describe("ajv's errors as Discord reports them", () => {
  it('reports a nullable union field once, by the branch that matched its type', () => {
    // nonce: integer | string (max 25) | null; allowed_mentions: null | object
    const problems = schemaProblems('MessageCreateRequest', { nonce: 'n'.repeat(26), allowed_mentions: { parse: ['users', 'all'] } });
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([
      [['nonce'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'],
      [['allowed_mentions', 'parse', '1'], 'BASE_TYPE_CHOICES', 'Value must be one of ("everyone", "roles", "users").'],
    ]));
  });

  it('names the type it wanted, the field that is missing, and formats', () => {
    expect(schemaProblems('MessageCreateRequest', { embeds: { title: 't' }, components: [{ type: 1 }] })).toEqual([
      [['components', '0', 'components'], 'BASE_TYPE_REQUIRED', 'This field is required'],
      [['embeds'], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType'],
    ]);
    expect(schemaProblems('MessageCreateRequest', { embeds: [{ url: 'not a url', timestamp: 'yesterday', color: 2 ** 31 }] })).toEqual([
      [['embeds', '0', 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.'],
      [['embeds', '0', 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.'],
      [['embeds', '0', 'timestamp'], 'DATE_TYPE_PARSE', 'Could not parse yesterday. Should be ISO8601.'],
    ]);
  });
});

describe('tagUnions', () => {
  it("turns a oneOf of schemas tagged by `type` into 'the branch whose type matches'", () => {
    const spec = {
      paths: {},
      components: { schemas: {
        A: { type: 'object', required: ['type'], properties: { type: { enum: [1] } } },
        B: { type: 'object', required: ['type'], properties: { type: { enum: [2, 3] } } },
        Untagged: { type: 'object' },
      } },
      union: { oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }] },
      loose: { anyOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/Untagged' }] },
    };
    tagUnions(spec);
    expect(spec.union).toEqual({
      type: 'object', discordUnionTag: [1, 2, 3],
      allOf: [
        { if: { properties: { type: { enum: [1] } }, required: ['type'] }, then: { $ref: '#/components/schemas/A' } },
        { if: { properties: { type: { enum: [2, 3] } }, required: ['type'] }, then: { $ref: '#/components/schemas/B' } },
      ],
    });
    expect(spec.loose).toEqual({ anyOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/Untagged' }] });
  });
});

describe('warmDiscordSpec', () => {
  it("leaves nothing to compile for the bot's routes once warm (vitest's global setup warms them)", () => {
    warmDiscordSpec();
    expect(warmDiscordSpec()).toBe(0);
    for (const [method, template] of BOT_OPERATIONS) expect(checkRequest(method, template.replace(/\{\w+\}/g, '1'), undefined)).toMatchObject({ kind: 'ok' });
  });
});
