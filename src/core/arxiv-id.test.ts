import { describe, expect, it } from 'vitest';
import { findArxivRef, parseArxivRef } from './arxiv-id.js';

describe('parseArxivRef', () => {
  it.each([
    ['2410.22304', '2410.22304', undefined],
    ['2410.22304v2', '2410.22304', 2],
    ['arXiv:2410.22304', '2410.22304', undefined],
    ['ARXIV: 2410.22304v3', '2410.22304', 3],
    ['oai:arXiv.org:2410.22304v1', '2410.22304', 1],
    ['0704.0001', '0704.0001', undefined],
    ['hep-th/9901001', 'hep-th/9901001', undefined],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.GT/0309136', 'math.GT/0309136', undefined],
    ['https://arxiv.org/abs/2410.22304', '2410.22304', undefined],
    ['https://arxiv.org/abs/2410.22304v2', '2410.22304', 2],
    ['http://www.arxiv.org/pdf/2410.22304v1.pdf', '2410.22304', 1],
    ['https://arxiv.org/pdf/2410.22304?download=true', '2410.22304', undefined],
    ['https://arxiv.org/html/2410.22304v1#S2', '2410.22304', 1],
    ['https://export.arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', undefined],
    ['https://huggingface.co/papers/2410.22304', '2410.22304', undefined],
    ['https://www.alphaxiv.org/abs/2410.22304v2', '2410.22304', 2],
    ['10.48550/arXiv.2410.22304', '2410.22304', undefined],
    ['https://doi.org/10.48550/arXiv.2410.22304', '2410.22304', undefined],
  ])('reads %s as %s', (input, id, version) => {
    expect(parseArxivRef(input)).toEqual(version ? { id, version } : { id });
  });

  it.each(['', 'hello', '2410.223', '12345.6789', 'https://example.com/abs/2410.22304', 'https://arxiv.org/list/cs.AI/new'])(
    'finds no id in %j',
    (input) => {
      expect(parseArxivRef(input)).toBeUndefined();
    },
  );
});

describe('findArxivRef', () => {
  it('finds an id in a link inside free text', () => {
    expect(findArxivRef('Paper: <a href="https://arxiv.org/abs/2410.21242v1">here</a>.')).toEqual({ id: '2410.21242', version: 1 });
  });
  it('finds an arXiv: mention in free text', () => {
    expect(findArxivRef('See arXiv:2410.21465 for details')).toEqual({ id: '2410.21465' });
  });
  it('does not read a version-like number or a date as an id', () => {
    expect(findArxivRef('Released 2024.10 with v1.2 of the code')).toBeUndefined();
  });
});
