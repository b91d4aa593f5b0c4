import { describe, expect, it } from 'vitest';
import { answerText, setupCommands } from './command-setup.js';

describe('slash command use cases', () => {
  it('shows a paper by any id form, in the asker’s platform language', () => {
    const t = setupCommands();
    for (const id of ['2410.20001', '2410.20001v3', 'arXiv:2410.20001', 'https://arxiv.org/pdf/2410.20001v1', 'https://huggingface.co/papers/2410.20001']) {
      const a = t.run(`show ${id}`, { platformLocale: 'ko' });
      expect(a.error, id).toBeUndefined();
      expect(a.cards?.[0]?.title).toBe('Dense retrieval with feedback');
      expect(a.cards?.[0]?.summary?.sections[0]?.text).toBe('검색 품질을 높이는 강화학습 방법입니다.');
    }
  });

  it('answers an unknown or malformed id with a localized ephemeral error', () => {
    const t = setupCommands();
    const unknown = t.run('show 2501.00001', { platformLocale: 'ja' });
    expect(unknown).toMatchObject({ ephemeral: true, error: 'error.paper_not_found' });
    expect(unknown.text).toMatch(/論文/);
    const bad = t.run('show not-an-id', { platformLocale: 'ko' });
    expect(bad).toMatchObject({ ephemeral: true, error: 'error.invalid_paper_id' });
    expect(bad.text).toMatch(/[가-힣]/);
  });

  it('searches Korean and Japanese two-character words and pages with buttons', () => {
    const t = setupCommands();
    const ko = t.run('search 검색');
    expect(ko.cards?.map((c) => c.title)).toEqual(['Dense retrieval with feedback']);
    expect(t.run('search 強化').cards?.map((c) => c.title)).toEqual(['Robot grasping at scale']);
    const first = t.run('search retrieval');
    expect(first.cards).toHaveLength(1);
    expect(first.buttons?.map((b) => b.payload)).toEqual(['search|2|retrieval']);
    const page2 = t.run('search retrieval --page 2');
    expect(page2.buttons?.map((b) => b.payload)).toEqual(['search|1|retrieval']);
    expect(page2.cards?.[0]?.title).not.toBe(first.cards?.[0]?.title);
  });

  it('rejects an empty query and a query that is all operators, with distinct messages', () => {
    const t = setupCommands();
    expect(t.run('search').error).toBe('error.empty_query');
    expect(t.run('search "*:() -').error).toBe('error.query_all_operators');
  });

  it('lists today’s papers for the channel, or those matching a topic', () => {
    const t = setupCommands();
    expect(t.run('today').cards?.map((c) => c.title)).toEqual(['Dense retrieval with feedback', 'Robot grasping at scale']);
    expect(t.run('today robot').cards?.map((c) => c.title)).toEqual(['Robot grasping at scale']);
  });

  it('subscribes, lists, refuses duplicates and the limit, and unsubscribes by number', () => {
    const t = setupCommands();
    expect(t.run('subscribe "dense retrieval" -survey cat:cs.CL').error).toBeUndefined();
    expect(t.run('subscribe cat:cs.CL -survey "Dense Retrieval"').error).toBe('error.already_subscribed');
    t.run('subscribe robot');
    t.run('subscribe author:"Ada Lovelace"');
    expect(t.run('subscribe diffusion').error).toBe('error.too_many_subscriptions');
    expect(t.run('subscriptions').lines).toHaveLength(3);
    expect(t.run('unsubscribe 2').error).toBeUndefined();
    expect(t.run('subscriptions').lines).toHaveLength(2);
    expect(t.run('unsubscribe 9').error).toBe('error.subscription_not_found');
  });

  it('needs channel-management permission for channel subscriptions and channel settings', () => {
    const t = setupCommands();
    expect(t.run('subscribe --channel cat:cs.RO').error).toBe('error.no_permission');
    expect(t.run('settings channel language ja').error).toBe('error.no_permission');
    expect(t.run('subscribe --channel cat:cs.RO', { canManageChannel: true }).error).toBeUndefined();
    const changed = t.run('settings channel time 08:30 Asia/Tokyo', { canManageChannel: true });
    expect(changed.error).toBeUndefined();
    expect(t.stores.channels.find('111111111111111111')).toMatchObject({ time: '08:30', timezone: 'Asia/Tokyo', origin: 'command' });
  });

  it('sets a channel’s cadence and weekly day by command; the weekly digest comes at the channel’s digest time', () => {
    const t = setupCommands();
    expect(t.run('settings channel cadence weekly').error).toBe('error.no_permission');
    const weekly = t.run('settings channel cadence weekly', { canManageChannel: true, platformLocale: 'en-US' });
    expect(weekly.lines).toContain('This channel’s weekly digest: every Monday at 09:00 (Asia/Seoul)');
    expect(weekly.lines?.some((l) => l.includes('every day'))).toBe(false);
    t.run('settings channel weekday fri', { canManageChannel: true });
    const both = t.run('settings channel cadence both', { canManageChannel: true, platformLocale: 'ko' });
    expect(both.lines).toContain('이 채널의 주간 다이제스트: 매주 금요일 09:00 (Asia/Seoul)');
    t.run('settings channel time 07:30', { canManageChannel: true });
    expect(t.stores.channels.find('111111111111111111')?.settings).toMatchObject({ cadence: 'both', weekly: { weekday: 'fri', time: '07:30' } });
    for (const [text, key] of [['settings channel cadence monthly', 'error.invalid_cadence'], ['settings channel weekday someday', 'error.invalid_weekday']] as const) {
      expect(t.run(text, { canManageChannel: true }).error, text).toBe(key);
    }
  });

  it('remembers the asker’s own language over the platform’s', () => {
    const t = setupCommands();
    const set = t.run('settings language ja', { platformLocale: 'en-US' });
    expect(set.title).toBe('設定');
    expect(t.run('help', { platformLocale: 'en-US' }).title).toBe('Paperboy のコマンド');
  });

  it('answers unknown commands and bad settings with localized errors, never a raw key', () => {
    const t = setupCommands();
    for (const [text, key] of [
      ['frobnicate', 'error.unknown_command'],
      ['settings language xx', 'error.unsupported_language'],
      ['settings channel time 25:99', 'error.invalid_time'],
      ['subscribe cat:', 'error.topic_empty'],
    ] as const) {
      const a = t.run(text, { platformLocale: 'ko', canManageChannel: true });
      expect(a.error, text).toBe(key);
      expect(a.text, text).toMatch(/[가-힣]/);
      expect(a.text, text).not.toContain(key);
    }
  });

  it('gives help and status in the asker’s language', () => {
    const t = setupCommands();
    const help = t.run('help', { platformLocale: 'ko' });
    // One line per command: the nine of the first wave, like, dislike, similar, interests, and save, unsave, saved, export.
    expect(help.lines).toHaveLength(17);
    expect(answerText(help)).toMatch(/검색/);
    const status = t.run('status', { platformLocale: 'ja' });
    expect(status.title).toBeDefined();
    expect(status.error).toBeUndefined();
    // The next digest with its time of day and zone, not the date alone (09:00 in Seoul, tomorrow).
    expect(answerText(status)).toContain('2024年10月31日 9:00 GMT+9');
  });

  it('credits sources by their labels in show, search and status, never by config name or file path', () => {
    const t = setupCommands();
    expect(t.run('show 2410.20001', { platformLocale: 'ko' }).cards?.[0]?.summary?.attribution).toBe('요약 출처: arXiv cs.CL');
    expect(t.run('search retrieval', { platformLocale: 'ko' }).cards?.[0]?.summary?.attribution).toBe('요약 출처: arXiv cs.CL');
    t.stores.status.record({ source: '/srv/paperboy/digests/ko', format: 'ko-digest', at: '2024-10-30T02:00:00Z', entries: 0, new: 0, updated: 0, unchanged: 0, errors: [], failure: 'file not found' });
    t.stores.status.record({ source: 'arxiv', format: 'arxiv-rss', at: '2024-10-30T02:00:00Z', entries: 2, new: 2, updated: 0, unchanged: 0, errors: [] });
    const status = answerText(t.run('status', { platformLocale: 'en' }));
    expect(status).toContain('arXiv cs.CL');
    expect(status).toContain('Paper source failed');
    expect(status).not.toContain('/srv/paperboy');
  });
});
