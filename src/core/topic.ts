/**
 * Subscription topics: what `subscribe <topic>` accepts and which papers a topic matches.
 *
 * A topic is a list of terms: `"quoted phrases"` and bare words (all must occur), `-word` or
 * `-"phrase"` (none may occur), `cat:cs.CL` (one of the categories) and `author:"Yann LeCun"`
 * (one of the authors; `au:` is arXiv's shorthand). Text is folded as search folds it (NFKC,
 * lower case, CJK runs via searchTokens) with Latin accents dropped, so width and case never matter.
 *
 * A phrase matches where it starts a word, and its last word may end inside one: `robot` finds
 * `robots`, `robotic` but not `chatbot`; `diffusion model` finds `diffusion models`. Korean
 * and Japanese do not separate words with spaces and attach particles (강화학습을), so a phrase
 * that starts with a CJK character matches anywhere, as a substring.
 */
import { UserError } from './commands.js';
import { hasCjk, searchTokens } from './search-text.js';

/** A parsed topic. The matching fields hold folded forms; `text` is what the user sees. */
export interface Topic {
  /** The topic as written, normalized (NFKC, one space between terms, straight quotes); parsing it again gives the same topic. */
  text: string;
  /** Folded phrases (lower-case words joined by one space); every one must occur. */
  phrases: string[];
  /** Folded phrases of which none may occur. */
  exclude: string[];
  /** arXiv categories in arXiv's case (`cs.CL`, `hep-th`, or a whole archive, `cs`); one must match if any. */
  categories: string[];
  /** Folded author names (`yann lecun`, `lecun`); one must match if any. */
  authors: string[];
}

/**
 * `maxLength`: the longest topic accepted, in characters after whitespace is collapsed.
 * `knownCategory`: called with the canonical category (`cs.CL`, `cs`); false rejects it.
 */
export type TopicOptions = { maxLength?: number; knownCategory?: (category: string) => boolean };

/** The fields of a paper a topic looks at. */
export type TopicPaper = { title: string; abstract: string | null; summaryText?: string; categories: string[]; authors: string[] };

/**
 * A paper folded once, so that many topics can be matched against it cheaply: `text` is the
 * folded words joined by spaces (title, abstract and summary on separate lines), `categories`
 * are lower case, `authors` holds each author's folded words.
 */
export type PreparedPaper = { text: string; categories: string[]; authors: string[][] };

type Kind = 'phrase' | 'exclude' | 'category' | 'author';
type Term = { kind: Kind; shown: string; value: string };

const QUOTES = /[“”„‟「」『』]/gu;
// One term: an optional minus, an optional field, then a quoted string (its closing quote may be
// missing: the rest of the input is then the phrase) or a bare word.
const TERM = /\s*(-?)(?:(cat|author|au):\s*)?(?:"([^"]*)"?|([^\s"]*))/iuy;
const CATEGORY = /^([a-z]+(?:-[a-z]+)*)(?:\.([a-z]+(?:-[a-z]+)*))?$/iu;
const BARE_SAFE = /^(?!-|(?:cat|author|au):)[^\s"]+$/iu;
const DIACRITICS = /[\u0300-\u036f]/gu;
const ASCII = /^\p{ASCII}*$/u;
const ASCII_GAP = /[^a-z0-9]+/u;
const GAP = /[^\p{L}\p{N}\p{M}]+/u;

/** Words as matching sees them: NFKC, lower case, Latin accents dropped, each CJK run whole. */
export function foldWords(text: string): string[] {
  // Without CJK, searchTokens's words are the letter and digit runs, which a split finds several
  // times faster; every new abstract is folded, so that matters. With CJK, searchTokens splits
  // runs into bigrams for the index and matching wants each run whole again.
  if (ASCII.test(text)) return text.toLowerCase().split(ASCII_GAP).filter(Boolean);
  const s = text.normalize('NFKC').toLowerCase();
  const words = hasCjk(s) ? searchTokens(s).map((g) => g.map((t, i) => (i === 0 ? t.text : [...t.text][1])).join('')) : s.split(GAP);
  // Only the combining diacritics block goes, so Japanese voiced marks (U+3099) and Hangul,
  // which NFD also decomposes, come back whole from NFC.
  return words.map((w) => (ASCII.test(w) ? w : w.normalize('NFD').replace(DIACRITICS, '').normalize('NFC'))).filter((w) => w !== '');
}

const foldText = (text: string): string => foldWords(text).join(' ');

/**
 * Parses what follows `subscribe`. Throws UserError `error.topic_too_long` {max},
 * `error.unknown_category` {category}, `error.topic_negated_filter` {term} (`-cat:`, `-author:`)
 * and `error.topic_empty` when nothing is left to look for (only exclusions, or only punctuation).
 */
export function parseTopic(text: string, options: TopicOptions = {}): Topic {
  const { maxLength = 200 } = options;
  const input = text.normalize('NFKC').replace(QUOTES, '"').replace(/\s+/gu, ' ').trim();
  if ([...input].length > maxLength) throw new UserError('error.topic_too_long', { max: maxLength });
  const terms = new Map<string, Term>();
  const scanner = new RegExp(TERM);
  for (let m = scanner.exec(input); m && m[0] !== ''; m = scanner.exec(input)) {
    // A repeated term is dropped; the first spelling is the one shown.
    for (const t of toTerms(m, options)) if (!terms.has(`${t.kind}:${t.value}`)) terms.set(`${t.kind}:${t.value}`, t);
  }
  const list = [...terms.values()];
  if (!list.some((t) => t.kind !== 'exclude')) throw new UserError('error.topic_empty');
  const values = (kind: Kind) => list.filter((t) => t.kind === kind).map((t) => t.value);
  const shown = list.map((t) => render(t.kind, t.shown)).join(' ');
  return { text: shown, phrases: values('phrase'), exclude: values('exclude'), categories: values('category'), authors: values('author') };
}

function toTerms(m: RegExpExecArray, options: TopicOptions): Term[] {
  const [whole, minus, field, quoted, bare] = m;
  const shown = (quoted ?? bare ?? '').trim();
  // `cat:`, `author:`, `-` or `""` on their own say nothing; they are dropped, not an error.
  if (!shown) return [];
  const kind = field?.toLowerCase();
  if (kind && minus) throw new UserError('error.topic_negated_filter', { term: whole.trim() });
  if (kind === 'cat') return shown.split(',').filter(Boolean).map((c) => categoryTerm(c, options));
  const value = foldText(kind ? unComma(shown) : shown);
  if (!value) return [];
  return [{ kind: kind ? 'author' : minus ? 'exclude' : 'phrase', shown, value }];
}

function categoryTerm(raw: string, { knownCategory }: TopicOptions): Term {
  const m = CATEGORY.exec(raw);
  if (!m) throw new UserError('error.unknown_category', { category: raw });
  const [, archive = '', subject] = m;
  // arXiv writes subject classes of two letters in capitals (cs.CL, math.GT, astro-ph.GA) and
  // the longer physics and cond-mat ones in lower case (physics.optics, cond-mat.mes-hall).
  const value = archive.toLowerCase() + (subject ? `.${subject.length === 2 ? subject.toUpperCase() : subject.toLowerCase()}` : '');
  if (knownCategory && !knownCategory(value)) throw new UserError('error.unknown_category', { category: value });
  return { kind: 'category', shown: value, value };
}

/** "LeCun, Yann" → "Yann LeCun": bibliographies put the family name first. */
function unComma(name: string): string {
  const parts = name.split(',');
  return parts.length === 2 ? `${parts[1]} ${parts[0]}` : name;
}

function render(kind: Kind, shown: string): string {
  const term = BARE_SAFE.test(shown) ? shown : `"${shown}"`;
  if (kind === 'category') return `cat:${shown}`;
  if (kind === 'author') return `author:${term}`;
  return kind === 'exclude' ? `-${term}` : term;
}

/**
 * A canonical string for duplicate detection: folded terms, sorted, without repeats. Two
 * topics that differ only in case, width, quoting or term order get the same key.
 */
export function topicKey(topic: Topic): string {
  const sorted = (kind: Kind, values: string[]) => [...new Set(values)].sort().map((v) => render(kind, v));
  const { phrases, exclude, categories, authors } = topic;
  return [...sorted('phrase', phrases), ...sorted('exclude', exclude), ...sorted('category', categories), ...sorted('author', authors)].join(' ');
}

/** Folds a paper once for matchPrepared. */
export function preparePaper(paper: TopicPaper): PreparedPaper {
  // A line break between fields keeps a phrase from running from the title into the abstract.
  const text = [paper.title, paper.abstract ?? '', paper.summaryText ?? ''].map(foldText).join('\n');
  const authors = paper.authors.map((a) => foldWords(unComma(a))).filter((words) => words.length > 0);
  return { text, categories: paper.categories.map((c) => c.toLowerCase()), authors };
}

/** Whether a topic matches a paper; see the file comment for the rules. */
export function matchTopic(topic: Topic, paper: TopicPaper): boolean {
  return matchPrepared(topic, preparePaper(paper));
}

/** matchTopic for a paper folded by preparePaper. */
export function matchPrepared(topic: Topic, paper: PreparedPaper): boolean {
  if (topic.categories.length > 0 && !topic.categories.some((c) => inCategory(c.toLowerCase(), paper.categories))) return false;
  if (topic.authors.length > 0 && !topic.authors.some((a) => paper.authors.some((name) => sameAuthor(a.split(' '), name)))) return false;
  return topic.phrases.every((p) => hasPhrase(paper.text, p)) && !topic.exclude.some((p) => hasPhrase(paper.text, p));
}

// A whole archive (`cs`) contains its subject classes (`cs.CL`).
const inCategory = (c: string, categories: string[]): boolean => categories.some((p) => p === c || p.startsWith(`${c}.`));

/**
 * A term names an author if it is the end of the name (`lecun`, `le cun`, `van der maaten`), or
 * if the family names agree and one first name is the other's initial (`y lecun`); middle names
 * are not compared.
 */
function sameAuthor(term: string[], name: string[]): boolean {
  const offset = name.length - term.length;
  if (offset >= 0 && term.every((w, i) => w === name[offset + i])) return true;
  if (term.length < 2 || name.length < 2 || term.at(-1) !== name.at(-1)) return false;
  const [a = '', b = ''] = [term[0], name[0]];
  return a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/** Whether a folded phrase occurs in folded text, starting a word unless it starts with CJK. */
export function hasPhrase(text: string, phrase: string): boolean {
  const anywhere = hasCjk(String.fromCodePoint(phrase.codePointAt(0) ?? 32));
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    if (anywhere || at === 0) return true;
    const before = charBefore(text, at);
    // Latin after a CJK character inside one token (`llm기반model`) starts a word too; no CJK
    // character is below U+1100, which spares the regular expression for most letters.
    if (before === ' ' || before === '\n' || (before.charCodeAt(0) >= 0x1100 && hasCjk(before))) return true;
  }
  return false;
}

// Whole even outside the BMP, where the rarer CJK ideographs are.
function charBefore(text: string, at: number): string {
  const code = text.charCodeAt(at - 1);
  return at >= 2 && code >= 0xdc00 && code <= 0xdfff ? text.slice(at - 2, at) : text.charAt(at - 1);
}
