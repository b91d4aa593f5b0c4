/**
 * Which new papers each subscription gets in one ingest cycle.
 *
 * Checking every subscription against every paper costs subscriptions × papers phrase searches
 * (10,000 × 1,000 = ten million). Instead the cycle's papers are folded once into an inverted
 * index: Latin words (a phrase word matches the words it starts, one range of the sorted words),
 * CJK characters and bigrams (a CJK phrase matches as a substring), categories and archives,
 * authors' family names. A subscription takes the papers in all of its terms' lists. For most
 * terms (one word, a category, a family name) being in the list is the same as matching; only
 * topics with other terms (multi-word phrases, longer CJK words, full author names) are checked
 * with matchPrepared, so the result is exactly what matchTopic gives.
 */
import { hasCjk } from './search-text.js';
import type { Candidate } from './select-papers.js';
import { matchPrepared, preparePaper, type PreparedPaper, type Topic } from './topic.js';

/** A subscription to match: its id and parsed topic. */
export type TopicSubscription = { id: number; topic: Topic };

/** A new paper of this cycle. */
export type MatchPaper = Candidate & { authors: string[] };

type List = readonly number[];
/** A paper must be in at least one of a group's lists. */
type Group = List[];
/** What a topic needs: one list of each group, none of the forbidden lists, and a verification unless exact. */
type Plan = { require: Group[]; forbid: List[]; exact: boolean };

/**
 * The cycle's papers by key: sorted paper indexes per Latin word piece, CJK character and
 * bigram, `cat:` category or archive and `au:` family name; the Latin pieces sorted, so that
 * the words a prefix starts are one range; and the lists already merged per prefix.
 */
type Index = { postings: Map<string, number[]>; words: string[]; byPrefix: Map<string, List>; count: number };

const NONE: List = [];

/**
 * Matches one cycle's papers against every subscription. Returns subscription id → ids of the
 * matching papers, in the papers' order; a subscription that matched nothing is left out.
 */
export function matchSubscriptions(subs: readonly TopicSubscription[], papers: readonly MatchPaper[]): Map<number, number[]> {
  const prepared = papers.map(preparePaper);
  const index = buildIndex(prepared);
  const out = new Map<number, number[]>();
  for (const { id, topic } of subs) {
    const plan = planFor(topic, index);
    const ids: number[] = [];
    for (const i of survivors(plan, index.count)) if (plan.exact || matchPrepared(topic, prepared[i]!)) ids.push(papers[i]!.id);
    if (ids.length > 0) out.set(id, ids);
  }
  return out;
}

function buildIndex(papers: PreparedPaper[]): Index {
  const postings = new Map<string, number[]>();
  const words: string[] = [];
  papers.forEach((paper, i) => {
    const add = (key: string, latin = false): void => {
      const list = postings.get(key);
      if (!list) {
        postings.set(key, [i]);
        if (latin) words.push(key);
      } else if (list[list.length - 1] !== i) list.push(i);
    };
    for (const word of new Set(paper.text.split(/[ \n]/u))) textKeys(word, add);
    for (const c of paper.categories) {
      add(`cat:${c}`);
      add(`cat:${c.split('.')[0]}`);
    }
    for (const name of paper.authors) add(`au:${name.at(-1)}`);
  });
  return { postings, words: words.sort(), byPrefix: new Map(), count: papers.length };
}

/**
 * Keys of a folded text word: its Latin pieces whole, the characters and bigrams of its CJK
 * pieces. A word splits where CJK meets Latin (`llm기반model`), since hasPhrase lets a Latin
 * phrase start right after a CJK character.
 */
function textKeys(word: string, add: (key: string, latin?: boolean) => void): void {
  if (!hasCjk(word)) return add(word, true);
  for (const { text, cjk } of pieces(word)) {
    if (!cjk) add(text, true);
    else {
      const chars = [...text];
      chars.forEach((c, i) => {
        add(c);
        if (i > 0) add(chars[i - 1]! + c);
      });
    }
  }
}

function pieces(word: string): { text: string; cjk: boolean }[] {
  const out: { text: string; cjk: boolean }[] = [];
  for (const c of word) {
    const cjk = hasCjk(c);
    const last = out[out.length - 1];
    if (last && last.cjk === cjk) last.text += c;
    else out.push({ text: c, cjk });
  }
  return out;
}

/**
 * The lists every paper containing a phrase word is in. Exact when being in them is the same as
 * containing the word: a Latin word (the papers with a word it starts), or one or two CJK
 * characters; a longer CJK word needs all its bigrams and then a check.
 */
function wordLists(word: string, index: Index): { lists: List[]; exact: boolean } {
  const [first, ...more] = pieces(word);
  if (!first) return { lists: [], exact: false };
  if (!first.cjk) return { lists: [prefixList(first.text, index)], exact: more.length === 0 };
  const chars = [...first.text];
  const keys = chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i]! + c);
  return { lists: keys.map((k) => index.postings.get(k) ?? NONE), exact: more.length === 0 && chars.length <= 2 };
}

/** The papers with a Latin word piece that starts with `prefix`, merged once per cycle. */
function prefixList(prefix: string, index: Index): List {
  let list = index.byPrefix.get(prefix);
  if (list) return list;
  const { words, postings } = index;
  const lists: List[] = [];
  for (let k = lowerBound(words, prefix); k < words.length && words[k]!.startsWith(prefix); k++) lists.push(postings.get(words[k]!)!);
  list = lists.length === 1 ? lists[0]! : union(lists, index.count);
  index.byPrefix.set(prefix, list);
  return list;
}

function planFor(topic: Topic, index: Index): Plan {
  const get = (key: string): List => index.postings.get(key) ?? NONE;
  const plan: Plan = { require: [], forbid: [], exact: true };
  for (const phrase of topic.phrases) {
    const words = phrase.split(' ').map((w) => wordLists(w, index));
    for (const { lists } of words) for (const list of lists) plan.require.push([list]);
    if (words.length !== 1 || !words[0]!.exact) plan.exact = false;
  }
  for (const phrase of topic.exclude) {
    const words = phrase.split(' ').map((w) => wordLists(w, index));
    if (words.length === 1 && words[0]!.exact) plan.forbid.push(...words[0]!.lists);
    else plan.exact = false;
  }
  if (topic.categories.length > 0) plan.require.push(topic.categories.map((c) => get(`cat:${c.toLowerCase()}`)));
  if (topic.authors.length > 0) {
    plan.require.push(topic.authors.map((a) => get(`au:${a.split(' ').at(-1)}`)));
    // A family name alone matches exactly the authors it ends; a fuller name needs checking.
    if (topic.authors.some((a) => a.includes(' '))) plan.exact = false;
  }
  return plan;
}

/** Paper indexes in one list of every required group and in no forbidden list, in order. */
function survivors({ require, forbid }: Plan, count: number): List {
  const size = (group: Group): number => group.reduce((n, list) => n + list.length, 0);
  const [driver, ...rest] = [...require].sort((a, b) => size(a) - size(b));
  // Only a hand-built topic has no required term; matchTopic then lets every paper through.
  const start = !driver ? Array.from({ length: count }, (_, i) => i) : driver.length === 1 ? driver[0]! : union(driver, count);
  if (rest.length === 0 && forbid.length === 0) return start;
  return start.filter((i) => rest.every((group) => group.some((list) => contains(list, i))) && !forbid.some((list) => contains(list, i)));
}

/** Sorted lists merged into one sorted list without repeats, by marking paper indexes. */
function union(lists: List[], count: number): number[] {
  const marked = new Uint8Array(count);
  for (const list of lists) for (const i of list) marked[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (marked[i]) out.push(i);
  return out;
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function contains(list: List, x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
