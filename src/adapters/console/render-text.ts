/** Plain-text rendering of a digest, for the console poster and `paperboy digest --platform text`. */
import type { DigestLayout, DigestModel, OutgoingMessage, PaperCard } from '../../core/digest-model.js';

function card(p: PaperCard, n: number): string {
  const lines = [`${n}. ${p.title}`, `   ${p.url}`];
  if (p.reason) lines.push(`   → ${p.reason}`);
  if (p.authors) lines.push(`   ${p.authors}`);
  if (p.facts.length) lines.push(`   ${p.facts.map((f) => `${f.label}: ${f.text}`).join(' · ')}`);
  for (const s of p.summary?.sections ?? []) lines.push(`   ${s.label ? `[${s.label}] ` : ''}${s.text.replace(/\n+/g, ' ')}`);
  if (p.summary?.attribution) lines.push(`   (${p.summary.attribution})`);
  if (p.links.length) lines.push(`   ${p.links.map((l) => `${l.label}: ${l.url}`).join('  ')}`);
  return lines.join('\n');
}

export function renderTextDigest(model: DigestModel, layout: DigestLayout): OutgoingMessage[] {
  const header = [model.title, model.papers.length ? model.intro : (model.notice ?? model.intro)].join('\n');
  const cards = model.papers.map((p, i) => card(p, i + 1));
  if (layout === 'thread') {
    const perPaper = cards.map((text, i) => ({ body: { text }, threadParent: 0, ...paperIdsOf([model.papers[i]!]) }));
    return [{ body: { text: header } }, ...perPaper, ...(model.more ? [{ body: { text: model.more }, threadParent: 0 }] : [])];
  }
  return [{ body: { text: [header, ...cards, ...(model.more ? [model.more] : [])].join('\n\n') }, ...paperIdsOf(model.papers) }];
}

function paperIdsOf(cards: PaperCard[]): { paperIds?: number[] } {
  const ids = cards.flatMap((c) => (c.paperId === undefined ? [] : [c.paperId]));
  return ids.length ? { paperIds: ids } : {};
}
