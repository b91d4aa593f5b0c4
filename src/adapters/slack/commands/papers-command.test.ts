import { describe, expect, it } from 'vitest';
import { SLACK_UPLOAD } from '../upload-files.js';
import { silentLogger } from '../../../log.js';
import { setupCommands } from '../../../../test/pipeline/command-setup.js';
import { buildContext, type Respond } from './command-context.js';
import { createPageAction, parsePagePayload } from './page-action.js';
import { createPapersCommand } from './papers-command.js';
import type { SlackReply } from './render-answer.js';
import { createUserLookup, type LookupUser } from './slack-users.js';

type Sent = SlackReply & { replace_original?: boolean };

/** Fake ack/respond that record the order of calls, as the starter template's listener tests do. */
function recorder() {
  const calls: string[] = [];
  const sent: Sent[] = [];
  const ack = async () => void calls.push('ack');
  const respond: Respond = async (m) => {
    calls.push('respond');
    sent.push(m);
  };
  return { calls, sent, ack, respond };
}

const japanese: LookupUser = async () => ({ locale: 'ja-JP', isAdmin: false });
const cmd = (text: string, over: Record<string, string> = {}) => ({ text, user_id: 'U1', channel_id: 'C1', channel_name: 'general', team_id: 'T1', ...over });

describe('the /papers listener', () => {
  it('acks first, then responds with the answer in the user locale', async () => {
    const { deps } = setupCommands();
    const r = recorder();
    const lookups: string[] = [];
    const lookup: LookupUser = async (id) => {
      lookups.push(`${r.calls.join(',')}:${id}`);
      return { locale: 'ja-JP', isAdmin: false };
    };
    await createPapersCommand(deps, silentLogger(), lookup)({ command: cmd('show 2501.00001'), ack: r.ack, respond: r.respond });
    expect(r.calls).toEqual(['ack', 'respond']);
    expect(lookups).toEqual(['ack:U1']);
    expect(r.sent[0]).toMatchObject({ response_type: 'ephemeral', text: '2501.00001 に該当する論文が見つかりません。' });
  });

  it('answers a failing store with the generic message, never its SQL, and does not throw', async () => {
    const { deps } = setupCommands();
    deps.search = { search: () => { throw new Error('SQLITE_ERROR: no such table: papers_fts SELECT * FROM papers_fts'); } } as unknown as typeof deps.search;
    const r = recorder();
    await createPapersCommand(deps, silentLogger(), japanese)({ command: cmd('search robots'), ack: r.ack, respond: r.respond });
    expect(r.sent[0]?.text).toBe('問題が発生しました。しばらくしてからもう一度お試しください。');
    expect(JSON.stringify(r.sent)).not.toMatch(/SQL|papers_fts|Error/);
  });

  it('swallows a failing respond and a failing users lookup', async () => {
    const { deps } = setupCommands();
    const failing: LookupUser = async () => { throw new Error('boom'); };
    const respond: Respond = async () => { throw new Error('response_url expired'); };
    await expect(createPapersCommand(deps, silentLogger(), failing)({ command: cmd('help'), ack: async () => {}, respond })).resolves.toBeUndefined();
  });

  it('lets configured admins manage the channel and treats D channels as direct messages', async () => {
    const { deps } = setupCommands();
    const r = recorder();
    const handler = createPapersCommand(deps, silentLogger(), japanese, { admins: ['U9'] });
    await handler({ command: cmd('subscribe --channel cat:cs.RO', { user_id: 'U9' }), ack: r.ack, respond: r.respond });
    expect(r.sent[0]?.text).toContain('を購読しました');
    await handler({ command: cmd('subscribe --channel cat:cs.RO', { user_id: 'U2' }), ack: r.ack, respond: r.respond });
    expect(r.sent[1]?.text).toBe('この操作を行う権限がありません。');
    const asker = { userId: 'U2', channelId: 'D123', teamId: 'T1' };
    expect(await buildContext(asker, japanese, {})).toEqual({ platform: 'slack', userId: 'U2', channelId: 'D123', guildId: 'T1', platformLocale: 'ja-JP', canManageChannel: false, isDirect: true, upload: SLACK_UPLOAD });
    expect((await buildContext({ ...asker, channelId: 'G1', channelName: 'directmessage' }, japanese, {})).isDirect).toBe(true);
    expect((await buildContext({ ...asker, channelId: 'C1', channelName: 'general' }, japanese, {})).isDirect).toBe(false);
  });
});

describe('the paging buttons', () => {
  const body = { user: { id: 'U1', team_id: 'T1' }, channel: { id: 'C1' }, team: { id: 'T1' } };

  it('replaces the message with the page the button names', async () => {
    const { deps } = setupCommands();
    const r = recorder();
    await createPageAction(deps, silentLogger(), japanese)({ action: { type: 'button', value: 'search|2|paper' }, body, ack: r.ack, respond: r.respond });
    expect(r.calls).toEqual(['ack', 'respond']);
    expect(r.sent[0]).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(r.sent[0]?.blocks[0]).toMatchObject({ type: 'header', text: { text: '「paper」の検索結果（2ページ目）' } });
  });

  it('answers a payload it did not make with a localized error', async () => {
    const { deps } = setupCommands();
    const r = recorder();
    await createPageAction(deps, silentLogger(), japanese)({ action: { type: 'button', value: 'drop table' }, body, ack: r.ack, respond: r.respond });
    expect(r.sent[0]).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(parsePagePayload('search|3|a|b')).toEqual({ command: 'search', page: 3, query: 'a|b' });
    expect(() => parsePagePayload('search|0|a')).toThrow();
  });
});

describe('the users.info lookup', () => {
  it('caches a user for ten minutes and goes on without a locale when the call fails', async () => {
    let calls = 0;
    let clock = 0;
    let fail = false;
    const client = {
      users: {
        info: async () => {
          calls++;
          if (fail) throw new Error('ratelimited');
          return { user: { locale: 'ko-KR', is_owner: true } };
        },
      },
    };
    const lookup = createUserLookup(client, silentLogger(), { now: () => clock });
    expect(await lookup('U1')).toEqual({ locale: 'ko-KR', isAdmin: true });
    clock = 9 * 60_000;
    await lookup('U1');
    expect(calls).toBe(1);
    clock = 11 * 60_000;
    fail = true;
    expect(await lookup('U1')).toEqual({ isAdmin: false });
    expect(calls).toBe(2);
  });
});
