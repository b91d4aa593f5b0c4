/**
 * The real bot, end to end, over simulated days: what each fake Discord and Slack channel
 * receives, message by message, when the digest clock ticks across four time zones — the day and
 * time (daylight saving changes included), the language, the platform limits, no paper twice, new
 * papers on the day they arrive, an empty day. (When things go wrong: digest-resilience.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateMessage, type FakeMessage as DiscordMessage } from '../fakes/fake-discord.js';
import { validatePostMessage } from '../fakes/fake-slack.js';
import { route } from '../fakes/feed-server.js';
import { arxivRss, CHANNELS, FIXTURE_ARXIV_IDS, idsIn, JSON_TYPE, RSS, startHarness, type ArxivItem, type ChannelYaml, type Harness, type Received } from './bot-harness.js';

const { discordKo, discordEn, slackJa, slackEn } = CHANNELS;
const ALL: ChannelYaml[] = [discordKo, discordEn, slackJa, slackEn];

// The fixtures of Wednesday 30 October 2024, and the two papers of the Japanese blog without an arXiv id.
const DAY1_IDS = FIXTURE_ARXIV_IDS;
const DAY1_TITLES = ['REGENT: A Retrieval-Augmented Generalist Agent', 'elf-Imitative Reinforcement Learning for Humanoid Robot Control'];

function item(id: string, title: string, pubDate: string): ArxivItem {
  return { id, title, abstract: `${title}: a study we made up for the end-to-end test of digest ${id}.`, authors: 'Ada Lovelace, Alan Turing', categories: ['cs.AI', 'cs.CL'], pubDate };
}
const THU = 'Thu, 31 Oct 2024 00:00:00 -0400';
const FRI = 'Fri, 01 Nov 2024 00:00:00 -0400';
/** Thursday: two new arXiv papers and the Korean digest of the 31st (a new paper, Flow-DPO again); Flow-DPO repeated on arXiv too. */
const DAY2_FEEDS = {
  'arxiv-cs.AI': arxivRss(
    [
      item('2410.23101', 'Sparse Mixture Routing for Long-Context Retrieval', THU),
      item('2410.23102', 'Curriculum Distillation for Small Reasoning Models', THU),
      item('2410.22304', 'Flow-DPO: Improving LLM Mathematical Reasoning through Online Multi-Agent Learning', THU),
    ],
    THU,
  ),
  'ko-digest': route.fixture('digests/ko/2024/10/31.md', 'text/markdown; charset=utf-8'),
};
const DAY2_IDS = ['2410.23101', '2410.23102', '2410.29999'];
/** Friday: one new paper. */
const DAY3_FEEDS = { 'arxiv-cs.AI': arxivRss([item('2411.00101', 'Benchmarking Multilingual Research Digests', FRI)], FRI) };
const DAY3_IDS = ['2411.00101'];
/** Saturday: arXiv announces nothing and Hugging Face lists nothing. */
const DAY4_FEEDS = {
  'arxiv-cs.AI': route.fixture('arxiv/empty-weekend.rss.xml', RSS),
  'hf-daily': route.body('[]', { contentType: JSON_TYPE }),
};

/** Each channel's slot as a UTC instant, Wednesday to Saturday (Berlin is on CET, New York still on EDT). */
const SLOTS: Record<string, string[]> = {
  [discordKo.channel]: ['2024-10-30T00:00:00.000Z', '2024-10-31T00:00:00.000Z', '2024-11-01T00:00:00.000Z', '2024-11-02T00:00:00.000Z'],
  [slackJa.channel]: ['2024-10-30T00:00:00.000Z', '2024-10-31T00:00:00.000Z', '2024-11-01T00:00:00.000Z', '2024-11-02T00:00:00.000Z'],
  [discordEn.channel]: ['2024-10-30T07:00:00.000Z', '2024-10-31T07:00:00.000Z', '2024-11-01T07:00:00.000Z', '2024-11-02T07:00:00.000Z'],
  [slackEn.channel]: ['2024-10-30T11:00:00.000Z', '2024-10-31T11:00:00.000Z', '2024-11-01T11:00:00.000Z', '2024-11-02T11:00:00.000Z'],
};
const DATES = ['2024-10-30', '2024-10-31', '2024-11-01', '2024-11-02'];

/** English UI words that must never show in a Korean or Japanese digest. */
const ENGLISH_UI = ['What’s New', "What's New", 'Technical Details', 'Performance Highlights', 'Authors', 'Votes', 'Categories', 'Announced', 'Featured', 'Published', 'Abstract', 'TL;DR', 'Summary:', 'Daily Papers', 'new papers', 'No new papers'];

interface Arrival {
  at: string;
  messages: Received[];
}

const ids = idsIn;
const sorted = (list: string[]): string[] => [...list].sort();

/**
 * Runs the clock from `from` to `to`: a tick every 30 minutes and at, and a minute either side of,
 * every slot — two at once each time, as an overlapping cron run would; `events` run first.
 */
async function drive(h: Harness, from: string, to: string, events: Record<string, () => Promise<void>>, onTick: (at: string) => void): Promise<void> {
  const times = new Set<number>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += 30 * 60_000) times.add(t);
  for (const slots of Object.values(SLOTS)) for (const s of slots) for (const d of [-60_000, 0, 60_000]) times.add(Date.parse(s) + d);
  for (const at of Object.keys(events)) times.add(Date.parse(at));
  for (const t of [...times].filter((x) => x >= Date.parse(from) && x <= Date.parse(to)).sort((a, b) => a - b)) {
    const at = new Date(t).toISOString();
    h.clock.set(at);
    await events[at]?.();
    await Promise.all([h.tick(), h.tick()]);
    onTick(at);
  }
}

describe('four days of digests on two platforms, three languages and four time zones', () => {
  let h: Harness;
  const arrivals = new Map<string, Arrival[]>();
  let ticks = 0;

  beforeAll(async () => {
    h = await startHarness({ start: '2024-10-29T22:00:00Z' });
    await h.publish({});
    const seen = new Set<string>();
    await drive(
      h,
      '2024-10-29T22:00:00.000Z',
      '2024-11-02T13:00:00.000Z',
      {
        '2024-10-30T18:00:00.000Z': () => h.publish(DAY2_FEEDS),
        '2024-10-31T18:00:00.000Z': () => h.publish(DAY3_FEEDS),
        '2024-11-01T18:00:00.000Z': () => h.publish(DAY4_FEEDS),
      },
      (at) => {
        ticks++;
        for (const c of ALL) {
          const fresh = h.received(c).filter((m) => !seen.has(m.id));
          fresh.forEach((m) => seen.add(m.id));
          if (fresh.length) arrivals.set(c.channel, [...(arrivals.get(c.channel) ?? []), { at, messages: fresh }]);
        }
      },
    );
    // Four simulated days at Slack's pace of about a post a second: generous for a loaded machine, and no assertion reads the time.
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  const day = (c: ChannelYaml, n: number): Received[] => arrivals.get(c.channel)?.[n]?.messages ?? [];

  it('posts each channel once per local date, at its own slot and never before it, however often the clock ticks', () => {
    expect(ticks).toBe(199);
    for (const c of ALL) expect(arrivals.get(c.channel)?.map((a) => a.at), c.channel).toEqual(SLOTS[c.channel]);
    for (const c of ALL) {
      const channel = h.bot.stores.channels.find(c.channel)!;
      const digests = DATES.map((d) => h.bot.stores.digests.get(channel.id, d));
      expect(digests.map((d) => [d?.state, d?.paper_count, d?.slot_at])).toEqual(DATES.map((_, i) => ['sent', [8, 3, 1, 0][i], SLOTS[c.channel]![i]]));
    }
  });

  it('sends Wednesday’s papers in every channel: each paper once, with the date in the channel’s language', () => {
    expect(day(discordKo, 0).map((m) => m.text.split('\n').slice(0, 2).join('\n'))).toEqual(['**📰 오늘의 논문 — 2024년 10월 30일 수요일**\n새 논문 8편']);
    expect(day(slackJa, 0).map((m) => m.text.split('\n').slice(0, 2).join('\n'))).toEqual(['📰 今日の論文 — 2024年10月30日水曜日\n新着論文 8件']);
    expect(day(discordEn, 0)[0]!.text).toBe('**📰 Daily Papers — Wednesday, October 30, 2024**\n8 new papers');
    expect(day(slackEn, 0).map((m) => m.text.split('\n').slice(0, 2).join('\n'))).toEqual(['📰 Daily Papers — Wednesday, October 30, 2024\n8 new papers']);
    for (const c of ALL) {
      expect(sorted(ids(day(c, 0))), c.channel).toEqual(DAY1_IDS);
      for (const title of DAY1_TITLES) expect(day(c, 0).filter((m) => m.text.includes(title)), `${c.channel}: ${title}`).toHaveLength(1);
    }
  });

  it('writes the Korean channel in Korean: Korean labels, the Korean digest’s summary, the English abstract labelled 초록 (영문)', () => {
    const [message] = day(discordKo, 0);
    const embeds = (message!.raw as DiscordMessage).embeds as { title: string; description?: string; fields?: { name: string }[] }[];
    const flow = embeds.find((e) => e.title.startsWith('Flow-DPO'))!;
    expect(flow.description).toContain('**새로운 점**\n두 개의 LLM이 번갈아 답을 이어 쓰는 온라인 멀티 에이전트 학습으로 수학 추론을 개선합니다.');
    expect(flow.description).toContain('**기술적 세부 사항**\nAnswer LLM이 답의 한 조각을 쓰고 Stop LLM이 멈출지를 정합니다.');
    // Credited by the source's configured Korean label, not its config name.
    expect(flow.description).toContain('*요약 출처: 데일리 페이퍼*');
    expect(flow.fields!.map((f) => f.name)).toEqual(['추천 수', '분야', '발표일', '🔗']);
    // ShadowKV has summaries in English only: its English abstract, labelled as such in Korean.
    const shadow = embeds.find((e) => e.title.startsWith('ShadowKV'))!;
    expect(shadow.description).toBe(
      '**초록 (영문)**\nShadowKV keeps a low-rank key cache on the GPU, offloads the value cache to the CPU and reconstructs sparse KV pairs on the fly & so serves larger batches of long-context requests.',
    );
    for (const m of arrivals.get(discordKo.channel)!.flatMap((a) => a.messages)) {
      for (const word of ENGLISH_UI) expect(m.text, word).not.toContain(word);
    }
  });

  it('writes the Japanese channel in Japanese: Japanese labels, the Japanese blog’s summary, the English abstract labelled 概要（英語）', () => {
    const text = day(slackJa, 0).map((m) => m.text).join('\n');
    expect(text).toContain('*概要*\n二つのLLMが協調して数学の推論過程を少しずつ組み立てる方法を提案します。');
    // No label configured: the blog's host (here the fake feed server's), not its config name.
    expect(text).toContain('_要約の出典: 127.0.0.1_');
    expect(text).toContain('*概要（英語）*\nShadowKV keeps a low-rank key cache on the GPU');
    // Papers with a Korean summary only: that summary, marked as Korean, credited in Japanese.
    expect(text).toContain('*要約（韓国語）*\n사람 영상 대신 대규모 로봇 데이터셋으로');
    expect(text).toContain('_要約の出典: 韓国語デイリー論文_');
    expect(text).toContain('*投票数* 11  ·  *分野* cs.LG, cs.AI, cs.CL  ·  *公開日* 2024/10/30');
    // REGENT was published at 16:06 UTC on 24 February: the 25th in Tokyo.
    expect(text).toContain('*分野* cs.AI  ·  *投稿日* 2025/02/25');
    for (const m of arrivals.get(slackJa.channel)!.flatMap((a) => a.messages)) {
      for (const word of ENGLISH_UI) expect(m.text, word).not.toContain(word);
    }
  });

  it('keeps English UI in the English channels, with the abstract before a source’s one-line TL;DR', () => {
    const text = day(slackEn, 0).map((m) => m.text).join('\n');
    expect(text).toContain('*Abstract*\nShadowKV keeps a low-rank key cache on the GPU');
    expect(text).not.toContain('ShadowKV stores a low-rank key cache on the GPU and the value cache on the CPU');
    expect(text).toContain('*Votes* 11  ·  *Categories* cs.LG, cs.AI, cs.CL  ·  *Announced* Oct 30, 2024');
    expect(text).not.toContain('Abstract (English)');
    // Papers with a Korean summary only are no longer empty: the Korean summary, marked as such.
    expect(text).toContain('*Summary (Korean)*\n사람 영상 대신 대규모 로봇 데이터셋으로');
    expect(text).toContain('_Summary: Daily Papers (Korean)_');
    expect(text.replace(/\*Summary \(Korean\)\*\n[^*_]*/g, '')).not.toMatch(/[가-힣]|[\u3040-\u30ff]/);
  });

  it('keeps every Discord message within Discord’s limits and pinging no one, and every Slack post within Slack’s', () => {
    const discordPosts = h.discord.requests.filter((r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path));
    expect(discordPosts.length).toBe([discordKo, discordEn].reduce((n, c) => n + h.received(c).length, 0));
    for (const r of discordPosts) {
      expect(validateMessage(r.body)).toBeUndefined();
      expect((r.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    }
    const slackPosts = h.slack.requests.filter((r) => r.method === 'chat.postMessage');
    expect(slackPosts.length).toBe([slackJa, slackEn].reduce((n, c) => n + h.received(c).length, 0));
    for (const r of slackPosts) expect(validatePostMessage(r.params)).toBeUndefined();
  });

  it('never sends a channel the same paper twice, though the feeds repeat papers on later days', () => {
    for (const c of ALL) {
      const all = ids(arrivals.get(c.channel)!.flatMap((a) => a.messages));
      expect(all.length, c.channel).toBe(new Set(all).size);
      expect(sorted(all), c.channel).toEqual(sorted([...DAY1_IDS, ...DAY2_IDS, ...DAY3_IDS]));
    }
  });

  it('shows papers that arrive on a later day on that day only', () => {
    for (const c of ALL) {
      expect(sorted(ids(day(c, 1))), c.channel).toEqual(DAY2_IDS);
      expect(sorted(ids(day(c, 2))), c.channel).toEqual(DAY3_IDS);
    }
    expect(day(discordKo, 1)[0]!.text).toContain('**새로운 점**\n작은따옴표가 들어간 저자 이름을 목록에서 올바르게 읽는지 확인하는 가상의 논문입니다.');
    expect(day(slackJa, 1).map((m) => m.text).join('\n')).toContain('*概要（英語）*\nSparse Mixture Routing for Long-Context Retrieval: a study we made up');
  });

  it('posts the thread layout as a header, then each paper as a reply in the header’s thread', () => {
    const top = h.discordMessages(discordEn.channel);
    expect(top.map((m) => m.content.split('\n')[0])).toEqual([
      '**📰 Daily Papers — Wednesday, October 30, 2024**',
      '**📰 Daily Papers — Thursday, October 31, 2024**',
      '**📰 Daily Papers — Friday, November 1, 2024**',
      '**📰 Daily Papers — Saturday, November 2, 2024**',
    ]);
    expect(top.map((m) => m.embeds.length)).toEqual([0, 0, 0, 0]);
    // A thread on each day that had papers, named after the day, with one paper per reply.
    expect(top.map((m) => (m.thread as { name?: string } | undefined)?.name)).toEqual([
      '📰 Daily Papers — Wednesday, October 30, 2024',
      '📰 Daily Papers — Thursday, October 31, 2024',
      '📰 Daily Papers — Friday, November 1, 2024',
      undefined,
    ]);
    expect(top.map((m) => h.discord.channels.get(m.id)?.length)).toEqual([8, 3, 1, undefined]);
    for (let d = 0; d < 3; d++) {
      const [header, ...replies] = day(discordEn, d);
      expect([header!.inThread, ...replies.map((r) => r.inThread)]).toEqual([false, ...replies.map(() => true)]);
      expect(replies.map((r) => (r.raw as { embeds: unknown[] }).embeds.length)).toEqual(replies.map(() => 1));
      expect(replies.every((r) => (r.raw as DiscordMessage).channel_id === header!.id)).toBe(true);
    }
  });

  it('posts the localized weekend notice on Saturday, when arXiv announced nothing since the last digest', () => {
    expect(day(discordKo, 3).map((m) => m.text)).toEqual([
      '**📰 오늘의 논문 — 2024년 11월 2일 토요일**\n오늘은 새 논문이 없습니다. arXiv는 주말에는 새 논문을 발표하지 않습니다.',
    ]);
    expect(day(discordEn, 3).map((m) => m.text)).toEqual([
      '**📰 Daily Papers — Saturday, November 2, 2024**\nNo new papers today — arXiv does not announce on weekends.',
    ]);
    expect(day(slackJa, 3)).toHaveLength(1);
    expect(day(slackJa, 3)[0]!.text).toContain('本日は新着論文がありません。arXivは土日には新しい論文を公開しません。');
    expect(day(slackJa, 3)[0]!.text).toContain('📰 今日の論文 — 2024年11月2日土曜日');
    expect(day(slackEn, 3)).toHaveLength(1);
    expect(day(slackEn, 3)[0]!.text).toContain('No new papers today — arXiv does not announce on weekends.');
  });
});

describe('daylight saving time', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('keeps each channel at its local time when its zone changes clocks: Berlin on 27 October, New York on 3 November', async () => {
    const berlin: ChannelYaml = { ...discordEn, layout: 'digest' };
    const newYork: ChannelYaml = { platform: 'discord', channel: '1300000000000000003', locale: 'en', time: '07:00', timezone: 'America/New_York' };
    h = await startHarness({ start: '2024-10-25T20:00:00Z', channels: [berlin, newYork] });
    await h.publish({});
    const arrivals: Record<string, string[]> = { [berlin.channel]: [], [newYork.channel]: [] };
    for (let t = Date.parse('2024-10-25T20:00:00Z'); t <= Date.parse('2024-11-03T13:00:00Z'); t += 30 * 60_000) {
      const at = new Date(t).toISOString();
      for (const r of (await h.tickAt(at)).results) arrivals[r.channel]!.push(`${r.date} ${at.slice(11, 16)}`);
    }
    expect(arrivals[berlin.channel]).toEqual([
      '2024-10-26 06:00', // 08:00 CEST
      '2024-10-27 07:00', // 08:00 CET from here on
      '2024-10-28 07:00',
      '2024-10-29 07:00',
      '2024-10-30 07:00',
      '2024-10-31 07:00',
      '2024-11-01 07:00',
      '2024-11-02 07:00',
      '2024-11-03 07:00',
    ]);
    expect(arrivals[newYork.channel]).toEqual([
      '2024-10-26 11:00', // 07:00 EDT
      '2024-10-27 11:00',
      '2024-10-28 11:00',
      '2024-10-29 11:00',
      '2024-10-30 11:00',
      '2024-10-31 11:00',
      '2024-11-01 11:00',
      '2024-11-02 11:00',
      '2024-11-03 12:00', // 07:00 EST
    ]);
    expect(h.received(newYork).map((m) => m.text.split('\n')[0])).toEqual([
      '**📰 Daily Papers — Saturday, October 26, 2024**',
      '**📰 Daily Papers — Sunday, October 27, 2024**',
      '**📰 Daily Papers — Monday, October 28, 2024**',
      '**📰 Daily Papers — Tuesday, October 29, 2024**',
      '**📰 Daily Papers — Wednesday, October 30, 2024**',
      '**📰 Daily Papers — Thursday, October 31, 2024**',
      '**📰 Daily Papers — Friday, November 1, 2024**',
      '**📰 Daily Papers — Saturday, November 2, 2024**',
      '**📰 Daily Papers — Sunday, November 3, 2024**',
    ]);
  });
});
