import { generateCorpus } from './generate-corpus.js';
import { evaluate } from './evaluate.js';
import { DEFAULT_MODEL_SETTINGS } from '../../src/core/personal-ranking/profile-model.js';
import { DEFAULT_BLEND } from '../../src/core/personal-ranking/rank-day.js';
const c = generateCorpus({ seed: 101, days: 24, papersPerDay: [250, 450], areas: 6, topicsPerArea: 8, lists: 10 });
const variants = JSON.parse(process.argv[2] ?? '[{}]');
for (const v of variants) {
  const t = performance.now();
  const cfg = { model: { ...DEFAULT_MODEL_SETTINGS, ...(v.model ?? {}) }, blend: { ...DEFAULT_BLEND, ...(v.blend ?? {}) } };
  const r = ['en', 'ko'].map((lang) => evaluate(c, lang as 'en', cfg, ['paperboy']).paperboy.recall);
  console.log(JSON.stringify(v), r.map((x) => x.toFixed(3)).join(' '), `${((performance.now() - t) / 1000).toFixed(1)}s`);
}
