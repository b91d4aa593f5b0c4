/**
 * The connection state as the real Bolt app reports it against the fake Slack, in both modes. The
 * reconnect delay is set long here: the loss must show at once, not when the reconnect begins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../../test/fakes/fake-slack.js';
import { eventually } from '../../../test/helpers/eventually.js';
import { createConnectionTracker, type ConnectionTracker } from '../../core/connection-state.js';
import { silentLogger } from '../../log.js';
import { createSlackApp, startSlackApp, stopSlackApp } from './slack-app.js';

let fake: FakeSlack;
afterEach(async () => {
  await fake?.close();
});

const states = (t: ConnectionTracker): string[] => {
  const seen: string[] = [];
  // Listeners also hear errors that leave the state as it is; only the states are compared here.
  t.onChange((s) => void (seen.at(-1) !== s.state && seen.push(s.state)));
  return seen;
};

describe('Slack connection state', () => {
  it('Socket Mode: connected after hello, reconnecting as soon as the socket drops, disconnected after stop', async () => {
    fake = await startFakeSlack();
    const tracker = createConnectionTracker(() => new Date());
    const seen = states(tracker);
    const app = createSlackApp({ botToken: fake.token, appToken: fake.appToken, apiUrl: fake.apiUrl, log: silentLogger(), retries: 0, reconnectDelayMs: 60_000, connection: tracker });
    expect(tracker.status().state).toBe('connecting');
    await startSlackApp(app, 0, undefined, tracker);
    expect(tracker.status().state).toBe('connected');

    fake.socketDrop();
    await eventually(() => tracker.status().state === 'reconnecting', 'reconnecting after the drop');
    // The client waits out its 60 s delay before asking for a new connection: the loss was seen from its close.
    expect(fake.requests.filter((r) => r.method === 'apps.connections.open')).toHaveLength(1);

    await stopSlackApp(app);
    expect(tracker.status().state).toBe('disconnected');
    expect(seen).toEqual(['connected', 'reconnecting', 'disconnected']);
  });

  it('Socket Mode: reconnects after the configured delay', async () => {
    fake = await startFakeSlack();
    const tracker = createConnectionTracker(() => new Date());
    const app = createSlackApp({ botToken: fake.token, appToken: fake.appToken, apiUrl: fake.apiUrl, log: silentLogger(), retries: 0, reconnectDelayMs: 100, connection: tracker });
    await startSlackApp(app, 0, undefined, tracker);
    fake.socketDrop();
    await eventually(() => fake.requests.filter((r) => r.method === 'apps.connections.open').length === 2, 'a second apps.connections.open');
    await eventually(() => tracker.connected(), 'connected again');
    expect(fake.socketConnections).toBe(1);
    await stopSlackApp(app);
  });

  it('Socket Mode: a 5xx from apps.connections.open during a reconnect is retried, not the end of reconnecting', async () => {
    fake = await startFakeSlack();
    const tracker = createConnectionTracker(() => new Date());
    // retries: 0 is the app's Web API policy; the connection URL is asked for under the client's own.
    const app = createSlackApp({ botToken: fake.token, appToken: fake.appToken, apiUrl: fake.apiUrl, log: silentLogger(), retries: 0, reconnectDelayMs: 100, connection: tracker });
    await startSlackApp(app, 0, undefined, tracker);
    fake.failNext('apps.connections.open', { status: 503 });
    fake.socketDrop();
    await eventually(() => fake.requests.filter((r) => r.method === 'apps.connections.open').length === 3, 'apps.connections.open asked again after the 503');
    await eventually(() => tracker.connected(), 'connected again');
    expect(fake.requests.filter((r) => r.method === 'apps.connections.open').map((r) => r.status)).toEqual([200, 503, 200]);
    await stopSlackApp(app);
  });

  it('HTTP mode: connected while the receiver listens, disconnected when it closes', async () => {
    fake = await startFakeSlack();
    const tracker = createConnectionTracker(() => new Date());
    const app = createSlackApp({ botToken: fake.token, signingSecret: 'secret', apiUrl: fake.apiUrl, log: silentLogger(), retries: 0, connection: tracker });
    await startSlackApp(app, 0, '127.0.0.1', tracker);
    expect(tracker.status().state).toBe('connected');
    await stopSlackApp(app);
    await eventually(() => tracker.status().state === 'disconnected', 'disconnected after stop');
  });
});
