/**
 * `paperboy doctor`'s Slack lines: the bot token (auth.test) and, per configured channel,
 * conversations.info (found, not archived, the app a member). No retries and a short timeout.
 */
import { webApi } from '@slack/bolt';
import { fail, ok, warn, type Check } from '../../doctor/check.js';
import { slackClientOptions } from './slack-app.js';
import { platformErrorCode } from './slack-errors.js';

export interface SlackDoctorOptions {
  token: string;
  /** Web API base ending in `/api/`. */
  apiUrl: string;
  channels: string[];
  timeoutMs?: number;
}

type ChannelInfo = { id?: string; name?: string; is_archived?: boolean; is_member?: boolean; is_im?: boolean };

function describe(err: unknown): string {
  const code = platformErrorCode(err);
  if (code) {
    const needed = (err as { data?: { needed?: string } }).data?.needed;
    return code === 'missing_scope' && needed ? `missing_scope: add the ${needed} scope to the app and reinstall it` : code;
  }
  // web-api wraps network failures in a RequestError whose `original` holds fetch's error and its cause.
  const e = err as { message?: string; original?: { message?: string; cause?: { code?: string; message?: string } } };
  const cause = e.original?.cause?.code ?? e.original?.cause?.message ?? e.original?.message ?? e.message ?? String(err);
  return `unreachable: ${cause}; check SLACK_API_URL and the network`;
}

function tokenCheck(err: unknown): Check {
  const code = platformErrorCode(err);
  if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked' || code === 'account_inactive') {
    return fail('slack token', `${code}: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into SLACK_BOT_TOKEN`);
  }
  return fail('slack token', describe(err));
}

async function channelCheck(client: webApi.WebClient, id: string): Promise<Check> {
  const name = `slack channel ${id}`;
  let channel: ChannelInfo;
  try {
    channel = ((await client.conversations.info({ channel: id })).channel ?? {}) as ChannelInfo;
  } catch (err) {
    if (platformErrorCode(err) === 'channel_not_found') return fail(name, 'channel_not_found: invite the app: /invite @Paperboy, or check the id');
    return fail(name, describe(err));
  }
  const label = channel.name ? `#${channel.name}` : id;
  if (channel.is_archived) return fail(name, `${label} is archived: unarchive it or remove it from the config`);
  if (channel.is_member === false) return fail(name, `${label}: the app is not a member; invite the app to the channel: /invite @Paperboy`);
  return ok(name, label);
}

export async function slackChecks(options: SlackDoctorOptions): Promise<Check[]> {
  const client = new webApi.WebClient(options.token, {
    ...slackClientOptions({ apiUrl: options.apiUrl, retries: 0, timeoutMs: options.timeoutMs ?? 10_000 }),
    logLevel: webApi.LogLevel.ERROR,
  });
  let auth: { user?: string; team?: string; user_id?: string };
  try {
    auth = await client.auth.test();
  } catch (err) {
    return [tokenCheck(err), ...options.channels.map((c) => warn(`slack channel ${c}`, 'not checked: the token check failed'))];
  }
  const channels = await Promise.all(options.channels.map((c) => channelCheck(client, c)));
  return [ok('slack token', `app ${auth.user ?? auth.user_id ?? '?'} in ${auth.team ?? '?'}`), ...channels];
}
