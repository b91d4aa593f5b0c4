import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../log.js';
import { setupCommands } from '../../../../test/pipeline/command-setup.js';
import type { Respond } from './command-context.js';
import { askerOfAction, clickedValue, createPaperAction, type PaperActionArgs } from './paper-action.js';
import type { LookupUser } from './slack-users.js';

const english: LookupUser = async () => ({ locale: 'en-US', isAdmin: false });
type Sent = Parameters<Respond>[0];

function click(value: string, body: Partial<PaperActionArgs['body']> = {}, actionTs = '1730257200.000001') {
  const calls: string[] = [];
  const sent: Sent[] = [];
  const args: PaperActionArgs = {
    action: { type: 'button', action_id: 'pb1_x', value, action_ts: actionTs },
    body: { user: { id: 'U1', team_id: 'T1' }, channel: { id: 'C1', name: 'general' }, team: { id: 'T1' }, ...body },
    ack: async () => void calls.push('ack'),
    respond: async (m) => void (calls.push('respond'), sent.push(m)),
  };
  return { args, calls, sent };
}

const rows = (setup: ReturnType<typeof setupCommands>) =>
  setup.stores.db.prepare('SELECT platform, workspace, channel, actor, value FROM feedback_events ORDER BY id').all();

describe('the paper buttons listener', () => {
  it('acks first, records the vote in the channel and workspace it was made in, and answers privately without replacing the digest', async () => {
    const setup = setupCommands();
    const c = click('pb1:up:1');
    await createPaperAction(setup.deps, silentLogger(), english)(c.args);
    expect(c.calls).toEqual(['ack', 'respond']);
    expect(rows(setup)).toEqual([{ platform: 'slack', workspace: 'T1', channel: 'C1', actor: 'U1', value: 1 }]);
    expect(c.sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('counts a click in a DM, or outside any channel, for the person only', async () => {
    const setup = setupCommands();
    const handler = createPaperAction(setup.deps, silentLogger(), english);
    await handler(click('pb1:down:1', { channel: { id: 'D0ABC' } }).args);
    await handler(click('pb1:down:2', { channel: undefined }, '1730257200.000002').args);
    expect(rows(setup)).toEqual([
      { platform: 'slack', workspace: 'T1', channel: '', actor: 'U1', value: -1 },
      { platform: 'slack', workspace: 'T1', channel: '', actor: 'U1', value: -1 },
    ]);
  });

  it('records nothing when the ack fails (Slack will show the click as failed)', async () => {
    const setup = setupCommands();
    const c = click('pb1:up:1');
    c.args.ack = async () => { throw new Error('socket closed'); };
    await createPaperAction(setup.deps, silentLogger(), english)(c.args);
    expect(rows(setup)).toEqual([]);
    expect(c.sent).toEqual([]);
  });

  it('reads an overflow option like a button and takes the workspace from the user when the team is absent', () => {
    expect(clickedValue({ type: 'overflow', selected_option: { value: 'pb1:similar:3' } })).toBe('pb1:similar:3');
    expect(clickedValue({ type: 'button' })).toBe('');
    expect(askerOfAction({ user: { id: 'U1', team_id: 'T9' }, channel: { id: 'C1', name: 'general' }, team: null })).toEqual({ userId: 'U1', channelId: 'C1', channelName: 'general', teamId: 'T9' });
  });
});
