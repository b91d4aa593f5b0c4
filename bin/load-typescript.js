// Lets Node run the TypeScript sources in src/ as they are (see docs/adr/0002-run-typescript-with-tsx.md).
// Node >= 22.18 strips types itself; then the only help it needs is a resolve hook mapping the
// sources' `./x.js` imports to `./x.ts`, run in-thread (module.registerHooks). Older Node (20) gets
// tsx's loader, which compiles each file with esbuild (cached) on a loader thread, and is slower.
import { existsSync } from 'node:fs';
import module from 'node:module';

const nativeTypeScript = process.features.typescript === 'strip' || process.features.typescript === 'transform';

// V8 keeps the compiled code of every module loaded (ours, zod, yaml, ...) in
// $TMPDIR/node-compile-cache (Node >= 22.1; NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Each entry is checked against its source's hash, so it cannot go stale.
module.enableCompileCache?.();

if (nativeTypeScript && typeof module.registerHooks === 'function') {
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (parent?.endsWith('.ts') && specifier.endsWith('.js') && (specifier.startsWith('./') || specifier.startsWith('../'))) {
        const ts = new URL(`${specifier.slice(0, -3)}.ts`, parent);
        if (existsSync(ts)) return nextResolve(ts.href, context);
      }
      return nextResolve(specifier, context);
    },
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
}

