/**
 * Title normalization for joining id-less entries (a Japanese blog post) to the paper
 * known by its arXiv id: Unicode NFKC, case, LaTeX markup, punctuation and white space
 * are folded, so `$\textbf{S}$elf-Imitative  RL` and `Self-imitative RL` are equal.
 */

export function normalizeTitle(title: string): string {
  return stripLatex(latexAccents(title).normalize('NFKC'))
    // Format characters (zero-width space, soft hyphen, word joiner, BOM) are invisible in a title.
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

// TeX accent commands and the combining mark each one stands for: `Schr\\"odinger` is `Schrödinger`.
const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
};

/** `\\"o`, `\\"{o}`, `{\\"o}`, `\\c{c}`, `\\v s` → the accented letter (composed later by NFKC). */
function latexAccents(s: string): string {
  return s.replace(/\{?\\(["'`^~=.]|[uvHck](?![a-zA-Z]))\s*(?:\{\s*([a-zA-Z])\s*\}|([a-zA-Z]))\}?/g, (whole, cmd: string, braced?: string, bare?: string) => {
    const mark = ACCENTS[cmd];
    return mark ? `${braced ?? bare ?? ''}${mark}` : whole;
  });
}

const GREEK_NAMES = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi omega';
const GREEK = new Map<string, string>(
  GREEK_NAMES.split(' ').flatMap((name, i) => {
    const lower = 'αβγδεζηθικλμνξπρστυφχψω'[i] ?? '';
    return [[name, lower], [`var${name}`, lower], [name[0]!.toUpperCase() + name.slice(1), lower.toUpperCase()]] as [string, string][];
  }),
);

function stripLatex(s: string): string {
  return s
    // `$\alpha$-Scaling` is `α-Scaling`, not `-Scaling`.
    .replace(/\\([a-zA-Z]+)(?![a-zA-Z])/g, (whole, name: string) => GREEK.get(name) ?? whole)
    .replace(/\\(?:textbf|textit|texttt|mathrm|mathbf|mathcal|emph|text|operatorname|mathit|textsc)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/\\[a-zA-Z]+\s*/g, ' ')
    .replace(/[$]/g, '')
    .replace(/[{}]/g, '');
}

/** Dice coefficient of character bigrams of two normalized titles: 1 = identical. */
export function titleSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string): Map<string, number> => {
    const m = new Map<string, number>();
    const t = s.replace(/ /g, '');
    for (let i = 0; i < t.length - 1; i++) {
      const g = t.slice(i, i + 2);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let overlap = 0;
  let total = 0;
  for (const [g, n] of ga) {
    overlap += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * overlap) / total;
}

/** The family name of an author as written ("Yann LeCun" → "lecun"), for author confirmation. */
export function authorSurname(name: string): string {
  const n = name.normalize('NFKC').trim().toLowerCase();
  if (n.includes(',')) return (n.split(',')[0] ?? '').trim();
  const parts = n.split(/\s+/);
  return (parts[parts.length - 1] ?? '').replace(/[^\p{L}\p{N}-]/gu, '');
}
