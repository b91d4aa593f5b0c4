import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectionStore } from '../../src/db/connection-store.js';
import { openStores } from '../../src/main.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { DEFAULT_BOT_ROLE, DEFAULT_EVERYONE, PERMISSION } from '../fakes/fake-discord-guilds.js';
import { MANIFEST_SCOPES, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slackChecks } from '../../src/adapters/slack/doctor-checks.js';
import { closedPort, route, startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { fixture, runCli, tempDb } from './run-cli.js';

type Check = { check: string; status: 'ok' | 'warn' | 'fail'; detail: string };

const GUILD = '1100000000000000001';
const CH_DIGEST = '1200000000000000001';
const CH_THREAD = '1200000000000000002';

let discord: FakeDiscord | undefined;
let slack: FakeSlack | undefined;
let feeds: FeedServer | undefined;
afterEach(async () => {
  await Promise.all([discord?.close(), slack?.close(), feeds?.close()]);
  discord = slack = feeds = undefined;
});

function writeConfig(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-doctor-')), 'paperboy.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** A database made by Paperboy itself, with one source's last success recorded. */
function healthyDb(): string {
  const db = tempDb();
  const stores = openStores(db);
  stores.status.record({ source: 'hf-file', at: '2024-10-30T06:00:00.000Z', entries: 3, new: 3, updated: 0, unchanged: 0, errors: [] });
  stores.close();
  return db;
}

async function doctor(args: string[], env: NodeJS.ProcessEnv) {
  const r = await runCli(['doctor', '--json', ...args], env);
  const json = JSON.parse(r.stdout) as { ok: boolean; checks: Check[] };
  const find = (name: string): Check => {
    const c = json.checks.find((x) => x.check === name);
    if (!c) throw new Error(`no check "${name}" in ${r.stdout}`);
    return c;
  };
  return { ...r, json, find };
}

/** Fakes for everything, a config that uses them all, and a database: a healthy install. */
async function healthyInstall() {
  discord = await startFakeDiscord();
  discord.addChannel(CH_DIGEST, { name: 'papers' });
  discord.addChannel(CH_THREAD, { name: 'threads' });
  slack = await startFakeSlack({ channels: { C0PAPERS: { name: 'papers' } } });
  feeds = await startFeedServer({ '/cs.CL': route.fixture('arxiv/cs.CL.atom.xml', 'application/atom+xml') });
  const config = `
sources:
  - { name: arxiv-cl, url: "${feeds.url('/cs.CL')}" }
  - { name: hf-file, path: "${fixture('hf/daily_papers-2024-10-30.json')}" }
channels:
  - { platform: discord, channel: "${CH_DIGEST}" }
  - { platform: discord, channel: "${CH_THREAD}", layout: thread }
  - { platform: slack, channel: C0PAPERS }
`;
  const env: NodeJS.ProcessEnv = {
    PAPERBOY_CONFIG: writeConfig(config),
    PAPERBOY_DB: healthyDb(),
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: slack.token,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
  };
  return { env, discord, slack, feeds };
}

describe('paperboy doctor on a healthy install', () => {
  it('passes every check, one line each, and exits 0', async () => {
    const { env } = await healthyInstall();
    const r = await doctor([], env);
    expect(r.code).toBe(0);
    expect(r.json.ok).toBe(true);
    expect(r.json.checks.map((c) => [c.check, c.status])).toEqual([
      ['environment', 'ok'],
      ['config', 'ok'],
      ['database', 'ok'],
      ['database integrity', 'ok'],
      ['database access', 'ok'],
      ['source arxiv-cl', 'ok'],
      ['source hf-file', 'ok'],
      ['discord token', 'ok'],
      ['discord intents', 'ok'],
      [`discord channel ${CH_DIGEST}`, 'ok'],
      [`discord channel ${CH_THREAD}`, 'ok'],
      ['slack token', 'ok'],
      ['slack receiver', 'ok'],
      ['slack scopes', 'ok'],
      ['slack channel C0PAPERS', 'ok'],
    ]);
    expect(r.find('source arxiv-cl').detail).toMatch(/^\d+ entries \[arxiv-atom\]$/);
    expect(r.find('source hf-file').detail).toMatch(/^\d+ entries \[hf-daily\]; last success 2024-10-30T06:00:00.000Z$/);
    expect(r.find('discord token').detail).toBe(`bot ${discord!.bot.username} (${discord!.bot.id})`);
    expect(r.find('discord intents').detail).toContain('GuildMessageReactions and DirectMessageReactions');
    expect(r.find('discord intents').detail).toContain('GuildMessages (replies in discussion threads');
    expect(r.find(`discord channel ${CH_THREAD}`).detail).toContain('#threads');
    expect(r.find('slack token').detail).toBe('app paperboy in Fake Workspace');
    expect(r.find('slack channel C0PAPERS').detail).toBe('#papers');
    expect(r.find('database').detail).toMatch(/schema version \d+$/);
    expect(Object.keys(r.json).sort()).toEqual(['checks', 'ok']);
    for (const c of r.json.checks) expect(Object.keys(c).sort()).toEqual(['check', 'detail', 'status']);
  });

  it('prints a table with a status, the name and the detail on one line per check', async () => {
    const { env } = await healthyInstall();
    const r = await runCli(['doctor'], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ok {4}environment +valid$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ok {4}slack channel C0PAPERS +#papers$/));
    expect(lines.at(-1)).toBe('0 failed, 0 warnings, 15 ok');
  });

  it('--offline makes no network request, still reads file sources, and says what it skipped', async () => {
    const { env, discord: d, slack: s, feeds: f } = await healthyInstall();
    const r = await doctor(['--offline'], env);
    expect(r.code).toBe(0);
    expect([d.requests.length, s.requests.length, f.requests.length]).toEqual([0, 0, 0]);
    expect(r.find('source hf-file').status).toBe('ok');
    expect(r.json.checks.some((c) => c.check.startsWith('discord') || c.check === 'slack token' || c.check === 'source arxiv-cl')).toBe(false);
    expect(r.find('network')).toMatchObject({ status: 'warn', detail: expect.stringContaining('sources by URL') });
  });
});

describe('paperboy doctor and the chat connections the bot recorded', () => {
  it('warns while the running bot is reconnecting to Slack, and is ok once it is connected', async () => {
    const { env } = await healthyInstall();
    const stores = openStores(env.PAPERBOY_DB!);
    const store = createConnectionStore(stores.db);
    const now = Date.now();
    store.record('slack', { state: 'reconnecting', since: new Date(now - 90_000).toISOString(), error: 'ECONNRESET' }, new Date(now).toISOString());
    let r = await doctor(['--offline'], env);
    expect(r.code).toBe(0);
    expect(r.find('slack connection')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^reconnecting for \d+ s \(last error: ECONNRESET\)/) });
    store.record('slack', { state: 'connected', since: new Date(now).toISOString() }, new Date(now).toISOString());
    stores.close();
    r = await doctor(['--offline'], env);
    expect(r.find('slack connection')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^connected for \d+ s/) });
  });
});

describe('paperboy doctor on a broken setup', () => {
  it('lists every config problem at once, with the file and key, and exits 2', async () => {
    const file = writeConfig('timezone: Mars/Olympus\nsources:\n  - { url: "ftp://x" }\nchannels:\n  - { platform: teams, channel: "C0123ABCD" }\n');
    const r = await runCli(['doctor', '--json'], { PAPERBOY_CONFIG: file, PAPERBOY_DB: tempDb() });
    expect(r.code).toBe(2);
    const { ok, checks } = JSON.parse(r.stdout) as { ok: boolean; checks: Check[] };
    expect(ok).toBe(false);
    const config = checks.filter((c) => c.check === 'config');
    expect(config.length).toBe(3);
    expect(config.every((c) => c.status === 'fail' && c.detail.startsWith(`${file}: `))).toBe(true);
    expect(config.map((c) => c.detail.slice(file.length + 2).split(':')[0])).toEqual(['timezone', 'sources[0].url', 'channels[0].platform']);
  });

  it('reports an invalid environment with the key and exits 2, listing config problems too', async () => {
    const file = writeConfig('timezone: Nowhere/Else\n');
    const r = await runCli(['doctor'], { PAPERBOY_CONFIG: file, SLACK_PORT: 'abc' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^FAIL {2}environment +environment: SLACK_PORT: .*fix it in \.env or the environment/m);
    expect(r.stdout).toMatch(/^FAIL {2}config +\S+paperboy\.yaml: timezone: not an IANA time zone/m);
  });

  it('says a missing config file is missing, naming PAPERBOY_CONFIG', async () => {
    const r = await doctor([], { PAPERBOY_CONFIG: '/nonexistent/paperboy.yaml' });
    expect(r.code).toBe(2);
    expect(r.find('config')).toMatchObject({ status: 'fail', detail: expect.stringContaining('PAPERBOY_CONFIG') });
  });
});

describe('paperboy doctor: the database', () => {
  const offlineEnv = (db: string): NodeJS.ProcessEnv => ({ PAPERBOY_CONFIG: writeConfig(`sources:\n  - { path: "${fixture('hf/daily_papers-2024-10-30.json')}" }\n`), PAPERBOY_DB: db });

  it('warns about a database not created yet, creates nothing, and exits 0', async () => {
    const db = tempDb();
    const r = await doctor([], offlineEnv(db));
    expect(r.code).toBe(0);
    expect(r.find('database')).toMatchObject({ status: 'warn', detail: expect.stringContaining('not created yet') });
    expect(r.find('chat')).toMatchObject({ status: 'warn', detail: expect.stringContaining('digests go to the console') });
    expect(existsSync(db)).toBe(false);
  });

  it('fails a file that is not a SQLite database', async () => {
    const db = tempDb();
    writeFileSync(db, 'this is not a database, only some text\n'.repeat(200));
    const r = await doctor([], offlineEnv(db));
    expect(r.code).toBe(1);
    expect(r.json.ok).toBe(false);
    expect(r.find('database')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/not a readable SQLite database: .*SQLITE_NOTADB/) });
  });

  it('fails a database from a newer Paperboy without touching it', async () => {
    const db = tempDb();
    const stores = openStores(db);
    stores.db.pragma('user_version = 999');
    stores.close();
    const before = readFileSync(db);
    const r = await doctor(['--db', db], offlineEnv('/ignored/because/--db.db'));
    expect(r.code).toBe(1);
    expect(r.find('database')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/schema version 999 is newer than this Paperboy knows \(\d+\); upgrade Paperboy/) });
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('warns when migrations are pending', async () => {
    const db = tempDb();
    const stores = openStores(db);
    stores.db.pragma('user_version = 1');
    stores.close();
    const r = await doctor([], offlineEnv(db));
    expect(r.code).toBe(0);
    expect(r.find('database')).toMatchObject({ status: 'warn', detail: expect.stringContaining('migration(s) pending; applied at the next start') });
  });

  it('fails a database whose pages are corrupted, with quick_check\'s message', async () => {
    const db = healthyDb();
    const bytes = readFileSync(db);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xff, pageSize, pageSize + 8); // page 2's b-tree header: an invalid page type
    writeFileSync(db, bytes);
    const r = await doctor([], offlineEnv(db));
    expect(r.code).toBe(1);
    expect(r.find('database').status).toBe('ok');
    expect(r.find('database integrity')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^quick_check: (database disk image is malformed|\*\*\* in database main).*restore the database from a backup$/) });
  });
});

describe('paperboy doctor: sources', () => {
  it('fails an unreachable source and an HTML page, passes a feed, and reads files; each on its own line', async () => {
    feeds = await startFeedServer({
      '/feed': route.fixture('arxiv/cs.CL.atom.xml', 'application/atom+xml'),
      '/page': route.fixture('feeds/not-a-feed.html', 'text/html; charset=utf-8'),
      '/broken-item': route.fixture('arxiv/cs.AI.rss.xml', 'application/rss+xml'),
    });
    const port = await closedPort();
    const config = writeConfig(`
sources:
  - { name: down, url: "http://127.0.0.1:${port}/rss" }
  - { name: html, url: "${feeds.url('/page')}" }
  - { name: good, url: "${feeds.url('/feed')}" }
  - { name: one-bad-item, url: "${feeds.url('/broken-item')}" }
  - { name: file, path: "${fixture('digests/ja/2025-02-24.txt')}" }
  - { name: gone, path: /nonexistent/digests }
  - { name: off, url: "http://127.0.0.1:${port}/off", enabled: false }
`);
    const r = await doctor([], { PAPERBOY_CONFIG: config, PAPERBOY_DB: tempDb() });
    expect(r.code).toBe(1);
    const sources = r.json.checks.filter((c) => c.check.startsWith('source '));
    expect(sources.map((c) => [c.check, c.status])).toEqual([
      ['source down', 'fail'],
      ['source html', 'fail'],
      ['source good', 'ok'],
      ['source one-bad-item', 'warn'],
      ['source file', 'ok'],
      ['source gone', 'fail'],
    ]);
    expect(r.find('source down').detail).toMatch(/^unreachable: connection refused \(ECONNREFUSED\); check sources\[0\]\.url/);
    expect(r.find('source html').detail).toMatch(/^not a feed or digest Paperboy can read \(an HTML page\).*check sources\[1\]\.url/);
    expect(r.find('source one-bad-item').detail).toMatch(/^\d+ entries \[arxiv-rss\]; 1 entries could not be read/);
    expect(r.find('source file').detail).toMatch(/^\d+ entries \[ja-blog\]$/);
    expect(r.find('source gone').detail).toMatch(/^no such file or folder: \/nonexistent\/digests; check sources\[5\]\.path/);
  });

  it('appends "never succeeded" for a source the database has only seen fail', async () => {
    const db = tempDb();
    const stores = openStores(db);
    stores.status.record({ source: 'down', at: '2024-10-30T06:00:00.000Z', entries: 0, new: 0, updated: 0, unchanged: 0, errors: [], failure: 'HTTP 500' });
    stores.close();
    const config = writeConfig(`sources:\n  - { name: down, url: "http://127.0.0.1:${await closedPort()}/rss" }\n`);
    const r = await doctor([], { PAPERBOY_CONFIG: config, PAPERBOY_DB: db });
    expect(r.find('source down')).toMatchObject({ status: 'fail', detail: expect.stringContaining('(ECONNREFUSED); never succeeded; check') });
  });
});

describe('paperboy doctor: Discord', () => {
  it('fails a token Discord rejects, says where to reset it, and does not check the channels with it', async () => {
    const { env } = await healthyInstall();
    const r = await doctor([], { ...env, DISCORD_TOKEN: 'not-the-token' });
    expect(r.code).toBe(1);
    expect(r.find('discord token')).toEqual({ check: 'discord token', status: 'fail', detail: expect.stringMatching(/^token rejected \(401\): reset it in the Developer Portal, Bot tab/) });
    expect(r.find(`discord channel ${CH_DIGEST}`)).toMatchObject({ status: 'warn', detail: 'not checked: the token check failed' });
    expect(r.find('slack token').status).toBe('ok');
  });

  it('fails an unknown channel and one the bot cannot see, each with its fix', async () => {
    const { env, discord: d } = await healthyInstall();
    d.addChannel(CH_THREAD, { kind: 'no-access' });
    const config = readFileSync(env.PAPERBOY_CONFIG!, 'utf8').replace(CH_DIGEST, '1299999999999999999');
    const r = await doctor([], { ...env, PAPERBOY_CONFIG: writeConfig(config) });
    expect(r.code).toBe(1);
    expect(r.find('discord token').status).toBe('ok');
    expect(r.find('discord channel 1299999999999999999')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^Unknown Channel \(404\): check the channel id/) });
    expect(r.find(`discord channel ${CH_THREAD}`)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^Missing Access \(403\): invite the bot .*View Channel/) });
  });

  it('fails a channel whose overwrite denies the bot Send Messages, naming the permission and the overwrite', async () => {
    const { env, discord: d } = await healthyInstall();
    d.addChannel(CH_DIGEST, { name: 'papers', overwrites: [{ id: d.botRoleId(GUILD), type: 0, deny: PERMISSION.SendMessages }] });
    const r = await doctor([], env);
    expect(r.code).toBe(1);
    expect(r.find(`discord channel ${CH_DIGEST}`)).toMatchObject({
      status: 'fail',
      detail: "#papers: the bot lacks Send Messages; the channel's permission overwrites deny it: allow it for the bot's role in Edit Channel → Permissions",
    });
    expect(r.find(`discord channel ${CH_THREAD}`).status).toBe('ok');
  });

  it('lets a member overwrite allow back what @everyone is denied, as Discord does', async () => {
    const { env, discord: d } = await healthyInstall();
    d.setGuildPermissions(GUILD, { everyone: PERMISSION.ViewChannel, botRoles: [PERMISSION.ViewChannel | PERMISSION.ReadMessageHistory] });
    const all = PERMISSION.SendMessages | PERMISSION.EmbedLinks | PERMISSION.CreatePublicThreads | PERMISSION.SendMessagesInThreads;
    d.addChannel(CH_DIGEST, { overwrites: [{ id: GUILD, type: 0, deny: PERMISSION.SendMessages }, { id: d.bot.id, type: 1, allow: all }] });
    const r = await doctor([], env);
    expect(r.find(`discord channel ${CH_DIGEST}`).status).toBe('ok');
    expect(r.find(`discord channel ${CH_THREAD}`)).toMatchObject({ status: 'fail', detail: expect.stringContaining('the bot lacks Send Messages, Embed Links, Create Public Threads, Send Messages in Threads (layout: thread); give the bot') });
  });

  it('fails a thread-layout channel where the bot cannot create public threads, and warns for a digest channel (Discuss opens no thread there)', async () => {
    const { env, discord: d } = await healthyInstall();
    const withoutThreads = (bits: bigint) => bits & ~PERMISSION.CreatePublicThreads;
    d.setGuildPermissions(GUILD, { everyone: withoutThreads(DEFAULT_EVERYONE), botRoles: [withoutThreads(DEFAULT_BOT_ROLE)] });
    const r = await doctor([], env);
    expect(r.code).toBe(1);
    expect(r.find(`discord channel ${CH_DIGEST}`)).toMatchObject({ status: 'warn', detail: '#papers: the bot can post digests, but 💬 Discuss cannot open threads here: it lacks Create Public Threads' });
    expect(r.find(`discord channel ${CH_THREAD}`)).toMatchObject({
      status: 'fail',
      detail: "#threads: the bot lacks Create Public Threads (layout: thread); give the bot's role it in Server Settings → Roles, or in Edit Channel → Permissions",
    });
  });
});

describe('paperboy doctor: Slack', () => {
  it('fails a token Slack rejects', async () => {
    const { env } = await healthyInstall();
    const r = await doctor([], { ...env, SLACK_BOT_TOKEN: 'xoxb-wrong' });
    expect(r.code).toBe(1);
    expect(r.find('slack token')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^invalid_auth: copy the Bot User OAuth Token/) });
    expect(r.find('slack channel C0PAPERS')).toMatchObject({ status: 'warn', detail: 'not checked: the token check failed' });
  });

  it('warns about manifest scopes the token lacks, saying what each one costs', async () => {
    slack = await startFakeSlack({ scopes: MANIFEST_SCOPES.filter((s) => s !== 'reactions:read' && s !== 'im:write') });
    const checks = await slackChecks({ token: slack.token, apiUrl: slack.apiUrl, channels: [] });
    expect(checks.map((c) => [c.check, c.status])).toEqual([['slack token', 'ok'], ['slack scopes', 'warn']]);
    expect(checks[1]!.detail).toBe(
      'missing im:write (subscriptions cannot be delivered by direct message); reactions:read (👍 / 👎 reactions on digest messages are not counted; the bot events reaction_added and reaction_removed are needed too): add the scopes from config/slack-manifest.json to the app and reinstall it',
    );
  });

  it('fails a channel not found, an archived one and one the app is not in, each with its fix', async () => {
    const { env, slack: s } = await healthyInstall();
    s.addChannel('C0OLD', { name: 'old', archived: true });
    s.addChannel('C0OUT', { name: 'elsewhere', member: false });
    const config = `${readFileSync(env.PAPERBOY_CONFIG!, 'utf8')}  - { platform: slack, channel: C0NOPE }\n  - { platform: slack, channel: C0OLD }\n  - { platform: slack, channel: C0OUT }\n`;
    const r = await doctor([], { ...env, PAPERBOY_CONFIG: writeConfig(config) });
    expect(r.code).toBe(1);
    expect(r.json.checks.filter((c) => c.check.startsWith('slack channel')).map((c) => [c.check, c.status, c.detail])).toEqual([
      ['slack channel C0PAPERS', 'ok', '#papers'],
      ['slack channel C0NOPE', 'fail', 'channel_not_found: invite the app: /invite @Paperboy, or check the id'],
      ['slack channel C0OLD', 'fail', '#old is archived: unarchive it or remove it from the config'],
      ['slack channel C0OUT', 'fail', '#elsewhere: the app is not a member; invite the app to the channel: /invite @Paperboy'],
    ]);
  });

  it('fails when slash commands cannot be received, and warns about an app token that is not one', async () => {
    const { env } = await healthyInstall();
    const { SLACK_APP_TOKEN: _drop, ...noReceiver } = env;
    const none = await doctor(['--offline'], noReceiver);
    expect(none.code).toBe(1);
    expect(none.find('slack receiver')).toMatchObject({ status: 'fail', detail: expect.stringContaining('neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set') });
    const wrong = await doctor(['--offline'], { ...env, SLACK_APP_TOKEN: 'xoxb-oops' });
    expect(wrong.code).toBe(0);
    expect(wrong.find('slack receiver')).toMatchObject({ status: 'warn', detail: expect.stringContaining('does not start with xapp-') });
  });

  it('fails a health listener port that is also the Slack HTTP receiver\'s', async () => {
    const { env } = await healthyInstall();
    const { SLACK_APP_TOKEN: _drop, ...httpMode } = env;
    const config = writeConfig(`${readFileSync(env.PAPERBOY_CONFIG!, 'utf8')}http:\n  port: 3000\n`);
    const clash = await doctor(['--offline'], { ...httpMode, SLACK_SIGNING_SECRET: 'secret', PAPERBOY_CONFIG: config });
    expect(clash.code).toBe(1);
    expect(clash.find('http.port')).toMatchObject({ status: 'fail', detail: '3000 is also SLACK_PORT, where Slack\'s HTTP receiver listens: give one of them another port' });
    const apart = await doctor(['--offline'], { ...httpMode, SLACK_SIGNING_SECRET: 'secret', SLACK_PORT: '3001', PAPERBOY_CONFIG: config });
    expect(apart.code).toBe(0);
    expect(apart.json.checks.map((c) => c.check)).not.toContain('http.port');
  });

  it('keeps checking the rest when one platform does not answer', async () => {
    const { env, slack: s } = await healthyInstall();
    s.failNext('auth.test', 'reset');
    const r = await doctor([], env);
    expect(r.code).toBe(1);
    expect(r.find('slack token')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^unreachable: /) });
    expect(r.find('discord token').status).toBe('ok');
    expect(r.find(`discord channel ${CH_DIGEST}`).status).toBe('ok');
  });
});
