// Module hooks for a Node without type stripping (Node 20, and 22 before 22.18), registered by
// bin/load-typescript.js with module.register (they run on Node's hooks thread). A `.ts` file is
// compiled by esbuild (the one tsx depends on) with an inline source map, and the result is kept
// in the cache of bin/typescript-cache.js under the hash of the file's path and text and of
// esbuild's version: after the first start nothing is compiled and esbuild is not even loaded.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cachedCompile, ownCacheDir } from './typescript-cache.js';

const requireFromTsx = createRequire(createRequire(import.meta.url).resolve('tsx'));
let cacheDir;
let esbuildVersion;

export function initialize(data) {
  cacheDir = data?.cacheDir && ownCacheDir(data.cacheDir);
  if (cacheDir) esbuildVersion = JSON.parse(readFileSync(requireFromTsx.resolve('esbuild/package.json'), 'utf8')).version;
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent?.endsWith('.ts') && specifier.endsWith('.js') && (specifier.startsWith('./') || specifier.startsWith('../'))) {
    const ts = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(ts)) return nextResolve(ts.href, context);
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !(url.endsWith('.ts') || url.endsWith('.mts'))) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = readFileSync(path, 'utf8');
  const compile = () => compileTypeScript(source, path);
  // The path is part of the key: the inline source map names the file.
  const code = cacheDir ? await cachedCompile(cacheDir, `esbuild ${esbuildVersion}\0${path}\0${source}`, compile) : await compile();
  return { format: 'module', source: code, shortCircuit: true };
}

async function compileTypeScript(source, path) {
  const esbuild = requireFromTsx('esbuild');
  const { code } = await esbuild.transform(source, {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    sourcefile: path,
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
  });
  return code;
}
