/** The reading list's use cases through the command entry points both platforms call. */
import { describe, expect, it } from 'vitest';
import { handlePaperAction } from '../../src/pipeline/commands/handle-command.js';
import { readLibrary } from '../../src/library/read-library.js';
import { silentLogger } from '../../src/log.js';
import { parseCommandText } from '../../src/core/parse-command-text.js';
import { answerText, setupCommands } from '../pipeline/command-setup.js';
import { ODD_PAPERS, saveAll } from './library-papers.js';

const GUILD = '1100000000000000001';
const owner = { platform: 'discord', workspace: GUILD, user: '222222222222222222' };

describe('reading list commands', () => {
  it('parses save, unsave, saved with words and a page, and export with a format', () => {
    expect(parseCommandText('save 2410.20001')).toEqual({ command: 'save', id: '2410.20001' });
    expect(parseCommandText('unsave arXiv:2410.20001')).toEqual({ command: 'unsave', id: 'arXiv:2410.20001' });
    expect(parseCommandText('saved')).toEqual({ command: 'saved' });
    expect(parseCommandText('saved 강화 --page 2')).toEqual({ command: 'saved', query: '강화', page: 2 });
    expect(parseCommandText('export ris')).toEqual({ command: 'export', format: 'ris' });
    expect(parseCommandText('export')).toEqual({ command: 'export' });
    expect(() => parseCommandText('save')).toThrow(expect.objectContaining({ key: 'error.missing_argument' }));
  });

  it('saves with ⭐ (an Undo that unsaves), says so on a second save, and unsaves by command, per person and server', () => {
    const t = setupCommands();
    const dense = t.stores.reader.getByKey('arxiv:2410.20001')!.id;
    const ctx = t.ctx({ guildId: GUILD });
    const first = handlePaperAction(ctx, `pb1:save:${dense}`, t.deps, silentLogger());
    expect(first.text).toContain('Dense retrieval with feedback');
    expect(first.buttons).toEqual([expect.objectContaining({ payload: `pb1:unsave:${dense}`, style: 'danger' })]);
    expect(handlePaperAction(ctx, `pb1:save:${dense}`, t.deps, silentLogger()).text).toMatch(/이미|already/);
    expect(t.deps.saved!.list(owner).map((p) => p.paperId)).toEqual([dense]);
    // Another server's list is its own.
    expect(t.deps.saved!.list({ ...owner, workspace: '1100000000000000002' })).toEqual([]);
    const undone = handlePaperAction(ctx, `pb1:unsave:${dense}`, t.deps, silentLogger());
    expect(undone.buttons).toEqual([expect.objectContaining({ payload: `pb1:save:${dense}` })]);
    expect(t.deps.saved!.count(owner)).toBe(0);
    t.run('save 2410.20002', { guildId: GUILD });
    expect(t.deps.saved!.list(owner).map((p) => p.paperId)).toEqual([t.stores.reader.getByKey('arxiv:2410.20002')!.id]);
    t.run('unsave https://arxiv.org/abs/2410.20002v2', { guildId: GUILD });
    expect(t.deps.saved!.count(owner)).toBe(0);
    expect(t.run('save 2499.99999', { guildId: GUILD }).error).toBe('error.paper_not_found');
    expect(t.run('save not-an-id', { guildId: GUILD }).error).toBe('error.invalid_paper_id');
    expect(handlePaperAction(ctx, 'pb1:save:999999', t.deps, silentLogger()).error).toBe('error.paper_gone');
  });

  it('pages the list newest first, one card a page here, with Previous/Next, and searches it in any script', () => {
    const t = setupCommands();
    saveAll(t.stores, owner);
    const page1 = t.run('saved', { guildId: GUILD });
    expect(page1.cards?.map((c) => c.title)).toEqual(['No abstract, no authors, no date']); // saved last, shown first
    expect(page1.title).toMatch(/5/);
    expect(page1.buttons).toEqual([expect.objectContaining({ payload: 'saved|2|' })]);
    const page5 = t.run('saved --page 5', { guildId: GUILD });
    expect(page5.cards?.[0]?.title).toBe(ODD_PAPERS[0]!.title);
    expect(page5.buttons).toEqual([expect.objectContaining({ payload: 'saved|4|' })]);
    expect(t.run('saved 강화학습', { guildId: GUILD }).cards?.map((c) => c.title)).toEqual([ODD_PAPERS[0]!.title]);
    expect(t.run('saved 論文推薦', { guildId: GUILD }).cards?.map((c) => c.title)).toEqual([ODD_PAPERS[1]!.title]);
    expect(t.run('saved schmidhuber', { guildId: GUILD }).cards?.map((c) => c.title)).toEqual([ODD_PAPERS[2]!.title]);
    const none = t.run('saved quantum', { guildId: GUILD });
    expect(none.cards).toBeUndefined();
    expect(none.text).toContain('quantum');
    // Another server's list is empty: it says how to save, in the channel's language (Korean here).
    const elsewhere = t.run('saved', { guildId: '1100000000000000002' });
    expect(elsewhere.cards).toBeUndefined();
    expect(answerText(elsewhere)).toContain('⭐');
  });

  it('exports every saved paper as a file in the asked format, and refuses an unknown format and an empty list clearly', () => {
    const t = setupCommands();
    const empty = t.run('export', { guildId: GUILD });
    expect(empty.error).toBe('saved.export_empty');
    expect(empty.files).toBeUndefined();
    const ids = saveAll(t.stores, owner);
    for (const format of ['bibtex', 'ris', 'csl-json']) {
      const answer = t.run(`export ${format}`, { guildId: GUILD });
      expect(answer.error).toBeUndefined();
      expect(answer.files).toHaveLength(1);
      const file = answer.files![0]!;
      expect(file.name).toMatch(/^paperboy-reading-list-2024-10-30\.(bib|ris|json)$/);
      const read = readLibrary(file.content, file.name);
      expect(read.entries.map((e) => e.arxivId)).toEqual(ODD_PAPERS.map((p) => p.arxivId).reverse());
      expect(ids).toHaveLength(5);
    }
    expect(t.run('export endnote', { guildId: GUILD }).error).toBe('error.export_format');
  });

  it('cuts an export over the platform limit into parts, and refuses one that needs more files than allowed', () => {
    const t = setupCommands();
    saveAll(t.stores, owner);
    const parts = t.run('export', { guildId: GUILD, upload: { maxBytes: 700, maxFiles: 10 } });
    expect(parts.error).toBeUndefined();
    expect(parts.files!.length).toBeGreaterThan(1);
    expect(parts.files!.every((f) => Buffer.byteLength(f.content) <= 700)).toBe(true);
    expect(parts.files!.flatMap((f) => readLibrary(f.content, f.name).entries.map((e) => e.arxivId))).toHaveLength(5);
    const refused = t.run('export', { guildId: GUILD, upload: { maxBytes: 700, maxFiles: 1 } });
    expect(refused).toMatchObject({ error: 'saved.export_too_large' });
    expect(refused.text).toMatch(/5/);
  });
});
