import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { DigestModel, PaperCard } from '../../core/digest-model.js';
import { parsePaperActionId } from '../../core/paper-actions.js';
import { validateMessage } from '../../../test/fakes/fake-discord.js';
import { renderAnswer } from './commands/render-answer.js';
import { DISCUSS_MENU_ID, paperControlLabels, SAVE_MENU_ID, SIMILAR_MENU_ID, VOTE_MENU_ID } from './paper-components.js';
import { renderDiscordDigest } from './render-digest.js';

type Row = { type: number; components: { type: number; custom_id: string; label?: string; style?: number; placeholder?: string; options?: { label: string; value: string }[] }[] };

const card = (id: number, over: Partial<PaperCard> = {}): PaperCard => ({
  key: `arxiv:2410.${20000 + id}`,
  paperId: id,
  title: `Paper ${id}`,
  url: `https://arxiv.org/abs/2410.${20000 + id}`,
  summary: { sections: [{ label: '요약', text: '검색 품질을 높이는 방법입니다. '.repeat(5) }], fallback: false },
  facts: [{ label: '추천', text: String(id) }],
  links: [{ label: 'arXiv', url: `https://arxiv.org/abs/2410.${20000 + id}` }],
  ...over,
});
const model = (papers: PaperCard[], locale = 'ko'): DigestModel => ({ locale, date: '2024-10-30', title: 'Daily Papers', intro: `${papers.length}`, papers, more: 'and 3 more' });
const rows = (body: Record<string, unknown>) => (body.components as Row[] | undefined) ?? [];
const valid = (body: Record<string, unknown>) => validateMessage({ ...body, nonce: 'k'.repeat(25), enforce_nonce: true });

describe('paper controls on digest messages', () => {
  it('gives every message of papers a vote, a "more like this", a save and a discuss select over exactly its papers, within Discord limits', () => {
    const papers = Array.from({ length: 25 }, (_, i) => card(i + 1, { title: `${'Very long title about retrieval '.repeat(6)}${i + 1}` }));
    const messages = renderDiscordDigest(model(papers), 'digest');
    const withPapers = messages.filter((m) => m.paperIds);
    expect(withPapers.map((m) => m.paperIds)).toEqual([
      Array.from({ length: 10 }, (_, i) => i + 1),
      Array.from({ length: 10 }, (_, i) => i + 11),
      Array.from({ length: 5 }, (_, i) => i + 21),
    ]);
    for (const { body, paperIds } of withPapers) {
      expect(valid(body)).toBeUndefined();
      const [vote, similar, save, discuss] = rows(body).map((r) => r.components[0]!);
      expect(vote).toMatchObject({ type: ComponentType.StringSelect, custom_id: VOTE_MENU_ID, placeholder: '이 메시지의 논문에 👍 / 👎…' });
      expect(vote!.options!.map((o) => o.value)).toEqual(paperIds!.flatMap((id) => [`pb1:up:${id}`, `pb1:down:${id}`]));
      expect(vote!.options!.every((o) => o.label.length <= 100 && /^(👍|👎) Very long/.test(o.label))).toBe(true);
      expect(similar).toMatchObject({ custom_id: SIMILAR_MENU_ID });
      expect(similar!.options!.map((o) => parsePaperActionId(o.value))).toEqual(paperIds!.map((paperId) => ({ verb: 'similar', paperId })));
      expect(save).toMatchObject({ custom_id: SAVE_MENU_ID });
      expect(save!.options!.map((o) => parsePaperActionId(o.value))).toEqual(paperIds!.map((paperId) => ({ verb: 'save', paperId })));
      expect(discuss).toMatchObject({ custom_id: DISCUSS_MENU_ID, placeholder: '💬 스레드에서 논문 토론하기…' });
      expect(discuss!.options!.map((o) => parsePaperActionId(o.value))).toEqual(paperIds!.map((paperId) => ({ verb: 'discuss', paperId })));
    }
    // The closing "and 3 more" shows no paper: nothing to vote on, no ids.
    expect(messages.at(-1)).toEqual({ body: { content: 'and 3 more', allowed_mentions: { parse: [] } } });
  });

  it('puts 👍 👎, "more like this" and ⭐ save buttons on each paper of a thread digest, and names the paper for reactions', () => {
    const messages = renderDiscordDigest(model([card(7), card(8)], 'ja'), 'thread');
    expect(messages[0]!.paperIds).toBeUndefined();
    expect(rows(messages[0]!.body)).toEqual([]);
    const [first, second] = messages.slice(1);
    expect(first!.paperIds).toEqual([7]);
    expect(second!.paperIds).toEqual([8]);
    expect(rows(first!.body)).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '👍', custom_id: 'pb1:up:7' },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '👎', custom_id: 'pb1:down:7' },
          { type: ComponentType.Button, style: ButtonStyle.Primary, label: '似た論文', custom_id: 'pb1:similar:7' },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '⭐ 保存', custom_id: 'pb1:save:7' },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '💬 ディスカッション', custom_id: 'pb1:discuss:7' },
        ],
      },
    ]);
    const { paperboy_thread_name: _name, ...body } = first!.body;
    expect(valid(body)).toBeUndefined();
  });

  it('gives cards without a store id no controls', () => {
    const [message] = renderDiscordDigest(model([card(1, { paperId: undefined }), card(2, { paperId: undefined })]), 'digest');
    expect(message!.body.components).toBeUndefined();
    expect(message!.paperIds).toBeUndefined();
  });

  it('shows a ranked card’s reason as an italic line above its summary, its own emphasis and Markdown neutralized', () => {
    const [message] = renderDiscordDigest(model([card(3, { reason: 'like *Dense _retrieval_* · matches: rag' })]), 'digest');
    const description = (message!.body.embeds as { description: string }[])[0]!.description;
    expect(description.split('\n\n')[0]).toBe('*like Dense \\_retrieval\\_ · matches: rag*');
    expect(description).toContain('**요약**');
  });
});

describe('paper controls on command answers', () => {
  const en = paperControlLabels('en');

  it('gives a one-paper answer its three buttons, and the answer’s own buttons after them in their styles', () => {
    const message = renderAnswer({ ephemeral: true, cards: [card(5)], buttons: [{ label: 'Undo', payload: 'pb1:undo:5', style: 'danger' }] }, en);
    const [controls, own] = message.components as Row[];
    expect(controls!.components.map((c) => [c.custom_id, c.label])).toEqual([['pb1:up:5', '👍'], ['pb1:down:5', '👎'], ['pb1:similar:5', 'More like this'], ['pb1:save:5', '⭐ Save'], ['pb1:discuss:5', '💬 Discuss']]);
    expect(own!.components).toEqual([{ type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Undo', custom_id: 'pb1:undo:5' }]);
  });

  it('gives a search page of several papers the three selects above the paging buttons', () => {
    const message = renderAnswer({ ephemeral: true, cards: [card(1), card(2), card(3)], buttons: [{ label: 'Next', payload: 'search|2|rag' }] }, en);
    const ids = (message.components as Row[]).map((r) => r.components[0]!.custom_id);
    expect(ids).toEqual([VOTE_MENU_ID, SIMILAR_MENU_ID, SAVE_MENU_ID, DISCUSS_MENU_ID, 'search|2|rag']);
  });

  it('adds no controls when rendered without labels (error answers)', () => {
    expect(renderAnswer({ ephemeral: true, cards: [card(1)] }).components).toEqual([]);
  });
});
