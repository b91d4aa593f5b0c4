/**
 * `paperboy doctor`'s Slack lines: the bot token (auth.test), the scopes it was granted (Slack
 * lists them in auth.test's `x-oauth-scopes` header) against those config/slack-manifest.json
 * asks for, and per configured channel conversations.info (found, not archived, the app a
 * member). No retries and a short timeout.
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

/** The bot scopes of config/slack-manifest.json, and what is lost without each. */
export const SLACK_SCOPES: Record<string, string> = {
  'chat:write': 'digests cannot be posted',
  'chat:write.public': 'public channels the app has not joined get no digest',
  'channels:history': 'a digest interrupted by a crash may be posted twice in public channels, and replies in discussion threads there are not counted (the bot event message.channels is needed too)',
  'groups:history': 'a digest interrupted by a crash may be posted twice in private channels, and replies in discussion threads there are not counted (the bot event message.groups is needed too)',
  commands: '/papers does not work',
  'users:read': 'answers are not in the asker’s language and workspace admins are not recognized',
  'im:write': 'subscriptions cannot be delivered by direct message',
  'reactions:read': '👍 / 👎 reactions on digest messages are not counted; the bot events reaction_added and reaction_removed are needed too',
  'files:write': '/papers export cannot send the reading list file',
  'app_mentions:read': 'questions to the bot in discussion threads are not answered (with an LLM configured); the bot event app_mention is needed too',
};

/** Warns about manifest scopes the token lacks; no line when Slack did not say which scopes it has. */
export function scopesCheck(granted: string[] | undefined): Check | undefined {
  if (!granted) return undefined;
  const missing = Object.keys(SLACK_SCOPES).filter((s) => !granted.includes(s));
  if (missing.length === 0) return ok('slack scopes', granted.join(', '));
  const effects = missing.map((s) => `${s} (${SLACK_SCOPES[s]})`).join('; ');
  return warn('slack scopes', `missing ${effects}: add the scopes from config/slack-manifest.json to the app and reinstall it`);
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
  let auth: { user?: string; team?: string; user_id?: string; response_metadata?: { scopes?: string[] } };
  try {
    auth = await client.auth.test();
  } catch (err) {
    return [tokenCheck(err), ...options.channels.map((c) => warn(`slack channel ${c}`, 'not checked: the token check failed'))];
  }
  const channels = await Promise.all(options.channels.map((c) => channelCheck(client, c)));
  const scopes = scopesCheck(auth.response_metadata?.scopes);
  return [ok('slack token', `app ${auth.user ?? auth.user_id ?? '?'} in ${auth.team ?? '?'}`), ...(scopes ? [scopes] : []), ...channels];
}
