/**
 * The fake Discord or Slack of a fan-out scenario, in a child process of its own so that serving
 * thousands of requests does not compete with the client for the benchmark's event loop. The
 * parent talks to it over IPC: `start` (limits on: Discord 50/s global and 5 per 5 s per channel,
 * Slack 1 message/s per channel) answers with the API URL and token; `collect` answers with the
 * requests and 429s it served and every message it stored, then the child exits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../src/core/chat-poster.js';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../test/fakes/fake-slack.js';
import { isMain } from './bench-util.js';
import type { Received } from './fanout-verify.js';

export interface FakeReport {
  /** Requests the fake answered (Discord: every REST request; Slack: chat.postMessage calls). */
  requests: number;
  served429: number;
  /** Every message the fake stored, with its delivery key and where it landed. */
  received: Received[];
  /** CPU time the fake process spent between start and collect, in seconds. */
  cpuS: number;
}

type Request = { type: 'start'; platform: Platform; channels: string[] } | { type: 'collect' };
type Reply = { type: 'hello' } | { type: 'ready'; apiUrl: string; token: string } | ({ type: 'report' } & FakeReport);

/** Discord: the nonce is the delivery key; a thread is the channel whose id is its header's message id. */
export function discordReceived(fake: FakeDiscord): Received[] {
  return [...fake.channels.values()].flat().map((m) => ({ key: typeof m.nonce === 'string' ? m.nonce : undefined, where: m.channel_id, id: m.id }));
}

/** Slack: the key is in the message metadata; a thread reply carries its header's ts as thread_ts. */
export function slackReceived(fake: FakeSlack): Received[] {
  return [...fake.messages.entries()].flatMap(([channel, list]) =>
    list.map((m) => {
      const key = m.metadata?.event_payload.key;
      const thread = m.thread_ts !== undefined && m.thread_ts !== m.ts ? m.thread_ts : '';
      return { key: typeof key === 'string' ? key : undefined, where: `${channel}/${thread}`, id: m.ts };
    }),
  );
}

function serve(send: (reply: Reply) => void): (request: Request) => Promise<void> {
  let report: (() => FakeReport) | undefined;
  let close: (() => Promise<void>) | undefined;
  let cpu = process.cpuUsage();
  const cpuS = (): number => {
    const { user, system } = process.cpuUsage(cpu);
    return (user + system) / 1e6;
  };
  return async (request) => {
    if (request.type === 'start') cpu = process.cpuUsage();
    if (request.type === 'start' && request.platform === 'discord') {
      const fake = await startFakeDiscord({ globalLimit: { limit: 50, windowMs: 1000 }, routeLimit: { limit: 5, windowMs: 5000 } });
      for (const id of request.channels) fake.addChannel(id);
      report = () => ({ requests: fake.requests.length, served429: fake.served429, received: discordReceived(fake), cpuS: cpuS() });
      close = () => fake.close();
      send({ type: 'ready', apiUrl: fake.apiUrl, token: fake.token });
    } else if (request.type === 'start') {
      const fake = await startFakeSlack({ ratelimitPerChannelPerSecond: 1 });
      for (const id of request.channels) fake.addChannel(id);
      const requests = () => fake.requests.filter((r) => r.method === 'chat.postMessage').length;
      report = () => ({ requests: requests(), served429: fake.ratelimited, received: slackReceived(fake), cpuS: cpuS() });
      close = () => fake.close();
      send({ type: 'ready', apiUrl: fake.apiUrl, token: fake.token });
    } else if (report && close) {
      // The parent ends this process once it has the report; disconnecting here could cut a large report short.
      send({ type: 'report', ...report() });
      await close();
    }
  };
}

export interface RemoteFake {
  apiUrl: string;
  token: string;
  collect(): Promise<FakeReport>;
  kill(): void;
}

function next(child: ChildProcess): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`fake process exited (${code}) before answering`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve(m as Reply);
    });
  });
}

/** Starts the fake for `platform` with `channels` in a child process. */
export async function startFakeProcess(platform: Platform, channels: string[]): Promise<RemoteFake> {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await next(child); // hello: the child listens
  const ready = next(child);
  child.send({ type: 'start', platform, channels } satisfies Request);
  const r = await ready;
  if (r.type !== 'ready') throw new Error('fake process did not start');
  return {
    apiUrl: r.apiUrl,
    token: r.token,
    async collect() {
      const answer = next(child);
      child.send({ type: 'collect' } satisfies Request);
      const a = await answer;
      if (a.type !== 'report') throw new Error('fake process sent no report');
      const { type: _type, ...report } = a;
      return report;
    },
    kill: () => void (child.exitCode === null && child.kill()),
  };
}

if (isMain(import.meta.url)) {
  const handle = serve((reply) => process.send?.(reply));
  process.on('message', (m) => void handle(m as Request));
  // An orphan (the benchmark died or was stopped) must not keep serving.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'hello' } satisfies Reply);
}
