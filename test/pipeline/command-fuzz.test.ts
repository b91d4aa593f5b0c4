import { describe, expect, it } from 'vitest';
import { answerText, setupCommands } from './command-setup.js';

const PIECES = [
  'search', 'show', 'today', 'subscribe', 'unsubscribe', 'subscriptions', 'settings', 'status', 'help', 'channel', '--channel',
  '--page', 'language', 'time', '"', '“', '」', '*', '-', ':', 'NEAR(', ')', '(', 'OR', 'AND', 'NOT', "'; DROP TABLE papers; --",
  'cat:', 'author:', 'cat:cs.CL', 'author:"Yann LeCun"', '검색', '강화학습', '検索', 'ロボット', '2410.20001v2', 'arXiv:', 'https://arxiv.org/abs/',
  '<!channel>', '@everyone', '\u0000', '\u202e', '🙂', '08:30', 'Asia/Seoul', 'ko', 'ja', '99999999999999999999', '%', '_', '\\', '\n',
];

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function randomInput(r: () => number): string {
  if (r() < 0.01) return 'search ' + 'ｘ'.repeat(10_000);
  const n = 1 + Math.floor(r() * 6);
  const parts = Array.from({ length: n }, () => (r() < 0.15 ? String.fromCodePoint(Math.floor(r() * 0x2ffff)) : PIECES[Math.floor(r() * PIECES.length)]!));
  return parts.join(r() < 0.5 ? ' ' : '');
}

describe('command fuzzing', () => {
  it('answers 10,000 random commands without crashing, localized, each well within the 3 s deadline', () => {
    const t = setupCommands();
    const r = rng(20241030);
    const locales = ['ko', 'ja', 'en-US'];
    let slowest = 0;
    for (let i = 0; i < 10_000; i++) {
      const text = randomInput(r);
      const started = performance.now();
      const a = t.run(text, { platformLocale: locales[i % 3]!, canManageChannel: i % 2 === 0 });
      slowest = Math.max(slowest, performance.now() - started);
      const shown = answerText(a);
      expect(shown.length, text).toBeGreaterThan(0);
      // A raw message key or an internal error never reaches the user.
      expect(shown, text).not.toMatch(/\b(error|help|status|settings|search)\.[a-z_]+\b|SQLITE|TypeError|at .*\.ts:\d+/);
      if (a.error === 'error.generic') throw new Error(`unexpected internal error for ${JSON.stringify(text)}`);
    }
    expect(slowest).toBeLessThan(3000);
    // The store survived every input.
    expect(t.stores.reader.counts().papers).toBe(2);
  });
});
