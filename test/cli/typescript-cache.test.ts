/**
 * bin/load-typescript.js on the Node running the tests (20: esbuild hooks; 22: Node's stripping
 * plus our cache; 24: Node's stripping and compile cache): `.ts` files run with `./x.js`
 * imports, an edited file is never served old code (even with the same size and time stamp),
 * and a cache folder that others can write to is not used (ADR 2).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOADER = new URL('../../bin/load-typescript.js', import.meta.url).href;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-ts-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'dep.ts'), 'export const word: string = "one";\n');
  return dir;
}

function run(dir: string, cache: string): { out: string; err: string; code: number | null } {
  const r = spawnSync(process.execPath, ['--import', LOADER, join(dir, 'main.ts')], { encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: cache } });
  return { out: r.stdout.trim(), err: r.stderr, code: r.status };
}

/** Every file under `dir`, recursively. */
const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

describe('running the TypeScript sources through bin/load-typescript.js', () => {
  it('runs .ts files importing ./x.js, and an edit with the same size and time stamp is never served old code', () => {
    const dir = project();
    const cache = mkdtempSync(join(tmpdir(), 'paperboy-ts-cache-'));
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'import { word } from "./dep.js";\nconst n: number = 1;\nconsole.log(word, n);\n');
    expect(run(dir, cache)).toMatchObject({ out: 'one 1', code: 0, err: '' });
    expect(run(dir, cache)).toMatchObject({ out: 'one 1', code: 0, err: '' });
    const { atime, mtime } = statSync(main);
    writeFileSync(main, 'import { word } from "./dep.js";\nconst n: number = 2;\nconsole.log(word, n);\n');
    utimesSync(main, atime, mtime);
    expect(run(dir, cache)).toMatchObject({ out: 'one 2', code: 0, err: '' });
    // Something was cached (by Node's compile cache, ours, or both), so the second run above was served from it.
    expect(files(cache).length).toBeGreaterThan(0);
  });

  it('keeps no code in a cache folder others can write to', () => {
    const dir = project();
    const main = join(dir, 'main.ts');
    writeFileSync(main, 'import { word } from "./dep.js";\nconsole.log(word as string, 1);\n');
    const cache = mkdtempSync(join(tmpdir(), 'paperboy-ts-cache-'));
    expect(run(dir, cache)).toMatchObject({ out: 'one 1', code: 0 });
    // Our folders (Node 20: typescript-esbuild-<version>; Node 22: typescript-stripped inside
    // Node's compile cache), emptied and made world-writable, as another user could have made them.
    const ours = readdirSync(cache, { recursive: true, withFileTypes: true })
      .filter((e) => e.isDirectory() && /^typescript-(esbuild|stripped)/.test(e.name))
      .map((e) => join(e.parentPath, e.name));
    if (Number(process.versions.node.split('.')[0]) < 23) expect(ours.length).toBe(1);
    for (const folder of ours) {
      for (const f of readdirSync(folder)) rmSync(join(folder, f));
      chmodSync(folder, 0o777);
    }
    writeFileSync(main, 'import { word } from "./dep.js";\nconsole.log(word as string, 2);\n');
    expect(run(dir, cache)).toMatchObject({ out: 'one 2', code: 0 });
    for (const folder of ours) expect(readdirSync(folder)).toEqual([]);
  });
});
