/**
 * The reading list (docs/adr/0019-reading-list-and-export.md): ⭐ on any paper card or
 * `/papers save ID` puts a paper on the asker's list, `unsave` takes it off, `saved` pages
 * through it (newest first, optionally only the papers matching words), and `export` hands it
 * over as a BibTeX, RIS or CSL-JSON file. A list belongs to a person within one Discord server
 * or Slack workspace, as their feedback does. Answers are ephemeral and localized.
 */
import { UserError, type Answer, type AnswerButton, type CommandContext, type UploadLimits } from '../../core/commands.js';
import { keyForLookup } from '../../core/paper-key.js';
import { paperActionId } from '../../core/paper-actions.js';
import type { PaperView } from '../../core/paper-view.js';
import { buildPaperCard } from '../../core/build-digest.js';
import type { SavedOwner, SavedPaper, SavedStore } from '../../db/saved-store.js';
import { isExportFormat, type ExportFormat } from '../../library/write-library.js';
import type { Translator } from '../../i18n/translator.js';
import { exportFiles } from '../export-saved.js';
import type { CommandDeps } from './command-deps.js';

export type SaveOrigin = 'button' | 'command';

/** Discord's default attachment limit since 2024 (10 MiB), for a context that names none. */
export const DEFAULT_UPLOAD: UploadLimits = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 };
const FORMAT_NAMES: Record<ExportFormat, string> = { bibtex: 'BibTeX', ris: 'RIS', 'csl-json': 'CSL-JSON' };

export function savedOwner(ctx: CommandContext): SavedOwner {
  return { platform: ctx.platform, workspace: ctx.guildId ?? '', user: ctx.userId, channel: ctx.channelId ?? '' };
}

function store(deps: CommandDeps): SavedStore {
  if (!deps.saved) throw new Error('the reading list store is not wired');
  return deps.saved;
}

const short = (title: string) => (title.length > 120 ? `${title.slice(0, 119)}…` : title);

function paperByInput(deps: CommandDeps, id: string): PaperView {
  const input = id.trim();
  const key = keyForLookup(input);
  if (!key) throw new UserError('error.invalid_paper_id', { input: input.slice(0, 100) });
  const paper = deps.reader.getByKey(key);
  if (!paper) throw new UserError('error.paper_not_found', { id: key });
  return paper;
}

/** ⭐ (or `save ID`): on the list, with an Undo; a second save says it is there already. */
export function savePaper(ctx: CommandContext, deps: CommandDeps, loc: Translator, paperId: number, origin: SaveOrigin): Answer {
  const paper = deps.reader.getById(paperId);
  if (!paper) throw new UserError('error.paper_gone');
  const owner = savedOwner(ctx);
  const added = store(deps).save(owner, paperId, origin, deps.now().toISOString());
  const count = store(deps).count(owner);
  return {
    ephemeral: true,
    text: loc.t(added ? 'saved.added' : 'saved.already', { title: short(paper.title), count }),
    buttons: [{ label: loc.t(added ? 'button.undo' : 'button.unsave'), payload: paperActionId({ verb: 'unsave', paperId }), style: 'danger' }],
  };
}

/** Unsave (the Undo of a save, or `unsave ID`): off the list, with a way to save it again. */
export function unsavePaper(ctx: CommandContext, deps: CommandDeps, loc: Translator, paperId: number): Answer {
  const paper = deps.reader.getById(paperId);
  if (!paper) throw new UserError('error.paper_gone');
  const removed = store(deps).unsave(savedOwner(ctx), paperId);
  return {
    ephemeral: true,
    text: loc.t(removed ? 'saved.removed' : 'saved.not_saved', { title: short(paper.title) }),
    buttons: [{ label: loc.t('button.save'), payload: paperActionId({ verb: 'save', paperId }) }],
  };
}

export function saveCommand(ctx: CommandContext, deps: CommandDeps, loc: Translator, id: string, save: boolean): Answer {
  const paper = paperByInput(deps, id);
  return save ? savePaper(ctx, deps, loc, paper.id, 'command') : unsavePaper(ctx, deps, loc, paper.id);
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/** Every word of the query occurs in the paper's title, authors, abstract or arXiv id (any script, any case). */
export function matchesSaved(paper: SavedPaper, query: string): boolean {
  const words = fold(query).split(/\s+/u).filter(Boolean);
  const text = fold([paper.title, paper.authors.join(' '), paper.abstract ?? '', paper.arxivId ?? ''].join('\n'));
  return words.every((w) => text.includes(w));
}

/** Paging payloads of the saved list: `saved|<page>|<query>` (Discord custom_id ≤ 100). */
export function savedPayload(page: number, query: string): string | undefined {
  const payload = `saved|${page}|${query}`;
  return payload.length <= 100 ? payload : undefined;
}

/** `saved [words] [--page N]`: newest first, one page of cards, Previous/Next. */
export function savedList(ctx: CommandContext, deps: CommandDeps, loc: Translator, query = '', page = 1): Answer {
  const q = query.trim();
  const all = store(deps).list(savedOwner(ctx));
  if (all.length === 0) return { ephemeral: true, text: loc.t('saved.empty') };
  const found = q ? all.filter((p) => matchesSaved(p, q)) : all;
  if (found.length === 0) return { ephemeral: true, text: loc.t('saved.no_match', { query: q, count: all.length }) };
  const size = deps.limits.searchPageSize;
  const pages = Math.ceil(found.length / size);
  const shown = Math.min(Math.max(1, page), pages);
  const papers = found.slice((shown - 1) * size, shown * size).map((s) => deps.reader.getById(s.paperId)).filter((p): p is PaperView => !!p);
  const buttons: AnswerButton[] = [];
  const prev = shown > 1 ? savedPayload(shown - 1, q) : undefined;
  const next = shown < pages ? savedPayload(shown + 1, q) : undefined;
  if (prev) buttons.push({ label: loc.t('button.previous'), payload: prev });
  if (next) buttons.push({ label: loc.t('button.next'), payload: next });
  const label = deps.sourceLabel;
  return {
    ephemeral: true,
    title: q ? loc.t('saved.title_query', { query: q, count: found.length, page: shown, pages }) : loc.t('saved.title', { count: found.length, page: shown, pages }),
    cards: papers.map((p) => buildPaperCard(p, loc, { timeZone: deps.timezone, maxSummaryChars: 400, ...(label ? { sourceLabel: label } : {}) })),
    ...(buttons.length ? { buttons } : {}),
  };
}

const MIB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`);

/** `export [bibtex|ris|csl-json]`: the list as a file (or a few), within the platform's upload limit. */
export function exportSaved(ctx: CommandContext, deps: CommandDeps, loc: Translator, format = 'bibtex'): Answer {
  const name = format.trim().toLowerCase() || 'bibtex';
  if (!isExportFormat(name)) throw new UserError('error.export_format', { format: name.slice(0, 40), formats: 'bibtex, ris, csl-json' });
  const papers = store(deps).list(savedOwner(ctx));
  if (papers.length === 0) throw new UserError('saved.export_empty');
  const limits = ctx.upload ?? DEFAULT_UPLOAD;
  const date = deps.now().toISOString().slice(0, 10);
  const result = exportFiles(papers, name, limits, `paperboy-reading-list-${date}`);
  if (result.kind === 'too-large') throw new UserError('saved.export_too_large', { count: papers.length, size: size(result.bytes), limit: size(limits.maxBytes), files: limits.maxFiles });
  const files = result.files;
  const params = { count: papers.length, format: FORMAT_NAMES[name], files: files.length, limit: size(limits.maxBytes) };
  return {
    ephemeral: true,
    text: loc.t(files.length > 1 ? 'saved.exported_parts' : 'saved.exported', params),
    files: files.map(({ name: fileName, mime, content }) => ({ name: fileName, mime, content })),
  };
}
