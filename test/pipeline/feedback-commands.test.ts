import { describe, expect, it } from 'vitest';
import { paperActionId } from '../../src/core/paper-actions.js';
import { silentLogger } from '../../src/log.js';
import { handlePaperAction } from '../../src/pipeline/commands/handle-command.js';
import { setupCommands } from './command-setup.js';

function setup() {
  const s = setupCommands();
  const ids = s.stores.db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[];
  const click = (verb: 'up' | 'down' | 'undo' | 'similar', paperId: number, dedupeKey?: string, over = {}) =>
    handlePaperAction(s.ctx({ guildId: '333333333333333333', ...over }), paperActionId({ verb, paperId }), s.deps, silentLogger(), 'button', dedupeKey);
  const channelVotes = () => s.deps.relevance!.feedback.votes({ kind: 'channel', platform: 'discord', channel: '111111111111111111' });
  return { ...s, ids, click, channelVotes };
}

describe('feedback from buttons and commands', () => {
  it('records a 👍 once under a double click, answers in the asker\'s language with an undo, and undoes', () => {
    const { click, ids, channelVotes } = setup();
    const first = click('up', ids[0]!, 'interaction-1', { platformLocale: 'ko' });
    click('up', ids[0]!, 'interaction-1');
    expect(first).toMatchObject({ ephemeral: true, buttons: [{ payload: paperActionId({ verb: 'undo', paperId: ids[0]! }) }] });
    expect(first.text).toMatch(/Dense retrieval with feedback/);
    expect(first.text).toMatch(/기록했습니다/);
    expect(channelVotes()).toEqual([expect.objectContaining({ paperId: ids[0], up: 1 })]);
    click('undo', ids[0]!, 'interaction-2');
    expect(channelVotes()).toEqual([]);
  });

  it('answers a click on a paper that is gone, and a button from another version, clearly', () => {
    const { click, run, deps, ctx } = setup();
    expect(click('up', 999_999).error).toBe('error.paper_gone');
    expect(handlePaperAction(ctx(), 'pb2:save:1', deps, silentLogger()).error).toBe('error.stale_action');
    expect(run('like 2499.99999').error).toBe('error.paper_not_found');
  });

  it('keeps a DM click out of any channel profile but in the person\'s', () => {
    const { click, ids, channelVotes, deps } = setup();
    click('down', ids[1]!, 'dm-1', { isDirect: true, channelId: 'D1' });
    expect(channelVotes()).toEqual([]);
    expect(deps.relevance!.feedback.votes({ kind: 'person', platform: 'discord', workspace: '333333333333333333', user: '222222222222222222' })).toEqual([expect.objectContaining({ down: 1 })]);
  });

  it('/papers like and interests: lists what the profile holds, removes one and clears all', () => {
    const { run, ids, deps } = setup();
    expect(run('interests').text).toBeDefined();
    expect(run('like 2410.20001', { guildId: 'G' }).error).toBeUndefined();
    const listed = run('interests', { guildId: 'G' });
    expect(listed.lines?.join('\n')).toMatch(/Dense retrieval with feedback/);
    expect(listed.lines?.join('\n')).toMatch(/retrieval/);
    expect(run('interests remove 2410.20001', { guildId: 'G' }).error).toBeUndefined();
    expect(deps.relevance!.feedback.votes({ kind: 'person', platform: 'discord', workspace: 'G', user: '222222222222222222' })).toEqual([]);
    expect(ids.length).toBe(2);
    expect(run('interests channel clear').error).toBe('error.no_permission');
    expect(run('interests channel clear', { canManageChannel: true }).error).toBeUndefined();
  });
});
