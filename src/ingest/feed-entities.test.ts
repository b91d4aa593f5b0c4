/** HTML references in titles, author names and summaries come out as the characters they name. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toExcerpt } from './article-post.js';
import { parseArxivFeed } from './arxiv-feed.js';
import { parseGenericFeed } from './generic-feed.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('HTML references in feeds', () => {
  it('decodes an arXiv title, authors and abstract given in CDATA', async () => {
    const { entries, errors } = await parseArxivFeed(fixture('arxiv/entities.rss.xml'));
    expect(errors).toEqual([]);
    expect(entries[0]).toMatchObject({
      title: 'Café-Bench: α-Scaling → Better Naïve Baselines',
      authors: ['Jörg Müller', 'Anaïs Lefèvre', 'Zoë Smith'],
      abstract: 'We show that α-scaling of a naïve baseline beats tuned models – R&D teams, AT&T and &notice stay as written.',
    });
  });

  it('reads references outside CDATA, which the XML parser already decoded, the same way', async () => {
    const { entries } = await parseArxivFeed(fixture('arxiv/entities.rss.xml'));
    expect(entries[1]).toMatchObject({ title: 'Plain XML Text: été and & Survive', authors: ['Renée Dupont'] });
    expect(entries[1]?.abstract).toContain('(été, &)');
  });

  it('decodes a blog item title, creator and excerpt', async () => {
    const { entries } = await parseGenericFeed(fixture('feeds/lab-blog-entities.rss.xml'));
    expect(entries[0]).toMatchObject({ title: 'Naïve Bayes → β-VAE: a déjà vu', authors: ['Søren Kierkegård'] });
    expect(entries[0]?.summaries).toEqual([
      {
        locale: 'en',
        sections: [
          {
            kind: 'excerpt',
            text: 'From naïve Bayes to the β-VAE — “déjà vu” … with ∑, ∞ and 😀.\n\nR&D, AT&T & &notice stay as written.',
          },
        ],
      },
    ]);
  });
});

describe('HTML references in Markdown posts', () => {
  it('decodes named references an article body writes inline', () => {
    expect(toExcerpt('Na&iuml;ve &rarr; &beta;-VAE, caf&eacute; &amp; &lt;tag&gt;.')).toBe('Naïve → β-VAE, café & <tag>.');
  });
});
