/** What the command use cases need: stores, the localizer, limits and a clock. */
import type { SourceLabeler } from '../../core/source-label.js';
import type { Translate } from '../../core/translate.js';
import type { ChannelStore } from '../../db/channel-store.js';
import type { DigestStore } from '../../db/digest-store.js';
import type { PaperReader } from '../../db/paper-reader.js';
import type { PaperSearch } from '../../db/paper-search.js';
import type { SourceStatusStore } from '../../db/source-status-store.js';
import type { SubscriptionStore } from '../../db/subscription-store.js';
import type { UserStore } from '../../db/user-store.js';
import type { Translator } from '../../i18n/translator.js';
import type { DiscussStore } from '../../db/discuss-store.js';
import type { FeedbackStore } from '../../db/feedback-store.js';
import type { InterestStore } from '../../db/interest-store.js';
import type { SavedStore } from '../../db/saved-store.js';
import type { PipelineMetrics } from '../metrics.js';
import type { PersonalRanker } from '../personal-ranker.js';
import type { SimilarPapers } from '../similar-papers.js';

export interface CommandDeps {
  reader: PaperReader;
  search: PaperSearch;
  digests: DigestStore;
  channels: ChannelStore;
  users: UserStore;
  subscriptions: SubscriptionStore;
  status: SourceStatusStore;
  /** Default zone for channels the config does not know. */
  timezone: string;
  /** The human name of a source on cards; absent = a default from the name alone. */
  sourceLabel?: SourceLabeler;
  /** `likedDailyCap`: a liked subscription's cap when the command names none (default core/select-liked.ts). */
  limits: { subscriptionsPerTarget: number; searchPageSize: number; todayMax: number; likedDailyCap?: number };
  now(): Date;
  /** Feedback, seeds and personal ranking (docs/adr/0014-personal-ranking.md); absent = not wired. */
  relevance?: { feedback: FeedbackStore; interests: InterestStore; ranker: PersonalRanker; similar: SimilarPapers };
  /** The reading list (⭐ save, saved, export); absent = not wired. */
  saved?: SavedStore;
  /** Discussion threads (docs/adr/0020-discuss-threads.md); `questions`: an LLM answers mentions in them. Absent = not wired. */
  discuss?: { store: DiscussStore; questions: boolean };
  /** Command latency and outcomes for /metrics (optional). */
  metrics?: PipelineMetrics;
}

export type { Translate, Translator };
