import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_SCOPES } from '../../src/adapters/slack/doctor-checks.js';
import { MENTION_EVENT, REACTION_EVENTS } from '../../src/adapters/slack/commands/register-commands.js';
import { THREAD_MESSAGE_EVENTS } from '../../src/adapters/slack/discuss-replies.js';
import { MANIFEST_SCOPES } from '../fakes/fake-slack.js';

const manifest = JSON.parse(readFileSync(new URL('../../config/slack-manifest.json', import.meta.url), 'utf8')) as {
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions?: { bot_events?: string[]; request_url?: string }; interactivity: { is_enabled: boolean; request_url: string } };
};

describe('config/slack-manifest.json', () => {
  it('asks for exactly the scopes doctor checks and the fake Slack grants', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(SLACK_SCOPES).sort());
    expect([...MANIFEST_SCOPES].sort()).toEqual(Object.keys(SLACK_SCOPES).sort());
  });

  it('subscribes the reaction, mention and thread-message events the bot listens to and turns interactivity on for the buttons', () => {
    expect(manifest.settings.event_subscriptions?.bot_events).toEqual([...REACTION_EVENTS, MENTION_EVENT, ...THREAD_MESSAGE_EVENTS]);
    // message.channels and message.groups need these (and deliver `message` events).
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['channels:history', 'groups:history']));
    expect(manifest.oauth_config.scopes.bot).toContain('app_mentions:read');
    expect(manifest.oauth_config.scopes.bot).toContain('reactions:read');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions?.request_url).toBe(manifest.settings.interactivity.request_url);
  });
});
