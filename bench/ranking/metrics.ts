/** recall@k and nDCG@k (binary relevance) of one ranked day against the day's relevant papers. */
export function recallAt(k: number, ranked: number[], relevant: Set<number>): number {
  if (relevant.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

export function ndcgAt(k: number, ranked: number[], relevant: Set<number>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal ? dcg / ideal : 0;
}
