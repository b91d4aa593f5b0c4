/**
 * Feeds a connection tracker from what the Slack clients show publicly: the Socket Mode client's
 * lifecycle events, or the HTTP receiver's server (the value `app.start()` resolves with).
 */
import type { Server } from 'node:http';
import type { SocketModeReceiver } from '@slack/bolt';
import type { ConnectionTracker } from '../../core/connection-state.js';

type SocketModeClient = SocketModeReceiver['client'];

/** The socket's errors often carry no message of their own (an abrupt close): then the cause's, or the class name. */
function message(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : '';
  return err.message || cause || err.name;
}

/**
 * Socket Mode. The documented states are connecting, connected, reconnecting, disconnecting and
 * disconnected, plus error. With auto-reconnect on, a lost socket emits none of them until the
 * reconnect delay has passed (then `reconnecting`); the client's own `close` event, on which it
 * schedules that reconnect, is what tells the loss at once, so it is read too (see
 * docs/adr/0012-slack-connection-health.md).
 */
export function watchSocketMode(client: SocketModeClient, tracker: ConnectionTracker): void {
  let stopping = false;
  client.on('connecting', () => {
    stopping = false;
    if (tracker.status().state !== 'reconnecting') tracker.set('connecting');
  });
  client.on('connected', () => tracker.set('connected'));
  client.on('close', () => tracker.set(stopping ? 'disconnected' : 'reconnecting'));
  client.on('reconnecting', () => tracker.set('reconnecting'));
  client.on('disconnecting', () => {
    stopping = true;
    tracker.set('disconnected');
  });
  client.on('disconnected', (err?: unknown) => tracker.set('disconnected', err ? message(err) : undefined));
  client.on('error', (err: unknown) => tracker.fail(message(err)));
}

/** HTTP mode: Slack reaches us, so "connected" means the receiver is listening. */
export function watchHttpServer(server: Server, tracker: ConnectionTracker): void {
  if (server.listening) tracker.set('connected');
  server.on('listening', () => tracker.set('connected'));
  server.on('close', () => tracker.set('disconnected'));
  server.on('error', (err: unknown) => tracker.fail(message(err)));
}
