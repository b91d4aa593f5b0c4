import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.js';

describe('canonicalUrl', () => {
  it('folds scheme, www, case of host, trailing slash, fragment and utm parameters', () => {
    const same = [
      'https://medium.com/towards-data-science/post-556cfb6d0632',
      'http://www.Medium.com/towards-data-science/post-556cfb6d0632/',
      'https://medium.com/towards-data-science/post-556cfb6d0632?utm_source=rss&utm_medium=feed#comments',
      'https://medium.com:443/towards-data-science/post-556cfb6d0632',
    ];
    for (const u of same) expect(canonicalUrl(u)).toBe('https://medium.com/towards-data-science/post-556cfb6d0632');
  });

  it('keeps meaningful query parameters, in a stable order', () => {
    expect(canonicalUrl('https://example.com/read?id=7&page=2&utm_campaign=x')).toBe('https://example.com/read?id=7&page=2');
    expect(canonicalUrl('https://example.com/read?page=2&id=7')).toBe('https://example.com/read?id=7&page=2');
  });

  it('rejects what is not an http(s) URL', () => {
    expect(canonicalUrl('not a url')).toBeUndefined();
    expect(canonicalUrl('ftp://example.com/file')).toBeUndefined();
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
  });
});
