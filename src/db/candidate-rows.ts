/**
 * What digests and topic subscriptions read of a paper to choose it, in one place: the columns
 * (with the date a paper is "of": featured, else announced, else published) and the row mapping.
 */
import type { Candidate } from '../core/select-papers.js';
import { parseJson } from './json.js';

export const CANDIDATE_COLUMNS = `p.id, p.title, p.abstract, p.categories, p.authors, p.votes, p.first_seen_at,
  coalesce(p.featured_on, p.announced_on, substr(p.published_at, 1, 10)) AS date`;

export interface CandidateRow {
  id: number;
  title: string;
  abstract: string | null;
  categories: string;
  authors: string;
  votes: number | null;
  date: string | null;
  first_seen_at: string;
}

export function toCandidate(r: CandidateRow): Candidate & { authors: string[] } {
  return {
    id: r.id,
    title: r.title,
    abstract: r.abstract,
    categories: parseJson<string[]>(r.categories, []),
    authors: parseJson<string[]>(r.authors, []),
    votes: r.votes,
    date: r.date,
    firstSeenAt: r.first_seen_at,
  };
}
