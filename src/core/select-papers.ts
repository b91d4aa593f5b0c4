/** Which new papers a channel's digest gets, and in what order: filters, then votes or date, then the cap. */
import type { ChannelSettings } from './channel.js';

export interface Candidate {
  id: number;
  title: string;
  abstract: string | null;
  categories: string[];
  votes: number | null;
  /** Announced, featured or published date, YYYY-MM-DD or ISO. */
  date: string | null;
  firstSeenAt: string;
  /** Summary texts, for keyword filters. */
  summaryText?: string;
}

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

export function matchesFilters(c: Candidate, s: Pick<ChannelSettings, 'categories' | 'keywords'>): boolean {
  if (s.categories.length > 0 && !c.categories.some((cat) => s.categories.includes(cat))) return false;
  if (s.keywords.length > 0) {
    const text = fold(`${c.title}\n${c.abstract ?? ''}\n${c.summaryText ?? ''}`);
    if (!s.keywords.some((k) => text.includes(fold(k)))) return false;
  }
  return true;
}

function desc<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

export function comparePapers(order: ChannelSettings['order']) {
  return (a: Candidate, b: Candidate): number => {
    // `relevance` is ordered by the personal ranker; without a profile it falls back to votes.
    const primary = order !== 'date' ? desc(a.votes, b.votes) || desc(a.date, b.date) : desc(a.date, b.date) || desc(a.votes, b.votes);
    return primary || desc(a.firstSeenAt, b.firstSeenAt) || a.id - b.id;
  };
}

/** A personal ranking of the matching papers (best first), or undefined when the channel has no profile. */
export type RankMatching = (matching: Candidate[]) => { id: number; score: number }[] | undefined;

/**
 * The papers for one digest: matching, ordered, capped; `total` counts all that matched. With
 * `order: relevance` and a ranking, the ranking decides the order.
 */
export function selectPapers(candidates: Candidate[], settings: ChannelSettings, rank?: RankMatching): { chosen: Candidate[]; total: number } {
  const matching = candidates.filter((c) => matchesFilters(c, settings)).sort(comparePapers(settings.order));
  const ranked = settings.order === 'relevance' && rank ? rank(matching) : undefined;
  if (ranked) {
    const byId = new Map(matching.map((c) => [c.id, c]));
    const ordered = ranked.flatMap((r) => byId.get(r.id) ?? []);
    return { chosen: ordered.slice(0, settings.maxPapers), total: matching.length };
  }
  return { chosen: matching.slice(0, settings.maxPapers), total: matching.length };
}
