/** A store with a few papers and the command use cases wired to it, for command tests. */
import type { CommandContext } from '../../src/core/commands.js';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/core/channel.js';
import { createSubscriptionStore } from '../../src/db/subscription-store.js';
import { createUserStore } from '../../src/db/user-store.js';
import { createSavedStore } from '../../src/db/saved-store.js';
import { silentLogger } from '../../src/log.js';
import { parseConfig } from '../../src/config.js';
import { buildRelevance, buildSourceLabeler, openStores } from '../../src/main.js';
import type { CommandDeps } from '../../src/pipeline/commands/command-deps.js';
import { handleCommandText } from '../../src/pipeline/commands/handle-command.js';
import { paper } from './digest-setup.js';

export function setupCommands(now = '2024-10-30T03:00:00Z') {
  const stores = openStores(':memory:');
  stores.ingest.applyEntries(
    'arxiv',
    'arxiv-rss',
    [
      paper(1, 10, { announcedOn: '2024-10-30', title: 'Dense retrieval with feedback', summaries: [{ locale: 'ko', sections: [{ kind: 'whats_new', text: '검색 품질을 높이는 강화학습 방법입니다.' }] }] }),
      paper(2, 3, { announcedOn: '2024-10-30', title: 'Robot grasping at scale', categories: ['cs.RO'], summaries: [{ locale: 'ja', sections: [{ kind: 'abstract', text: 'ロボットの把持を強化学習で学ぶ。' }] }] }),
    ],
    now,
  );
  stores.channels.syncFromConfig(
    [{ platform: 'discord', channel: '111111111111111111', locale: 'ko', time: '09:00', timezone: 'Asia/Seoul', settings: DEFAULT_CHANNEL_SETTINGS }],
    now,
  );
  const deps: CommandDeps = {
    reader: stores.reader,
    search: stores.search,
    digests: stores.digests,
    channels: stores.channels,
    users: createUserStore(stores.db),
    subscriptions: createSubscriptionStore(stores.db),
    status: stores.status,
    timezone: 'Asia/Seoul',
    // The stored source 'arxiv' is the config's arXiv cs.CL feed: cards credit it by its default label.
    sourceLabel: buildSourceLabeler(stores, parseConfig('sources:\n  - name: arxiv\n    url: https://rss.arxiv.org/rss/cs.CL\n', 'commands.yaml')),
    limits: { subscriptionsPerTarget: 3, searchPageSize: 1, todayMax: 10 },
    now: () => new Date(now),
    relevance: buildRelevance(stores, () => new Date(now)),
    saved: createSavedStore(stores.db),
  };
  const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
    platform: 'discord',
    userId: '222222222222222222',
    channelId: '111111111111111111',
    canManageChannel: false,
    isDirect: false,
    ...over,
  });
  const run = (text: string, over: Partial<CommandContext> = {}) => handleCommandText(ctx(over), text, deps, silentLogger());
  return { stores, deps, ctx, run };
}

/** Every text an answer shows, for assertions about language and leaks. */
export function answerText(a: { title?: string; text?: string; lines?: string[]; cards?: { title: string; summary?: { sections: { label: string; text: string }[] } }[] }): string {
  return [a.title, a.text, ...(a.lines ?? []), ...(a.cards ?? []).flatMap((c) => [c.title, ...(c.summary?.sections ?? []).flatMap((s) => [s.label, s.text])])]
    .filter(Boolean)
    .join('\n');
}
