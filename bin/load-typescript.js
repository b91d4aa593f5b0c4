// Lets Node run the TypeScript sources in src/ as they are (see docs/adr/0002-run-typescript-with-tsx.md).
// Node >= 22.18 strips types itself; then the only help it needs is a resolve hook mapping the
// sources' `./x.js` imports to `./x.ts`, run in-thread (module.registerHooks). Older Node (20) gets
// tsx's loader, which compiles each file with esbuild (cached) on a loader thread, and is slower.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';

const nativeTypeScript = process.features.typescript === 'strip' || process.features.typescript === 'transform';

// V8 keeps the compiled code of every module loaded (ours, zod, yaml, ...) in
// $TMPDIR/node-compile-cache (Node >= 22.1; NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Each entry is checked against its source's hash, so it cannot go stale. From
// Node 23 it keeps the type-stripped code of .ts files too; Node 22 strips every file at every
// start (loading its wasm stripper, amaro, to do so), hence strippedCacheDir() below.
module.enableCompileCache?.();

if (nativeTypeScript && typeof module.registerHooks === 'function') {
  const strippedDir = strippedCacheDir();
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
        return { format: 'module', source: stripped(strippedDir, String(loaded.source)) };
      },
    }),
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
}

/**
 * Node 22 only (23+ caches stripped code in its compile cache itself): a folder beside V8's
 * compile cache, for this Node version, holding each .ts file's type-stripped code under the
 * SHA-256 of its source. An edited file has another hash, so an entry can never be served for
 * other code; the folder must be ours and writable by us alone, or there is no cache.
 */
function strippedCacheDir() {
  const compileCache = module.getCompileCacheDir?.();
  if (!compileCache || Number(process.versions.node.split('.')[0]) >= 23 || typeof module.stripTypeScriptTypes !== 'function') return undefined;
  const dir = join(compileCache, 'typescript-stripped');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The source with its types blanked out (the same call Node makes), from the cache when it has it. */
function stripped(dir, source) {
  const file = join(dir, `${createHash('sha256').update(source).digest('hex')}.js`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not cached yet. stripTypeScriptTypes warns that it is experimental; Node's own stripping
    // of the same file would not, so the warning is held back for this call.
    const emitWarning = process.emitWarning;
    process.emitWarning = () => {};
    let code;
    try {
      code = module.stripTypeScriptTypes(source, { mode: 'strip' });
    } finally {
      process.emitWarning = emitWarning;
    }
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code, { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written is only slower.
    }
    return code;
  }
}
