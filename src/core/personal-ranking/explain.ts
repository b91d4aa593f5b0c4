/**
 * Why a paper is ranked where it is, read off the model that scored it: the liked paper it is
 * nearest to, the terms whose weight × presence added most to its score (CJK bigrams joined back
 * into the words they come from), and a liked author. No separate logic that could disagree.
 */
import { authorTerm, type RankDoc } from './features.js';
import type { ProfileModel } from './profile-model.js';
import type { SparseVector, VectorSpace } from './vector-space.js';

export interface RankReason {
  /** The liked paper this one is most like (shown when similar enough). */
  like?: { id: number; title: string };
  /** Words of this paper that weigh most in the profile, best first (at most 3). */
  terms: string[];
  /** An author of this paper whom the profile likes. */
  author?: string;
}

/** Below this cosine a nearest liked paper is not "like" this one in any way a reader would see. */
export const MIN_LIKE_SIMILARITY = 0.2;
const MAX_TERMS = 3;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005\u3006]+/gu;
const IS_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005\u3006]{2}$/u;

function weightOf(model: ProfileModel, term: number): number {
  const { idx, val } = model.weights;
  let lo = 0;
  let hi = idx.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (idx[mid] === term) return val[mid]!;
    if (idx[mid]! < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** The CJK word around `bigram` in the paper's texts: the longest run of liked bigrams holding it. */
function cjkWord(texts: string[], bigram: string, liked: (bigram: string) => boolean): string {
  for (const text of texts) {
    for (const m of text.normalize('NFKC').toLowerCase().matchAll(CJK_RUN)) {
      const chars = [...m[0]];
      for (let i = 0; i + 1 < chars.length; i++) {
        if (chars[i]! + chars[i + 1]! !== bigram) continue;
        let start = i;
        let end = i + 1;
        while (start > 0 && liked(chars[start - 1]! + chars[start]!)) start--;
        while (end + 1 < chars.length && liked(chars[end]! + chars[end + 1]!)) end++;
        return chars.slice(start, end + 1).join('');
      }
    }
  }
  return bigram;
}

export function explainRank(input: {
  candidate: RankDoc;
  vector: SparseVector;
  model: ProfileModel;
  space: VectorSpace;
  nearest?: { doc: RankDoc; similarity: number };
}): RankReason {
  const { candidate, vector, model, space, nearest } = input;
  const contributions: { term: string; value: number }[] = [];
  for (let k = 0; k < vector.idx.length; k++) {
    const value = weightOf(model, vector.idx[k]!) * vector.val[k]!;
    if (value > 0) contributions.push({ term: space.terms[vector.idx[k]!]!, value });
  }
  contributions.sort((a, b) => b.value - a.value || (a.term < b.term ? -1 : 1));
  const liked = (term: string): boolean => {
    const i = space.index.get(term);
    return i !== undefined && weightOf(model, i) > 0;
  };
  const texts = [candidate.title, ...(candidate.summaries ?? []), candidate.abstract ?? ''];
  const terms: string[] = [];
  for (const { term } of contributions) {
    if (terms.length >= MAX_TERMS) break;
    if (term.startsWith('@') || term.startsWith('#')) continue;
    const word = IS_CJK.test(term) ? cjkWord(texts, term, liked) : term;
    if (!terms.some((t) => t.includes(word) || word.includes(t))) terms.push(word);
  }
  const authorHit = contributions.find((c) => c.term.startsWith('@'));
  const author = authorHit ? candidate.authors?.find((a) => authorTerm(a) === authorHit.term) : undefined;
  const reason: RankReason = { terms };
  if (nearest && nearest.similarity >= MIN_LIKE_SIMILARITY) reason.like = { id: nearest.doc.id, title: nearest.doc.title };
  if (author) reason.author = author;
  return reason;
}
