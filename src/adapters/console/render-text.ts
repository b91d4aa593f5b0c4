/** Plain-text rendering of a digest, for the console poster and `paperboy digest --platform text`. */
import type { DigestLayout, DigestModel, OutgoingMessage, PaperCard } from '../../core/digest-model.js';

function card(p: PaperCard, n: number): string {
  const lines = [`${n}. ${p.title}`, `   ${p.url}`];
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
    return [{ body: { text: header } }, ...cards.map((text) => ({ body: { text }, threadParent: 0 })), ...(model.more ? [{ body: { text: model.more }, threadParent: 0 }] : [])];
  }
  return [{ body: { text: [header, ...cards, ...(model.more ? [model.more] : [])].join('\n\n') } }];
}
