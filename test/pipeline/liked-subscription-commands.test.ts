/**
 * `/papers subscribe liked [cap]` and how `subscriptions` and `unsubscribe` treat it, through the
 * command entry points both platforms use (Slack's text, Discord's options as a CommandInput).
 */
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src/core/commands.js';
import { silentLogger } from '../../src/log.js';
import { paperActionId } from '../../src/core/paper-actions.js';
import { handleCommand, handlePaperAction } from '../../src/pipeline/commands/handle-command.js';
import { answerText, setupCommands } from './command-setup.js';

const GUILD_A = { guildId: '1100000000000000001', platformLocale: 'en' };
const GUILD_B = { guildId: '1100000000000000002', channelId: '111111111111111112', platformLocale: 'en' };

describe('subscribe liked', () => {
  it('subscribes with the default cap and says a profile without likes gets nothing until it likes papers', () => {
    const t = setupCommands();
    const answer = t.run('subscribe liked', GUILD_A);
    expect(answer.error).toBeUndefined();
    expect(answer.text).toContain('papers like the ones you liked, at most 5 a day');
    expect(answer.text).toContain('like some papers first');
    const [sub] = t.deps.subscriptions.list('discord', 'me', '222222222222222222');
    expect(sub).toMatchObject({ kind: 'liked', dailyCap: 5, guild: GUILD_A.guildId, topic: `liked:${GUILD_A.guildId}` });
  });

  it('says nothing of the sort once the profile has a liked paper, in the asker’s language', () => {
    const t = setupCommands();
    t.run('like 2410.20002', GUILD_A);
    const answer = t.run('subscribe liked 3', { ...GUILD_A, platformLocale: 'ja' });
    expect(answer.text).toContain('1日最大3件');
    expect(answer.text).not.toMatch(/like some papers first|いいねした論文がない/);
    const ko = t.run('subscribe liked', { ...GUILD_B, platformLocale: 'ko' });
    expect(ko.text).toContain('좋아요한 논문이 아직 없어');
  });

  it('changes the cap when subscribed again in the same server, and keeps one subscription per server', () => {
    const t = setupCommands();
    t.run('subscribe liked 2', GUILD_A);
    expect(t.run('subscribe liked 7', GUILD_A).text).toContain('now at most 7 a day');
    t.run('subscribe liked', GUILD_B);
    const subs = t.deps.subscriptions.list('discord', 'me', '222222222222222222');
    expect(subs.map((s) => [s.guild, s.dailyCap])).toEqual([[GUILD_A.guildId, 7], [GUILD_B.guildId, 5]]);
  });

  it('refuses a cap outside 1–25 and a channel subscription without Manage Channels', () => {
    const t = setupCommands();
    expect(t.run('subscribe liked 0', GUILD_A).error).toBe('error.invalid_cap');
    expect(t.run('subscribe liked 26', GUILD_A).text).toContain('from 1 to 25');
    expect(t.run('subscribe --channel liked', GUILD_A).error).toBe('error.no_permission');
    expect(t.run('subscribe --channel liked 4', { ...GUILD_A, canManageChannel: true }).text).toContain('papers like the ones this channel liked, at most 4 a day');
    expect(t.deps.subscriptions.list('discord', 'channel', '111111111111111111')).toMatchObject([{ kind: 'liked', dailyCap: 4 }]);
  });

  it('answers Discord’s options: a topic with kind liked is refused, kind topic without a topic asks for one', () => {
    const t = setupCommands();
    const run = (input: CommandInput) => handleCommand(t.ctx(GUILD_A), input, t.deps, silentLogger());
    expect(run({ command: 'subscribe', kind: 'liked', scope: 'me', topic: 'robots' }).error).toBe('error.liked_with_topic');
    expect(run({ command: 'subscribe', topic: '', scope: 'me' }).error).toBe('error.missing_argument');
    expect(run({ command: 'subscribe', kind: 'liked', scope: 'me', cap: 25 }).error).toBeUndefined();
  });

  it('is listed beside topic subscriptions and removed by number or by the word liked', () => {
    const t = setupCommands();
    t.run('subscribe robots', GUILD_A);
    t.run('subscribe liked 3', GUILD_A);
    const list = answerText(t.run('subscriptions', GUILD_A));
    expect(list).toContain('1. robots');
    expect(list).toContain('2. papers like the ones you liked (at most 3 a day)');
    expect(t.run('unsubscribe liked', GUILD_A).text).toContain('Unsubscribed from “papers like the ones you liked');
    expect(t.deps.subscriptions.list('discord', 'me', '222222222222222222').map((s) => s.kind)).toEqual(['topic']);
    t.run('subscribe liked', GUILD_A);
    t.run('unsubscribe 2', GUILD_A);
    expect(t.deps.subscriptions.list('discord', 'me', '222222222222222222').map((s) => s.topic)).toEqual(['robots']);
  });

  it('keeps `subscribe "liked"` a topic subscription', () => {
    const t = setupCommands();
    t.run('subscribe "liked"', GUILD_A);
    expect(t.deps.subscriptions.list('discord', 'me', '222222222222222222').map((s) => s.kind)).toEqual(['topic']);
  });

  it('counts a 👍 in a Discord DM for the server whose subscription sent the paper there, and its undo too', () => {
    const t = setupCommands();
    const user = '222222222222222222';
    const [p1, p2] = [1, 2].map((n) => t.stores.reader.getByKey(`arxiv:2410.2000${n}`)!.id);
    const subscribe = (guild: string) => {
      const id = t.deps.subscriptions.add({ platform: 'discord', scope: 'me', target: user, guild, topic: `liked:${guild}`, topicJson: '{}', locale: 'en', createdBy: user, now: '2024-10-30T00:00:00Z', kind: 'liked', dailyCap: 5 })!;
      return (paperId: number) => t.deps.subscriptions.recordMatches(id, [paperId], '2024-10-30T01:00:00Z', '2024-10-30T01:00:00Z');
    };
    const sentByA = subscribe(GUILD_A.guildId);
    const sentByB = subscribe(GUILD_B.guildId);
    sentByA(p1!);
    const dm = t.ctx({ channelId: '999999999999999999', isDirect: true });
    const click = (verb: 'up' | 'undo', paperId: number) => handlePaperAction(dm, paperActionId({ verb, paperId }), t.deps, silentLogger(), 'button');
    const votesIn = (guild: string) => t.deps.relevance!.feedback.votes({ kind: 'person', platform: 'discord', workspace: guild, user }).map((v) => ({ paperId: v.paperId, value: v.value }));
    expect(click('up', p1!).error).toBeUndefined();
    expect(votesIn(GUILD_A.guildId)).toEqual([{ paperId: p1, value: 1 }]);
    expect(votesIn(GUILD_B.guildId)).toEqual([]);
    click('undo', p1!);
    expect(votesIn(GUILD_A.guildId)).toEqual([]); // the undo reached the same server's profile
    click('up', p1!);
    // A paper both servers' subscriptions sent, or none did, belongs to neither: it counts outside any server.
    sentByA(p2!);
    sentByB(p2!);
    click('up', p2!);
    expect(votesIn(GUILD_A.guildId).map((v) => v.paperId)).toEqual([p1]);
    expect(votesIn('')).toEqual([{ paperId: p2, value: 1 }]);
  });

  it('counts a DM click for the server whose subscription message it was on, when two servers sent the paper in different messages', () => {
    const t = setupCommands();
    const user = '222222222222222222';
    const paperId = t.stores.reader.getByKey('arxiv:2410.20001')!.id;
    const subscribe = (guild: string) =>
      t.deps.subscriptions.add({ platform: 'discord', scope: 'me', target: user, guild, topic: `liked:${guild}`, topicJson: '{}', locale: 'en', createdBy: user, now: '2024-10-30T00:00:00Z', kind: 'liked', dailyCap: 5 })!;
    const [a, b] = [subscribe(GUILD_A.guildId), subscribe(GUILD_B.guildId)];
    /** A DM message covering `subs` with the paper, sent as Discord message `messageId`. */
    const sent = (messageId: string, subs: number[]) => {
      const id = t.stores.subscriptionOutbox.plan({
        platform: 'discord', scope: 'me', target: user, cursorAt: '2024-10-30T01:00:00Z', now: '2024-10-30T01:00:00Z',
        covers: subs.map((subscription) => ({ subscription, papers: [paperId], cursorBefore: '2024-10-30T00:00:00Z' })),
        deliveries: [{ key: `k-${messageId}`, body: {}, paperIds: [paperId] }],
      });
      t.stores.db.prepare("UPDATE deliveries SET state = 'sent', message_id = ? WHERE subscription_message_id = ?").run(messageId, id);
    };
    sent('1500000000000000001', [a]);
    sent('1500000000000000002', [b]);
    sent('1500000000000000003', [a, b]);
    const click = (messageId?: string) =>
      handlePaperAction(t.ctx({ channelId: '999999999999999999', isDirect: true, ...(messageId ? { messageId } : {}) }), paperActionId({ verb: 'up', paperId }), t.deps, silentLogger(), 'button');
    const workspaces = () => t.stores.db.prepare('SELECT workspace FROM feedback_events ORDER BY id').pluck().all();
    click('1500000000000000002');
    click('1500000000000000001');
    // A command (no message) or a message that covered both servers: the paper belongs to neither.
    click();
    click('1500000000000000003');
    expect(workspaces()).toEqual([GUILD_B.guildId, GUILD_A.guildId, '', '']);
  });
});
