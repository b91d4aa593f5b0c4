import { describe, expect, it } from 'vitest';
import { configuredLabel, generatedModel, sourceLabel, summaryLabel } from './source-label.js';
import type { Localizer } from './translate.js';

function fakeLocalizer(locale: string): Localizer {
  return {
    locale,
    t: (key, params) => `${locale}:${key}${params ? `(${Object.values(params).join(',')})` : ''}`,
    formatDate: () => '',
    formatDateTime: () => '',
    formatNumber: (n) => String(n),
  };
}
const [en, ko] = [fakeLocalizer('en'), fakeLocalizer('ko-KR')];

describe('sourceLabel: what a card credits', () => {
  it('uses the configured label, per language when it is a map (English, then the first, when the language is missing)', () => {
    const label = { en: 'Daily Papers (Korean)', ko: '데일리 페이퍼' };
    expect(sourceLabel('daily-papers-ko', { label }, ko)).toBe('데일리 페이퍼');
    expect(sourceLabel('daily-papers-ko', { label }, en)).toBe('Daily Papers (Korean)');
    expect(sourceLabel('daily-papers-ko', { label }, fakeLocalizer('ja'))).toBe('Daily Papers (Korean)');
    expect(configuredLabel({ ko: '데일리 페이퍼' }, 'ja')).toBe('데일리 페이퍼');
    expect(sourceLabel('x', { label: 'My feed', format: 'rss', title: 'Lab blog' }, ko)).toBe('My feed');
  });

  it('names Hugging Face and arXiv sources by what they are, with the arXiv category from the URL or the feed title', () => {
    expect(sourceLabel('hf', { format: 'hf-daily', url: 'https://huggingface.co/api/daily_papers?limit=100' }, en)).toBe('Hugging Face Daily Papers');
    expect(sourceLabel('https://huggingface.co/api/daily_papers', {}, en)).toBe('Hugging Face Daily Papers');
    expect(sourceLabel('https://rss.arxiv.org/rss/cs.CL', {}, en)).toBe('arXiv cs.CL');
    expect(sourceLabel('a', { format: 'arxiv-rss', url: 'https://rss.arxiv.org/rss/cs.AI+cs.CL' }, en)).toBe('arXiv cs.AI, cs.CL');
    expect(sourceLabel('a', { format: 'arxiv-atom', url: 'https://export.arxiv.org/api/query?search_query=cat:cs.LG&max_results=50' }, en)).toBe('arXiv cs.LG');
    expect(sourceLabel('/data/cs.CL.xml', { format: 'arxiv-rss', title: 'cs.CL updates on arXiv.org' }, en)).toBe('arXiv cs.CL');
    expect(sourceLabel('/data/feed.xml', { format: 'arxiv-atom' }, en)).toBe('arXiv');
  });

  it('names a feed or digest by its own title, else by its host, never by its URL query', () => {
    expect(sourceLabel('https://lab.example/feed.xml?token=s3cret', { format: 'rss', title: 'Example Lab  Blog\n' }, en)).toBe('Example Lab Blog');
    expect(sourceLabel('https://www.lab.example/feed.xml?token=s3cret', { format: 'rss' }, en)).toBe('lab.example');
    expect(sourceLabel('ko', { format: 'ko-digest', url: 'https://digest.example/2024-10-30.md' }, en)).toBe('digest.example');
    expect(sourceLabel('ja', { format: 'ja-blog', url: 'https://ja.example/feed' }, en)).toBe('ja.example');
  });

  it('never shows a file path or a config key: a source without an address gets its kind, localized', () => {
    expect(sourceLabel('/home/me/digests/2024', { format: 'ko-digest' }, ko)).toBe('ko-KR:source.kind.ko-digest');
    expect(sourceLabel('./ja/2025-02-24.txt', { format: 'ja-blog' }, en)).toBe('en:source.kind.ja-blog');
    expect(sourceLabel('daily-papers-ko', {}, en)).toBe('en:source.kind.other');
    expect(sourceLabel('C:\\digests\\a.md', { format: 'ko-digest', title: '/home/me/a.md' }, en)).toBe('en:source.kind.ko-digest');
    // An article post's title is the article's, not the source's.
    expect(sourceLabel('posts', { format: 'article-md', title: 'How RL works' }, en)).toBe('en:source.kind.article-md');
  });

  it('credits a generated summary to its model', () => {
    expect(generatedModel('llm:qwen2.5:7b@v1')).toBe('qwen2.5:7b');
    expect(summaryLabel({ source: 'llm:gpt-4o-mini@v2', origin: 'generated' }, en, () => 'unused')).toBe('en:source.generated(gpt-4o-mini)');
    expect(summaryLabel({ source: 'hf', origin: 'source' }, en, (s) => `label(${s})`)).toBe('label(hf)');
  });
});
