/** Stored papers with the titles and authors an export must survive: Korean, Japanese, LaTeX, braces, none at all. */
import type { SourceEntry } from '../../src/core/types.js';
import type { Stores } from '../../src/main.js';
import type { SavedOwner } from '../../src/db/saved-store.js';
import { createSavedStore } from '../../src/db/saved-store.js';
import { paper } from '../pipeline/digest-setup.js';

export const ODD_PAPERS: SourceEntry[] = [
  paper(11, 5, { title: '강화학습 기반 검색: 대규모 언어 모델', authors: ['김철수', 'Younghee Park'], abstract: '검색 품질을 높이는 방법을 제안한다.' }),
  paper(12, 4, { title: '大規模言語モデルによる論文推薦', authors: ['山田太郎'], abstract: '論文推薦の新しい手法。' }),
  paper(13, 3, { title: 'Scaling $O(n^2)$ attention {faster} & 50% cheaper with \\emph{sparse} #tricks_', authors: ['Jürgen Schmidhuber', 'Ludwig van Beethoven', 'A. N. Other Jr.'], abstract: 'Costs fall by 50% & more; see {appendix} \\cite{x}.' }),
  paper(14, 2, { title: 'An unbalanced { brace in a title', authors: [], abstract: undefined }),
  paper(15, 1, { title: 'No abstract, no authors, no date', authors: [], abstract: undefined }),
];

/** Ingests `entries` and saves each for `owner`, one second apart (the first saved first). */
export function saveAll(stores: Stores, owner: SavedOwner, entries: SourceEntry[] = ODD_PAPERS, start = Date.parse('2024-10-30T00:00:00Z')): number[] {
  stores.ingest.applyEntries('arxiv', 'arxiv-rss', entries, '2024-10-30T00:00:00Z');
  const saved = createSavedStore(stores.db);
  return entries.map((e, i) => {
    const id = stores.reader.getByKey(e.entryKey)!.id;
    saved.save(owner, id, 'command', new Date(start + i * 1000).toISOString());
    return id;
  });
}
