/** `today`, `search` and `show`: read-only answers with paper cards in the asker's language. */
import { buildPaperCard } from '../../core/build-digest.js';
import { DEFAULT_CHANNEL_SETTINGS } from '../../core/channel.js';
import { UserError, type Answer, type CommandContext } from '../../core/commands.js';
import { keyForLookup } from '../../core/paper-key.js';
import type { PaperView } from '../../core/paper-view.js';
import { toFtsQuery } from '../../core/search-text.js';
import { comparePapers, matchesFilters } from '../../core/select-papers.js';
import { localDate } from '../../core/zoned-time.js';
import { rankReasonText } from '../../core/rank-reason-text.js';
import type { Translator } from '../../i18n/translator.js';
import type { CommandDeps } from './command-deps.js';

/** Paging payloads round-trip through a button: `search|<page>|<query>` (Discord custom_id ≤ 100). */
export function searchPayload(page: number, query: string): string | undefined {
  const payload = `search|${page}|${query}`;
  return payload.length <= 100 ? payload : undefined;
}

function cards(papers: PaperView[], loc: Translator, timeZone: string, deps: CommandDeps) {
  return papers.map((p) => buildPaperCard(p, loc, { timeZone, maxSummaryChars: 400, ...(deps.sourceLabel ? { sourceLabel: deps.sourceLabel } : {}) }));
}

export function today(ctx: CommandContext, deps: CommandDeps, loc: Translator, topic?: string): Answer {
  const channel = deps.channels.find(ctx.channelId);
  const timeZone = channel?.timezone ?? deps.timezone;
  const date = localDate(deps.now(), timeZone);
  const settings = channel?.settings ?? DEFAULT_CHANNEL_SETTINGS;
  const words = topic?.trim() ? [topic.trim()] : [];
  const filters = { categories: words.length ? [] : settings.categories, keywords: words.length ? words : settings.keywords };
  // Today's papers, or the latest day that has any (arXiv announces nothing on weekends).
  let candidates = deps.digests.onDate(date, filters.keywords.length > 0);
  for (let back = 1; candidates.length === 0 && back <= 7; back++) {
    const earlier = new Date(deps.now().getTime() - back * 86_400_000);
    candidates = deps.digests.onDate(localDate(earlier, timeZone), filters.keywords.length > 0);
  }
  const chosen = candidates.filter((c) => matchesFilters(c, filters)).sort(comparePapers(settings.order)).slice(0, deps.limits.todayMax);
  const papers = chosen.map((c) => deps.reader.getById(c.id)).filter((p): p is PaperView => !!p);
  if (papers.length === 0) return { ephemeral: true, text: loc.t('today.none') };
  return { ephemeral: true, title: loc.t('today.title', { date: loc.formatDate(date, timeZone, 'full') }), cards: cards(papers, loc, timeZone, deps) };
}

export function search(_ctx: CommandContext, deps: CommandDeps, loc: Translator, query: string, page = 1): Answer {
  const q = query.trim();
  if (!q) throw new UserError('error.empty_query');
  if (!toFtsQuery(q)) throw new UserError('error.query_all_operators');
  const size = deps.limits.searchPageSize;
  const hits = deps.search.search(q, { limit: size + 1, offset: (page - 1) * size });
  if (hits.length === 0) return { ephemeral: true, text: loc.t('search.no_results', { query: q }) };
  const papers = hits.slice(0, size).map((h) => deps.reader.getByKey(h.key)).filter((p): p is PaperView => !!p);
  const buttons = [];
  const prev = page > 1 ? searchPayload(page - 1, q) : undefined;
  const next = hits.length > size ? searchPayload(page + 1, q) : undefined;
  if (prev) buttons.push({ label: loc.t('button.previous'), payload: prev });
  if (next) buttons.push({ label: loc.t('button.next'), payload: next });
  return {
    ephemeral: true,
    title: loc.t('search.title', { query: q, page }),
    cards: cards(papers, loc, deps.timezone, deps),
    ...(buttons.length ? { buttons } : {}),
  };
}

export function show(_ctx: CommandContext, deps: CommandDeps, loc: Translator, id: string): Answer {
  const input = id.trim();
  const key = keyForLookup(input);
  if (!key) throw new UserError('error.invalid_paper_id', { input: input.slice(0, 100) });
  const paper = deps.reader.getByKey(key);
  if (!paper) throw new UserError('error.paper_not_found', { id: paper === undefined ? input.slice(0, 100) : key });
  return { ephemeral: true, cards: cards([paper], loc, deps.timezone, deps) };
}

/** `/papers similar ID` and the "more like this" button: the stored papers most like one, each with why. */
export function similar(_ctx: CommandContext, deps: CommandDeps, loc: Translator, id: string | number): Answer {
  if (!deps.relevance) throw new Error('relevance stores are not wired');
  const paper = typeof id === 'number' ? deps.reader.getById(id) : lookupPaper(deps, id);
  if (!paper) throw new UserError(typeof id === 'number' ? 'error.paper_gone' : 'error.paper_not_found', { id: String(id).slice(0, 100) });
  const ranked = deps.relevance.similar.similar(paper.id, deps.limits.searchPageSize);
  if (ranked.length === 0) return { ephemeral: true, text: loc.t('similar.none', { title: paper.title }) };
  const found = ranked.flatMap((r) => {
    const p = deps.reader.getById(r.id);
    return p ? [{ p, reason: rankReasonText(r.reason, loc) }] : [];
  });
  return {
    ephemeral: true,
    title: loc.t('similar.title', { title: paper.title.length > 120 ? `${paper.title.slice(0, 119)}…` : paper.title }),
    cards: found.map(({ p, reason }) => ({ ...cards([p], loc, deps.timezone, deps)[0]!, ...(reason ? { reason } : {}) })),
  };
}

function lookupPaper(deps: CommandDeps, id: string): PaperView | undefined {
  const key = keyForLookup(id.trim());
  if (!key) throw new UserError('error.invalid_paper_id', { input: id.trim().slice(0, 100) });
  return deps.reader.getByKey(key);
}
