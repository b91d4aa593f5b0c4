// Lets Node run the TypeScript sources in src/ as they are (see docs/adr/0002-run-typescript-with-tsx.md).
// Node >= 22.18 strips types itself; then the only help it needs is a resolve hook mapping the
// sources' `./x.js` imports to `./x.ts`, run in-thread (module.registerHooks). Older Node (20)
// gets bin/typescript-hooks.js on Node's hooks thread, compiling with esbuild on a cache miss.
// Compiled code is cached by content hash (V8's compile cache, bin/typescript-cache.js), so
// nothing can go stale and there is no build step.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nativeTypeScript = process.features.typescript === 'strip' || process.features.typescript === 'transform';
const cacheOff = process.env.NODE_DISABLE_COMPILE_CACHE === '1';

// V8 keeps the compiled code of every module loaded (ours, zod, yaml, ...) in
// $TMPDIR/node-compile-cache (Node >= 22.1; NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Each entry is checked against its source's hash, so it cannot go stale. From
// Node 23 it keeps the type-stripped code of .ts files too; Node 22 strips every file at every
// start (loading its wasm stripper, amaro, to do so), hence the load hook below.
module.enableCompileCache?.();

if (nativeTypeScript && typeof module.registerHooks === 'function') {
  // Node 22 only (23+ keeps stripped code in its compile cache itself): each .ts file's
  // type-stripped code, in a folder inside V8's compile cache for this Node version.
  const compileCache = module.getCompileCacheDir?.();
  const ownCache = compileCache && Number(process.versions.node.split('.')[0]) < 23 && typeof module.stripTypeScriptTypes === 'function' && (await import('./typescript-cache.js'));
  const strippedDir = ownCache ? ownCache.ownCacheDir(join(compileCache, 'typescript-stripped')) : undefined;
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (parent?.endsWith('.ts') && specifier.endsWith('.js') && (specifier.startsWith('./') || specifier.startsWith('../'))) {
        const ts = new URL(`${specifier.slice(0, -3)}.ts`, parent);
        if (existsSync(ts)) return nextResolve(ts.href, context);
      }
      return nextResolve(specifier, context);
    },
    ...(strippedDir && {
      load(url, context, nextLoad) {
        const loaded = nextLoad(url, context);
        if (loaded.format !== 'module-typescript') return loaded;
        const source = String(loaded.source);
        return { format: 'module', source: ownCache.cachedCompile(strippedDir, source, () => strip(source)) };
      },
    }),
  });
} else {
  // Same switches as Node's compile cache: NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  const cacheDir = cacheOff ? undefined : join(process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache'), `typescript-esbuild-${process.version}`);
  module.register('./typescript-hooks.js', { parentURL: import.meta.url, data: { cacheDir } });
  // Stack traces point into the .ts files, through the inline source maps.
  process.setSourceMapsEnabled(true);
}

/** The source with its types blanked out: the call Node makes when it loads a .ts file. */
function strip(source) {
  // stripTypeScriptTypes warns that it is experimental; Node's own stripping of the same file
  // would not, so the warning is held back for this call.
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return module.stripTypeScriptTypes(source, { mode: 'strip' });
  } finally {
    process.emitWarning = emitWarning;
  }
}
