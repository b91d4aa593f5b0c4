/**
 * The localized line that says why a ranked paper is there: "like *<a liked title>*",
 * "matches: diffusion, 비디오", "by <an author you liked>", joined in that order.
 */
import type { RankReason } from './personal-ranking/explain.js';
import type { Localizer } from './translate.js';

const TITLE_MAX = 80;

export function rankReasonText(reason: RankReason, loc: Localizer): string | undefined {
  const parts: string[] = [];
  if (reason.like) {
    const title = reason.like.title.length > TITLE_MAX ? `${reason.like.title.slice(0, TITLE_MAX - 1)}…` : reason.like.title;
    parts.push(loc.t('rank.like', { title }));
  }
  if (reason.terms.length) parts.push(loc.t('rank.matches', { terms: reason.terms.join(', ') }));
  if (reason.author) parts.push(loc.t('rank.by', { author: reason.author }));
  return parts.length ? parts.join(' · ') : undefined;
}
