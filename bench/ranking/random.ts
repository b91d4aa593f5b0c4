/** A seeded random source (mulberry32) and the draws the corpus generator needs. */
export interface Random {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  /** Index drawn with probability ∝ 1/(rank+1)^s (Zipf). */
  zipf(n: number, s?: number): number;
  normal(): number;
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const zipfTables = new Map<string, Float64Array>();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    zipf(n, s = 1) {
      const key = `${n}:${s}`;
      let cdf = zipfTables.get(key);
      if (!cdf) {
        cdf = new Float64Array(n);
        let total = 0;
        for (let i = 0; i < n; i++) cdf[i] = total += 1 / (i + 1) ** s;
        for (let i = 0; i < n; i++) cdf[i]! /= total;
        zipfTables.set(key, cdf);
      }
      const u = next();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    normal() {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
