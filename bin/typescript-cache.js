// The cache of compiled TypeScript that bin/load-typescript.js and bin/typescript-hooks.js keep
// where Node's own compile cache does not keep it (Node 22 strips every .ts file at every start;
// Node 20 has no type stripping and no compile cache). Each entry is named by the SHA-256 of what
// it was compiled from, so an edited file can never be served old code: it has another name.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/**
 * `dir`, created if needed, when it is a folder of ours that no one else can write to (code is
 * read from it and run); else undefined, and nothing is cached.
 */
export function ownCacheDir(dir) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The code cached under the hash of `key` in `dir`, or `compile()`'s, which is then cached. */
export function cachedCompile(dir, key, compile) {
  const file = `${dir}/${createHash('sha256').update(key).digest('hex')}.js`;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not cached yet.
  }
  const store = (code) => {
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code, { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written is only slower.
    }
    return code;
  };
  const code = compile();
  return typeof code === 'string' ? store(code) : code.then(store);
}
