/**
 * Title normalization for joining id-less entries (a Japanese blog post) to the paper
 * known by its arXiv id: Unicode NFKC, case, LaTeX markup, punctuation and white space
 * are folded, so `$\textbf{S}$elf-Imitative  RL` and `Self-imitative RL` are equal.
 */

export function normalizeTitle(title: string): string {
  return stripLatex(title.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function stripLatex(s: string): string {
  return s
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
