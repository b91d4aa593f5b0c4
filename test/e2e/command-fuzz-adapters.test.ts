/**
 * 10,000 random `/papers` inputs through the adapters, not only the use case: 5,000 slash-command
 * texts through the Slack listener registered by registerSlackCommands (called as Bolt calls it,
 * with recording ack/respond), and 5,000 chat-input interactions (random option values for every
 * subcommand) through handleDiscordInteraction, with each reply turned into its wire body by
 * discord.js' own MessagePayload. Every reply is held to the fakes' validators (Block Kit limits,
 * Discord's create-message checks) and must show no message key, stack or SQL.
 *
 * Each input also runs on a mirror store fed the same inputs in the same order, so the test knows
 * which answers are errors (and must be ephemeral) and that the adapter sent what the use case gave.
 */
import type { App } from '@slack/bolt';
import { MessageFlags, MessagePayload, type Interaction, type MessageTarget } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandInput } from '../../src/adapters/discord/commands/command-options.js';
import { commandContext, handleDiscordInteraction } from '../../src/adapters/discord/commands/interaction-handler.js';
import { controlLabels } from '../../src/adapters/discord/commands/paper-clicks.js';
import { renderAnswer as renderDiscord, renderEdit as renderDiscordEdit } from '../../src/adapters/discord/commands/render-answer.js';
import { buildContext, type Respond } from '../../src/adapters/slack/commands/command-context.js';
import { PAPERS_COMMAND as SLACK_COMMAND, registerSlackCommands } from '../../src/adapters/slack/commands/register-commands.js';
import { renderAnswer as renderSlack, type SlackReply } from '../../src/adapters/slack/commands/render-answer.js';
import { feedbackLabels } from '../../src/adapters/slack/feedback-blocks.js';
import type { LookupUser } from '../../src/adapters/slack/commands/slack-users.js';
import { UserError, type Answer, type CommandContext } from '../../src/core/commands.js';
import { silentLogger } from '../../src/log.js';
import { answerLocale } from '../../src/pipeline/commands/answer-locale.js';
import { errorAnswer, handleCommand, handleCommandText } from '../../src/pipeline/commands/handle-command.js';
import { validateMessage, type Json } from '../fakes/fake-discord.js';
import { validatePostMessage } from '../fakes/fake-slack.js';
import { setupCommands } from '../pipeline/command-setup.js';

const SLACK_INPUTS = 5_000;
const DISCORD_INPUTS = 5_000;
/** An upper bound only: each answer must come back well within Slack's and Discord's 3 s. */
const DEADLINE_MS = 3_000;

// ---- the generator (as in test/pipeline/command-fuzz.test.ts) ----

const PIECES = [
  'search', 'show', 'today', 'subscribe', 'unsubscribe', 'subscriptions', 'settings', 'status', 'help', 'channel', '--channel',
  '--page', 'language', 'time', '"', '“', '」', '*', '-', ':', 'NEAR(', ')', '(', 'OR', 'AND', 'NOT', "'; DROP TABLE papers; --",
  'cat:', 'author:', 'cat:cs.CL', 'author:"Yann LeCun"', '검색', '강화학습', '検索', 'ロボット', '2410.20001v2', 'arXiv:', 'https://arxiv.org/abs/',
  '<!channel>', '<@U123>', '<#C123|general>', '@everyone', '@here', '<@&123>', '\u0000', '\u202e', '\u200b', '🙂', '08:30', '24:61', 'Asia/Seoul', 'Mars/Olympus',
  'ko', 'ja', 'en', 'xx', '99999999999999999999', '-1', '0', '%', '_', '\\', '\n', '`', '```', '~~', '||', '&amp;', '<b>', '$x', '%s',
];

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

function randomText(r: () => number, maxPieces = 6): string {
  const n = 1 + Math.floor(r() * maxPieces);
  const parts = Array.from({ length: n }, () => (r() < 0.15 ? String.fromCodePoint(Math.floor(r() * 0x2ffff)) : pick(r, PIECES)));
  return parts.join(r() < 0.5 ? ' ' : '');
}

const SLACK_SUBCOMMANDS = ['today', 'search', 'show', 'subscribe', 'unsubscribe', 'subscriptions', 'settings', 'status', 'help'] as const;
const SETTINGS_ARGS = ['language ko', 'language ja', 'language en', 'language xx', 'channel language ja', 'channel time 08:30', 'channel time 25:00', 'channel timezone Asia/Tokyo', 'channel timezone Nowhere/City'];

/** A whole slash-command text, as typed after `/papers`: mostly a known subcommand with random arguments, else anything. */
function randomCommandText(r: () => number): string {
  if (r() < 0.01) return 'search ' + 'ｘ'.repeat(10_000);
  if (r() < 0.01) return pick(r, ['', ' ', '\n', '\t']);
  if (r() < 0.3) return randomText(r);
  const sub = pick(r, SLACK_SUBCOMMANDS);
  const channel = (sub === 'subscribe' || sub === 'unsubscribe' || sub === 'subscriptions') && r() < 0.4 ? ' --channel' : '';
  const args = sub === 'settings' && r() < 0.6 ? pick(r, SETTINGS_ARGS) : r() < 0.8 ? randomText(r, 4) : '';
  const page = sub === 'search' && r() < 0.2 ? ` --page ${pick(r, ['1', '2', '0', '-3', '9999', 'x', '99999999999999999999'])}` : '';
  return `${sub}${channel} ${args}${page}`;
}

/** An option value cut to the option's max_length (Discord enforces it), or, rarely, not. */
function randomValue(r: () => number, max: number): string {
  if (r() < 0.01) return 'ｘ'.repeat(10_000);
  const value = randomText(r, 4);
  return r() < 0.05 ? value : [...value].slice(0, max).join('');
}

// ---- what every shown string must not contain ----

const LEAK = /\b(error|help|status|settings|search|subscribe|today|show)\.[a-z_]+\b|SQLITE|TypeError|RangeError|at .*\.ts:\d+|\{\w+\}/;

function slackStrings(reply: SlackReply): string[] {
  const out = [reply.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(reply.blocks);
  return out;
}

function discordStrings(body: Json): string[] {
  const embeds = (body.embeds ?? []) as Json[];
  const components = (body.components ?? []) as { components: { label?: string }[] }[];
  return [
    String(body.content ?? ''),
    ...embeds.flatMap((e) => [e.title, e.description, (e.footer as Json | undefined)?.text, (e.author as Json | undefined)?.name, ...((e.fields ?? []) as Json[]).flatMap((f) => [f.name, f.value])]),
    ...components.flatMap((row) => row.components.map((c) => c.label)),
  ].filter((s): s is string => typeof s === 'string');
}

function expectNoLeak(strings: string[], input: string): void {
  const shown = strings.join('\n');
  expect(shown.trim().length, input).toBeGreaterThan(0);
  expect(shown, input).not.toMatch(LEAK);
}

// ---- Slack ----

type SlackListener = (args: Record<string, unknown>) => Promise<void>;

/** Registers the listeners on a stand-in App and hands back the one for `/papers`, as Bolt would hold it. */
function slackListener(deps: ReturnType<typeof setupCommands>['deps'], lookupUser: LookupUser, admins: string[]): SlackListener {
  const commands = new Map<string, SlackListener>();
  const app = { command: (name: string, fn: SlackListener) => void commands.set(name, fn), action: () => undefined } as unknown as App;
  registerSlackCommands(app, deps, silentLogger(), { lookupUser, admins });
  const listener = commands.get(SLACK_COMMAND);
  if (!listener) throw new Error('no /papers listener registered');
  return listener;
}

const SLACK_USERS: Record<string, { locale?: string; isAdmin: boolean }> = {
  U0JA: { locale: 'ja-JP', isAdmin: false },
  U0KO: { locale: 'ko-KR', isAdmin: true },
  U0EN: { locale: 'en-US', isAdmin: false },
  U0NONE: { isAdmin: false },
  U0LISTED: { locale: 'fr-FR', isAdmin: false },
};
const slackLookup: LookupUser = async (id) => SLACK_USERS[id] ?? { isAdmin: false };

describe('/papers fuzzing through the Slack listener', () => {
  it(`answers ${SLACK_INPUTS} random slash commands: ack first, one valid reply, ephemeral errors, no leaks`, async () => {
    const t = setupCommands();
    const mirror = setupCommands();
    const listener = slackListener(t.deps, slackLookup, ['U0LISTED']);
    const r = rng(20241031);
    const users = Object.keys(SLACK_USERS);
    const channels = [
      { channel_id: 'C0GENERAL', channel_name: 'general' },
      { channel_id: 'D0DIRECT', channel_name: 'directmessage' },
      { channel_id: 'G0PRIVATE', channel_name: 'privategroup' },
    ];
    let slowest = 0;
    let errors = 0;
    for (let i = 0; i < SLACK_INPUTS; i++) {
      const text = randomCommandText(r);
      const user_id = pick(r, users);
      const channel = pick(r, channels);
      const command = {
        token: 'legacy-verification-token', team_id: 'T0FAKE', team_domain: 'fake', enterprise_id: undefined, ...channel,
        user_id, user_name: user_id.toLowerCase(), command: SLACK_COMMAND, text, api_app_id: 'A0PAPERBOY', is_enterprise_install: 'false',
        response_url: `https://hooks.slack.test/commands/T0FAKE/${i}/x`, trigger_id: `trigger-${i}`,
      };
      const calls: string[] = [];
      const sent: Parameters<Respond>[0][] = [];
      const ack = async (...args: unknown[]) => {
        calls.push('ack');
        expect(args, 'ack carries no body').toEqual([]);
      };
      const respond: Respond = async (m) => {
        calls.push('respond');
        sent.push(m);
      };
      const say = async () => void calls.push('say');
      const unusedClient = { users: { info: async () => void calls.push('users.info') } };
      const started = performance.now();
      await listener({ command, body: command, payload: command, ack, respond, say, client: unusedClient, context: { teamId: 'T0FAKE', retryNum: undefined }, logger: silentLogger(), next: async () => {} });
      slowest = Math.max(slowest, performance.now() - started);

      const label = JSON.stringify({ i, text: text.slice(0, 200), user_id, channel: channel.channel_id });
      expect(calls, label).toEqual(['ack', 'respond']);
      const reply = sent[0]!;
      expect(validatePostMessage({ text: reply.text, blocks: reply.blocks }), label).toBeUndefined();
      expect(reply.text.length, label).toBeGreaterThan(0);
      expect(reply.blocks.length, label).toBeLessThanOrEqual(50);
      expect(reply).not.toHaveProperty('replace_original');
      expectNoLeak(slackStrings(reply), label);

      // The same input on the mirror store: which answers are errors, and that the listener sent exactly that answer.
      const ctx = await buildContext({ userId: user_id, channelId: channel.channel_id, channelName: channel.channel_name, teamId: 'T0FAKE' }, slackLookup, { admins: ['U0LISTED'] });
      const expected = handleCommandText(ctx, text, mirror.deps, silentLogger());
      if (expected.error === 'error.generic') throw new Error(`unexpected internal error for ${label}`);
      if (expected.error) {
        errors++;
        expect(reply.response_type, label).toBe('ephemeral');
      }
      expect(reply, label).toEqual(renderSlack(expected, feedbackLabels(answerLocale(ctx, mirror.deps))));
    }
    expect(slowest).toBeLessThan(DEADLINE_MS);
    // Both kinds of answer were exercised, and the store survived every input.
    expect(errors).toBeGreaterThan(SLACK_INPUTS / 20);
    expect(errors).toBeLessThan(SLACK_INPUTS);
    expect(t.stores.reader.counts().papers).toBe(2);
    t.stores.close();
    mirror.stores.close();
  });
});

// ---- Discord ----

const GUILD = '1100000000000000001';
const CHANNEL = '111111111111111111';
const LANGUAGES = ['en', 'ko', 'ja'] as const;
type Options = Record<string, string | boolean | number | undefined>;

/** Random option values for one subcommand, as Discord would deliver them (max_length and choices mostly honoured). */
function randomOptions(r: () => number): { sub: string; options: Options } {
  const maybe = <T>(p: number, value: () => T): T | undefined => (r() < p ? value() : undefined);
  const flag = () => maybe(0.6, () => r() < 0.5);
  const language = () => (r() < 0.97 ? pick(r, LANGUAGES) : randomValue(r, 10));
  const time = () => (r() < 0.5 ? `${String(Math.floor(r() * 26)).padStart(2, '0')}:${String(Math.floor(r() * 62)).padStart(2, '0')}` : randomValue(r, 5));
  const zone = () => (r() < 0.5 ? pick(r, ['Asia/Seoul', 'Asia/Tokyo', 'UTC', 'America/New_York', 'Mars/Olympus', 'asia/seoul', 'Etc/GMT+14']) : randomValue(r, 60));
  const sub = pick(r, ['today', 'search', 'show', 'subscribe', 'unsubscribe', 'subscriptions', 'settings', 'status', 'help', 'like', 'dislike', 'similar', 'interests', ...(r() < 0.1 ? ['bogus'] : [])]);
  const paperId = () => (r() < 0.5 ? pick(r, ['2410.20001', 'arXiv:2410.20002v1', 'https://arxiv.org/abs/2410.20001', '2501.00001']) : randomValue(r, 200));
  switch (sub) {
    case 'today':
      return { sub, options: { topic: maybe(0.7, () => randomValue(r, 200)) } };
    case 'search':
      return { sub, options: { query: randomValue(r, 80) } };
    case 'show':
      return { sub, options: { id: r() < 0.3 ? pick(r, ['2410.20001', 'arXiv:2410.20002v1', 'https://arxiv.org/abs/2410.20001', '2501.00001']) : randomValue(r, 200) } };
    case 'subscribe':
      // Discord keeps `cap` within its min_value/max_value; the topic is optional since kind "liked" needs none.
      return { sub, options: { topic: maybe(0.9, () => randomValue(r, 200)), channel: flag(), kind: maybe(0.3, () => pick(r, ['topic', 'liked'])), cap: maybe(0.2, () => 1 + Math.floor(r() * 25)) } };
    case 'unsubscribe':
      return { sub, options: { target: r() < 0.3 ? String(Math.floor(r() * 6) - 1) : randomValue(r, 200), channel: flag() } };
    case 'subscriptions':
      return { sub, options: { channel: flag() } };
    case 'like':
    case 'dislike':
    case 'similar':
      return { sub, options: { id: paperId() } };
    case 'interests':
      return { sub, options: { channel: flag(), remove: maybe(0.3, paperId), clear: maybe(0.1, () => r() < 0.8) } };
    case 'settings':
      return {
        sub,
        options: { language: maybe(0.4, language), channel_language: maybe(0.3, language), channel_time: maybe(0.3, time), channel_timezone: maybe(0.3, zone) },
      };
    default:
      return { sub, options: {} };
  }
}

type Where = { locale: string; direct: boolean; manage: boolean };

/** A chat-input interaction with just what the handler reads, recording what it sends back. */
function fakeInteraction(sub: string, options: Options, where: Where) {
  const sent: { method: string; options: Record<string, unknown> }[] = [];
  const record = (method: string) => async (o: Record<string, unknown>) => {
    sent.push({ method, options: o });
    if (method === 'deferReply') state.deferred = true;
    if (method === 'reply' || method === 'editReply' || method === 'followUp') state.replied = true;
    return {};
  };
  const state = {
    id: '1300000000000000001',
    commandName: 'papers',
    locale: where.locale,
    guildId: where.direct ? null : GUILD,
    channelId: where.direct ? '333333333333333333' : CHANNEL,
    user: { id: '222222222222222222' },
    memberPermissions: where.direct ? null : { has: () => where.manage },
    deferred: false,
    replied: false,
    options: {
      getSubcommand: () => sub,
      getString: (name: string) => {
        const v = options[name];
        return typeof v === 'string' ? v : null;
      },
      getBoolean: (name: string) => {
        const v = options[name];
        return typeof v === 'boolean' ? v : null;
      },
      getInteger: (name: string) => {
        const v = options[name];
        return typeof v === 'number' ? v : null;
      },
    },
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    isButton: () => false,
    isMessageComponent: () => false,
    isRepliable: () => true,
    reply: record('reply'),
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
  };
  return { interaction: state as unknown as Interaction, sent };
}

/** The JSON body discord.js would send for these reply options (allowedMentions → allowed_mentions, flags resolved). */
const PAYLOAD_TARGET = { client: { options: { jsonTransformer: (v: unknown) => v, enforceNonce: false } } } as unknown as MessageTarget;
function wireBody(options: Record<string, unknown>): Json {
  return MessagePayload.create(PAYLOAD_TARGET, options).resolveBody().body as Json;
}

describe('/papers fuzzing through the Discord interaction handler', () => {
  it(`answers ${DISCORD_INPUTS} random chat-input interactions with valid, non-pinging replies, ephemeral errors, no leaks`, async () => {
    const t = setupCommands();
    const mirror = setupCommands();
    const log = silentLogger();
    const r = rng(20241101);
    let slowest = 0;
    let errors = 0;
    const seen = new Set<string>();
    for (let i = 0; i < DISCORD_INPUTS; i++) {
      const { sub, options } = randomOptions(r);
      const where: Where = { locale: pick(r, ['ko', 'ja', 'en-US', 'en-GB', 'fr', 'zh-CN']), direct: r() < 0.2, manage: r() < 0.5 };
      const label = JSON.stringify({ i, sub, options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 200) : v])), where });
      const { interaction, sent } = fakeInteraction(sub, options, where);

      const started = performance.now();
      await handleDiscordInteraction(interaction, t.deps, log);
      slowest = Math.max(slowest, performance.now() - started);

      // The mirror: the same context and input through the use case, rendered as the handler would.
      const ctx: CommandContext = commandContext(interaction);
      const input = commandInput(interaction as Parameters<typeof commandInput>[0]);
      const expected: Answer = input
        ? handleCommand(ctx, input, mirror.deps, log)
        : errorAnswer(new UserError('error.unknown_command', { command: `papers ${sub}` }), ctx, undefined, answerLocale(ctx, mirror.deps), log);
      if (expected.error === 'error.generic') throw new Error(`unexpected internal error for ${label}`);
      if (expected.error) errors++;
      seen.add(input?.command ?? 'unknown');

      const slow = input?.command === 'search' || input?.command === 'today' || input?.command === 'similar';
      const labels = controlLabels(ctx, mirror.deps);
      if (slow) {
        expect(sent.map((s) => s.method), label).toEqual(['deferReply', 'editReply']);
        expect(wireBody(sent[0]!.options).flags, label).toBe(MessageFlags.Ephemeral);
        expect(sent[1]!.options, label).toEqual(renderDiscordEdit(expected, labels));
      } else {
        expect(sent.map((s) => s.method), label).toEqual(['reply']);
        expect(sent[0]!.options, label).toEqual(renderDiscord(expected, labels));
        if (expected.error) expect(wireBody(sent[0]!.options).flags, label).toBe(MessageFlags.Ephemeral);
      }

      const body = wireBody(sent.at(-1)!.options);
      expect(validateMessage(body), label).toBeUndefined();
      expect(body.allowed_mentions, label).toEqual({ parse: [] });
      expect(String(body.content ?? '').length, label).toBeLessThanOrEqual(2000);
      expect(((body.embeds ?? []) as unknown[]).length, label).toBeLessThanOrEqual(10);
      expect(((body.components ?? []) as unknown[]).length, label).toBeLessThanOrEqual(5);
      for (const row of (body.components ?? []) as { components: { custom_id: string; label?: string; options?: { label: string; value: string }[] }[] }[]) {
        expect(row.components.length, label).toBeLessThanOrEqual(5);
        for (const b of row.components) {
          expect(b.custom_id.length, label).toBeLessThanOrEqual(100);
          if (b.label !== undefined) expect(b.label.length, label).toBeLessThanOrEqual(80);
          for (const o of b.options ?? []) expect([o.label.length <= 100, o.value.length <= 100], label).toEqual([true, true]);
        }
      }
      expectNoLeak(discordStrings(body), label);
    }
    expect(slowest).toBeLessThan(DEADLINE_MS);
    expect([...seen].sort()).toEqual(['dislike', 'help', 'interests', 'like', 'search', 'settings', 'show', 'similar', 'status', 'subscribe', 'subscriptions', 'today', 'unknown', 'unsubscribe']);
    expect(errors).toBeGreaterThan(DISCORD_INPUTS / 20);
    expect(errors).toBeLessThan(DISCORD_INPUTS);
    expect(t.stores.reader.counts().papers).toBe(2);
    t.stores.close();
    mirror.stores.close();
  });
});
