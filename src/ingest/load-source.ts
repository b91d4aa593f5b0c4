/**
 * Reads a source's raw documents: a URL (with a timeout and a size cap), a file, or a folder
 * of digests (`YYYY/MM/DD.md` and the like, in path order). Every failure is a SourceError
 * with a message a person can act on.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decodeBody } from './decode-body.js';
import { SourceError } from './errors.js';

export interface RawDocument {
  /** URL or file path. */
  location: string;
  /** Path relative to the folder, for a document read from a folder. */
  relPath?: string;
  body: string;
  contentType?: string;
}

export interface LoadOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Injected for tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

const DOC_FILE = /\.(md|markdown|txt|xml|rss|atom|json)$/i;

export async function loadUrl(url: string, opts: LoadOptions): Promise<RawDocument> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      signal: AbortSignal.timeout(opts.timeoutMs),
      headers: { 'user-agent': 'paperboy (research digest bot)', accept: '*/*' },
      redirect: 'follow',
    });
  } catch (err) {
    throw new SourceError(describeFetchError(err, opts.timeoutMs));
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new SourceError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  const contentType = res.headers.get('content-type') ?? undefined;
  const bytes = await readCapped(res, opts.maxBytes, opts.timeoutMs);
  return { location: url, body: decodeBody(bytes, contentType), ...(contentType ? { contentType } : {}) };
}

const NETWORK_CAUSES: Record<string, string> = {
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
};

function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s (timeout)`;
  const code = e.cause?.code;
  if (code && NETWORK_CAUSES[code]) return `unreachable: ${NETWORK_CAUSES[code]} (${code})`;
  if (e.cause?.message === 'redirect count exceeded') return 'too many redirects';
  return `unreachable: ${e.cause?.message ?? e.message ?? String(err)}`;
}

function describeBodyError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s (timeout)`;
  return 'the connection closed before the whole body arrived';
}

async function readCapped(res: Response, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new SourceError(`body of ${declared} bytes is larger than the limit of ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new SourceError(`body is larger than the limit of ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(describeBodyError(err, timeoutMs));
  }
  return Buffer.concat(chunks);
}

export interface LoadedPath {
  docs: RawDocument[];
  /** Files of a folder that could not be read (too large, wrong encoding), each with its place. */
  errors: { message: string; place: string }[];
}

/** A file, or every digest file of a folder: one unreadable file in a folder does not fail the others. */
export async function loadPath(path: string, maxBytes: number): Promise<LoadedPath> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new SourceError(code === 'ENOENT' ? `no such file or folder: ${path}` : `cannot read ${path}: ${code ?? err}`);
  }
  if (!info.isDirectory()) return { docs: [await loadFile(path, maxBytes)], errors: [] };
  const files = (await listFiles(path)).filter((f) => DOC_FILE.test(f)).sort();
  if (files.length === 0) throw new SourceError(`folder ${path} holds no digest files (.md, .markdown, .txt, .xml, .rss, .atom, .json)`);
  const result: LoadedPath = { docs: [], errors: [] };
  for (const f of files) {
    const relPath = relative(path, f);
    try {
      result.docs.push({ ...(await loadFile(f, maxBytes)), relPath });
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      result.errors.push({ message: err.message, place: relPath });
    }
  }
  if (result.docs.length === 0) throw new SourceError(`no file of folder ${path} could be read; first: ${result.errors[0]?.message}`);
  return result;
}

async function loadFile(file: string, maxBytes: number): Promise<RawDocument> {
  const info = await stat(file);
  if (info.size > maxBytes) throw new SourceError(`${file} is ${info.size} bytes, larger than the limit of ${maxBytes} bytes`);
  const bytes = await readFile(file);
  try {
    return { location: file, body: decodeBody(bytes) };
  } catch (err) {
    if (err instanceof SourceError) throw new SourceError(`${file}: ${err.message}`);
    throw err;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
