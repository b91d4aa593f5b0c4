import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '../../log.js';
import { startFakeSlack, type FakeSlack } from '../../../test/fakes/fake-slack.js';
import { createBoltLogger } from './bolt-logger.js';
import { createSlackApp, SlackConfigError, startSlackApp, stopSlackApp } from './slack-app.js';
import { createSlackPoster } from './slack-poster.js';

let fake: FakeSlack | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await fake?.close();
  fake = undefined;
});

const SECRET = 'test-signing-secret';

function signed(body: string, secret = SECRET, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/json', 'x-slack-request-timestamp': String(at), 'x-slack-signature': signature };
}

function capture(level: 'debug' | 'info'): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level }, stream), lines };
}

describe('the Bolt app', () => {
  it('refuses to build an HTTP-mode app without a signing secret', () => {
    expect(() => createSlackApp({ botToken: 'xoxb-x', log: silentLogger() })).toThrow(SlackConfigError);
    expect(() => createSlackApp({ botToken: 'xoxb-x', log: silentLogger() })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('builds a Socket Mode app from an app token without a signing secret, calling nothing yet', async () => {
    fake = await startFakeSlack();
    const app = createSlackApp({ botToken: fake.token, appToken: 'xapp-1-x', apiUrl: fake.apiUrl, log: silentLogger(), retries: 0 });
    expect(app.client).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests).toEqual([]);
  });

  it('starts in HTTP mode against the fake: auth.test first, then signed requests only', async () => {
    fake = await startFakeSlack({ channels: { C1: {} } });
    const app = createSlackApp({ botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, log: silentLogger(), retries: 0 });
    expect(fake.requests).toEqual([]);
    const { port } = await startSlackApp(app, 0, '127.0.0.1');
    cleanups.push(() => stopSlackApp(app));
    expect(fake.requests.map((r) => [r.method, r.authorization])).toEqual([['auth.test', `Bearer ${fake.token}`]]);

    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'legacy' });
    const url = `http://127.0.0.1:${port}/slack/events`;
    const good = await fetch(url, { method: 'POST', headers: signed(body), body });
    expect([good.status, await good.json()]).toEqual([200, { challenge: 'c-123' }]);
    const forged = await fetch(url, { method: 'POST', headers: signed(body, 'wrong-secret'), body });
    expect(forged.status).toBe(401);
    await forged.text();
    const stale = await fetch(url, { method: 'POST', headers: signed(body, SECRET, Math.floor(Date.now() / 1000) - 600), body });
    expect(stale.status).toBe(401);
    await stale.text();

    const poster = createSlackPoster(app.client, silentLogger(), { minIntervalMs: 0 });
    await poster.send('C1', { body: { text: 'hello' } }, { key: 'k' });
    expect(fake.messages.get('C1')!.map((m) => m.text)).toEqual(['hello']);
  });

  it('rejects at start with Slack’s error when the bot token is bad, leaving no stray rejection', async () => {
    fake = await startFakeSlack();
    const app = createSlackApp({ botToken: 'xoxb-revoked', signingSecret: SECRET, apiUrl: fake.apiUrl, log: silentLogger(), retries: 0 });
    await expect(startSlackApp(app, 0, '127.0.0.1')).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('logs Bolt and web-api messages through pino, an Error as err, without changing the pino level', async () => {
    const { log, lines } = capture('info');
    const bolt = createBoltLogger(log);
    expect(bolt.getLevel()).toBe(LogLevel.INFO);
    bolt.error('Slack API error: %s', 'invalid_auth', new Error('An API error occurred: invalid_auth'));
    bolt.debug('dropped at info');
    bolt.setLevel(LogLevel.ERROR);
    bolt.warn('dropped by the bridge level');
    expect(log.level).toBe('info');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'Slack API error: invalid_auth', err: { message: 'An API error occurred: invalid_auth' } });

  });

  it('hands the app’s web-api client the same pino logger, at pino’s level', async () => {
    fake = await startFakeSlack();
    const { log, lines } = capture('debug');
    const app = createSlackApp({ botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, log, retries: 0 });
    await app.client.auth.test();
    expect(lines.some((l) => l.component === 'slack' && l.level === 20 && String(l.msg).includes("apiCall('auth.test') start"))).toBe(true);
  });
});
