/**
 * The bot over Slack Socket Mode loses its connection: the fake Slack drops the socket without a
 * word. /healthz turns 503 at once, naming the state and how long it has held; the command that
 * was in flight is still answered (answers go through response_url, not the socket); a command
 * sent during the gap is refused by Slack with dispatch_failed, which the user sees; after the
 * reconnect (a short configured delay) /healthz is 200 again and commands are answered.
 * apps.connections.open is held during the gap, so the gap lasts exactly as long as the test wants.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectionStore } from '../../src/db/connection-store.js';
import { runCli } from '../cli/run-cli.js';
import { CHANNELS, startHarness, type Harness } from './bot-harness.js';
import { eventually } from '../helpers/eventually.js';

type Connection = { state: string; since: string; seconds: number; error?: string };
type Health = { status: string; problems: string[]; chat: Record<string, boolean>; connections: Record<string, Connection> };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function healthz(): Promise<{ status: number; body: Health }> {
  const res = await fetch(`http://127.0.0.1:${h!.bot.httpPort}/healthz`);
  return { status: res.status, body: (await res.json()) as Health };
}

/** Waits for a condition on events the test does not control; never a fixed sleep. */
const opens = () => h!.slack.requests.filter((r) => r.method === 'apps.connections.open').length;
const answered = (name: string) => h!.slack.responses.find((r) => r.name === name)?.body;

describe('Slack Socket Mode connection health', () => {
  it('goes unhealthy when the socket drops, loses no command, and is healthy again after the reconnect', async () => {
    h = await startHarness({ start: '2024-10-30T06:00:00Z', channels: [CHANNELS.slackJa], http: {}, slackSocketMode: { reconnectDelaySeconds: 0.2 } });
    h.slack.addUser('U0MEMBER', { locale: 'en-US' });
    const up = await healthz();
    expect(up.status).toBe(200);
    expect(up.body.connections.slack).toMatchObject({ state: 'connected', seconds: 0 });
    expect(opens()).toBe(1);

    // A command in flight: acked over the socket, its answer still being prepared (users.info held).
    h.slack.failNext('users.info', 'hold');
    const ack = await h.slack.sendSlashCommand({ text: 'help', response_url: h.slack.responseUrl('in-flight') }, { envelopeId: 'env-in-flight', timeoutMs: 15_000 });
    expect(ack.envelope_id).toBe('env-in-flight');
    await eventually(() => h!.slack.held === 1, 'users.info called');

    // The socket drops; the reconnect waits on apps.connections.open for as long as the test holds it.
    h.slack.failNext('apps.connections.open', 'hold');
    const droppedAt = h.clock.now().toISOString();
    h.slack.socketDrop();
    await eventually(async () => (await healthz()).status === 503, '/healthz 503 after the drop');
    await eventually(() => h!.slack.held === 2, 'the client asks for a new connection');
    h.clock.advance(42_000);
    const down = await healthz();
    expect(down.status).toBe(503);
    expect(down.body.chat).toEqual({ discord: true, slack: false });
    // The client may or may not see a socket error before the close (it depends on how the TCP close lands).
    expect(down.body.problems).toEqual([expect.stringMatching(/^slack reconnecting for 42 s( \(last error: .+\))?$/)]);
    expect(down.body.connections.slack).toMatchObject({ state: 'reconnecting', since: droppedAt, seconds: 42 });

    // status, another process, reads what the bot recorded.
    const status = JSON.parse((await runCli(['status', '--json', '--db', h.dbFile])).stdout) as { connections: Connection[] };
    expect(status.connections).toEqual([expect.objectContaining({ platform: 'slack', state: 'reconnecting', since: droppedAt })]);

    // During the gap Slack cannot dispatch a new command and tells the user so; nothing reaches a dead socket.
    await expect(h.slack.sendSlashCommand({ text: 'help', response_url: h.slack.responseUrl('in-gap') })).rejects.toMatchObject({ error: 'dispatch_failed' });
    // The command in flight is answered while still disconnected: response_url needs no socket.
    h.slack.release('users.info');
    await eventually(() => answered('in-flight') !== undefined, 'the in-flight command answered');
    expect(JSON.stringify(answered('in-flight'))).toContain('/papers');
    expect((await healthz()).status).toBe(503);

    // The reconnect completes: healthy again, and commands are answered.
    h.slack.release();
    await eventually(async () => (await healthz()).status === 200, '/healthz 200 after the reconnect');
    const back = await healthz();
    expect(back.body.problems).toEqual([]);
    expect(back.body.connections.slack).toEqual({ state: 'connected', since: h.clock.now().toISOString(), seconds: 0 });
    expect(opens()).toBe(2);
    const after = await h.slack.sendSlashCommand({ text: 'help', response_url: h.slack.responseUrl('after') }, { timeoutMs: 15_000 });
    expect(after.envelope_id).toBeTruthy();
    await eventually(() => answered('after') !== undefined, 'the command after the reconnect answered');
    expect(h.slack.acks.map((a) => a.envelope_id)).toContain('env-in-flight');
    expect(h.logs.some((l) => l.msg === 'chat connection down' && l.state === 'reconnecting')).toBe(true);
    expect(h.logs.some((l) => l.msg === 'chat connection up')).toBe(true);
  });

  it('records the connection for status and doctor, and "disconnected" when the bot stops', async () => {
    h = await startHarness({ start: '2024-10-30T06:00:00Z', channels: [CHANNELS.slackJa], slackSocketMode: {} });
    const store = createConnectionStore(h.bot.stores.db);
    expect(store.list()).toEqual([{ platform: 'slack', state: 'connected', since: '2024-10-30T06:00:00.000Z', checkedAt: '2024-10-30T06:00:00.000Z' }]);
    h.clock.advance(60_000);
    await h.stop();
    await h.start();
    const restarted = createConnectionStore(h.bot.stores.db).list();
    expect(restarted).toEqual([{ platform: 'slack', state: 'connected', since: '2024-10-30T06:01:00.000Z', checkedAt: '2024-10-30T06:01:00.000Z' }]);
    await h.stop();
    const text = (await runCli(['status', '--db', h.dbFile])).stdout;
    expect(text).toContain('- slack connection: no running bot: last recorded disconnected since 2024-10-30T06:01:00.000Z');
  });
});
