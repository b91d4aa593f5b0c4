/**
 * What Slack sends an app when someone clicks a Block Kit element or reacts to a message, in the
 * real shapes (Slack's block_actions payload and Events API event_callback references):
 * - a click: a `block_actions` payload built from a button or overflow option found in a message
 *   the fake stores (so a test clicks what the bot really posted), with `response_url` served by
 *   the fake; delivered as a signed form post `payload=<json>` to the HTTP receiver, or as an
 *   `interactive` Socket Mode envelope;
 * - a reaction: an `event_callback` body around `reaction_added` / `reaction_removed`, delivered
 *   as a signed JSON post (with Slack's `x-slack-retry-num` on a retry) or as an `events_api` envelope.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { FAKE_IDS, type FakeEnvelope, type FakeSlack } from './fake-slack.js';

type Element = { type: string; action_id?: string; value?: string; text?: unknown; options?: { value: string; text: unknown }[] };
type Block = { type: string; block_id?: string; elements?: Element[]; accessory?: Element };

export interface Clicker {
  user: string;
  team?: string;
  /** Name of the fake's response_url the answer goes to. */
  responseName: string;
  /** The action's `action_ts`; a fresh one by default (the same one = the same click delivered twice). */
  actionTs?: string;
}

let tsSeq = 0;
const nowTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(++tsSeq).padStart(6, '0')}`;

/** The block and element in a stored message whose action_id is `actionId` (an overflow's option by its value). */
function findElement(blocks: Block[], actionId: string): { block: Block; element: Element } | undefined {
  for (const block of blocks) {
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.action_id === actionId) return { block, element };
    }
  }
  return undefined;
}

/**
 * The `block_actions` payload Slack sends when `clicker` clicks the element `actionId` of the
 * message `ts` in `channel` (the fake's stored message, or an ephemeral one given as `ephemeral`);
 * for an overflow menu, `option` is the chosen option's value.
 */
export function clickPayload(
  fake: FakeSlack,
  where: { channel: string; ts: string; ephemeral?: { blocks: Block[] } },
  actionId: string,
  clicker: Clicker,
  option?: string,
): Record<string, unknown> {
  const message = where.ephemeral ?? fake.messages.get(where.channel)?.find((m) => m.ts === where.ts);
  if (!message) throw new Error(`no message ${where.ts} in ${where.channel}`);
  const found = findElement((message.blocks ?? []) as Block[], actionId);
  if (!found) throw new Error(`no element ${actionId} in message ${where.ts}`);
  const { block, element } = found;
  const chosen = element.type === 'overflow' ? element.options?.find((o) => o.value === option) : undefined;
  if (element.type === 'overflow' && !chosen) throw new Error(`no option ${option} in ${actionId}`);
  const action = {
    type: element.type, action_id: actionId, block_id: block.block_id ?? randomUUID(), action_ts: clicker.actionTs ?? nowTs(),
    ...(element.type === 'overflow' ? { selected_option: chosen } : { value: element.value, text: element.text }),
  };
  const team = clicker.team ?? FAKE_IDS.team_id;
  return {
    type: 'block_actions',
    user: { id: clicker.user, username: clicker.user.toLowerCase(), name: clicker.user.toLowerCase(), team_id: team },
    api_app_id: FAKE_IDS.app_id,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: where.ts, channel_id: where.channel, is_ephemeral: !!where.ephemeral },
    trigger_id: `trigger-${randomUUID()}`,
    team: { id: team, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: where.channel, name: where.channel.startsWith('D') ? 'directmessage' : where.channel.toLowerCase() },
    ...(where.ephemeral ? {} : { message: { ...message } }),
    state: { values: {} },
    response_url: fake.responseUrl(clicker.responseName),
    actions: [action],
  };
}

export interface Reaction {
  type: 'reaction_added' | 'reaction_removed';
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  team?: string;
  /** The event's id; Slack repeats it on a retry. Fresh by default. */
  eventId?: string;
}

/** The Events API `event_callback` body around a reaction event. */
export function reactionBody(r: Reaction): Record<string, unknown> {
  const team = r.team ?? FAKE_IDS.team_id;
  return {
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: FAKE_IDS.app_id,
    event: {
      type: r.type, user: r.user, reaction: r.reaction, item_user: FAKE_IDS.user_id,
      item: { type: 'message', channel: r.channel, ts: r.ts, channel_type: r.channel.startsWith('D') ? 'im' : 'channel' }, event_ts: nowTs(),
    },
    type: 'event_callback',
    event_id: r.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: FAKE_IDS.user_id, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** Slack's request signature: v0=HMAC-SHA256(secret, `v0:<ts>:<raw body>`). */
export function slackSignature(secret: string, body: string, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'x-slack-request-timestamp': String(at), 'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}` };
}

/** Posts a block_actions payload to the HTTP receiver as Slack does: form-encoded `payload=<json>`, signed. */
export async function postInteraction(url: string, secret: string, payload: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(secret, body) }, body });
  return { status: res.status, text: await res.text() };
}

/** Posts an Events API body as Slack does: JSON, signed; `retry` sets Slack's retry headers. */
export async function postEvent(url: string, secret: string, event: Record<string, unknown>, retry?: number): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(event);
  const retryHeaders: Record<string, string> = retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {};
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...slackSignature(secret, body), ...retryHeaders }, body });
  return { status: res.status, text: await res.text() };
}

/** The Socket Mode envelope of a click. */
export function interactiveEnvelope(payload: Record<string, unknown>): FakeEnvelope {
  return { type: 'interactive', payload, accepts_response_payload: false };
}

/** The Socket Mode envelope of an event; `retry` as Slack numbers its retries. */
export function eventsEnvelope(event: Record<string, unknown>, retry = 0): FakeEnvelope {
  return { type: 'events_api', payload: event, accepts_response_payload: false, retry_attempt: retry, ...(retry ? { retry_reason: 'timeout' } : {}) } as FakeEnvelope;
}

/**
 * The Events API `event_callback` body of a `message` event (bot events message.channels /
 * message.groups): `user` (or a bot, `botId`) wrote in `channel`, in the thread `threadTs` if
 * given; `deletedTs` makes it the `message_deleted` event of that message instead, as Slack sends
 * them (the text is left out of a deletion's `previous_message`, which the bot does not read).
 */
export function messageBody(m: { user?: string; botId?: string; channel: string; text?: string; threadTs?: string; deletedTs?: string; team?: string; subtype?: string }): Record<string, unknown> {
  const team = m.team ?? FAKE_IDS.team_id;
  const ts = nowTs();
  const channelType = m.channel.startsWith('G') ? 'group' : 'channel';
  const event = m.deletedTs
    ? { type: 'message', subtype: 'message_deleted', hidden: true, channel: m.channel, ts, deleted_ts: m.deletedTs, event_ts: ts, channel_type: channelType, previous_message: { type: 'message', user: m.user, ts: m.deletedTs, ...(m.threadTs ? { thread_ts: m.threadTs } : {}) } }
    : { type: 'message', ...(m.subtype ? { subtype: m.subtype } : {}), ...(m.user ? { user: m.user } : {}), ...(m.botId ? { bot_id: m.botId, app_id: FAKE_IDS.app_id } : {}), text: m.text ?? 'hello', ts, team, channel: m.channel, event_ts: ts, channel_type: channelType, ...(m.threadTs ? { thread_ts: m.threadTs } : {}) };
  return {
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: FAKE_IDS.app_id,
    event,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: FAKE_IDS.user_id, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** The Events API `event_callback` body of an `app_mention`: `user` wrote `text` (with `<@U0PAPERBOY>` in it) in `channel`, in the thread `threadTs` if given. */
export function mentionBody(m: { user: string; channel: string; text: string; threadTs?: string; team?: string }): Record<string, unknown> {
  const team = m.team ?? FAKE_IDS.team_id;
  const ts = nowTs();
  return {
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: FAKE_IDS.app_id,
    event: { type: 'app_mention', user: m.user, text: m.text, ts, team, channel: m.channel, event_ts: ts, ...(m.threadTs ? { thread_ts: m.threadTs } : {}) },
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: FAKE_IDS.user_id, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
