import { describe, expect, it } from 'vitest';
import { isPaperboyActionId, paperActionId, parsePaperActionId, reactionVote, voteValue } from './paper-actions.js';

describe('paper action ids', () => {
  it('round-trip and stay within Discord custom_id limits', () => {
    for (const verb of ['up', 'down', 'undo', 'similar'] as const) {
      const id = paperActionId({ verb, paperId: 9_007_199_254_740 });
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parsePaperActionId(id)).toEqual({ verb, paperId: 9_007_199_254_740 });
    }
  });

  it('refuse foreign, malformed and future ids, but know their own family', () => {
    for (const id of ['search|1|x', 'pb1:up:', 'pb1:up:0', 'pb1:up:12a', 'pb1:zap:3', 'pb2:up:3', 'pb1:up:3:extra']) expect(parsePaperActionId(id)).toBeUndefined();
    expect(isPaperboyActionId('pb2:up:3')).toBe(true);
    expect(isPaperboyActionId('search|1|x')).toBe(false);
  });

  it('map verbs and reactions to votes', () => {
    expect([voteValue('up'), voteValue('down'), voteValue('undo'), voteValue('similar')]).toEqual([1, -1, 0, undefined]);
    expect([reactionVote('👍'), reactionVote('+1'), reactionVote('thumbsdown'), reactionVote('🎉')]).toEqual([1, 1, -1, undefined]);
  });
});
