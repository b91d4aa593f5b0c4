import { describe, expect, it } from 'vitest';
import { knownItemQuery } from './known-item.js';

describe('knownItemQuery', () => {
  it('reads an arXiv id in every form as its record key', () => {
    for (const q of ['2407.10671', ' arXiv:2407.10671v2 ', 'https://arxiv.org/pdf/2407.10671v1', 'https://huggingface.co/papers/2407.10671']) {
      expect(knownItemQuery(q).keys[0], q).toBe('arxiv:2407.10671');
    }
  });

  it('reads a web address as an article key, without tracking parameters', () => {
    expect(knownItemQuery('https://www.Example.com/post/?utm_source=x').keys[0]).toBe('url:https://example.com/post');
  });

  it('folds a title as dedupe does: case, punctuation, LaTeX and white space', () => {
    const q = knownItemQuery('  $\\textbf{Q}$wen2:  Technical—Report ');
    expect(q.titleNorm).toBe('qwen2 technical report');
    expect(q.keys).toEqual(['title:qwen2 technical report']);
  });

  it('names nothing for punctuation alone', () => {
    expect(knownItemQuery('?!')).toEqual({ keys: [] });
  });
});
