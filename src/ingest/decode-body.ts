/**
 * Bytes to text with a clear error instead of mojibake: the charset the server or the XML
 * prolog declares (EUC-KR and Shift_JIS digests exist), otherwise UTF-8, strictly.
 */
import { SourceError } from './errors.js';

/** A byte-order mark outranks any declared label (WHATWG Encoding). */
function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function declaredCharset(bytes: Uint8Array, contentType?: string): string | undefined {
  const fromHeader = contentType?.match(/charset\s*=\s*"?([\w.:-]+)/i)?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return head.match(/^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i)?.[1]?.toLowerCase();
}

export function decodeBody(bytes: Uint8Array, contentType?: string): string {
  const charset = bomCharset(bytes) ?? declaredCharset(bytes, contentType) ?? 'utf-8';
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new SourceError(`unsupported character encoding "${charset}"`);
  }
  try {
    // TextDecoder drops a BOM that matches its encoding.
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const loose = new TextDecoder(charset).decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const line = loose.slice(0, Math.max(0, bad)).split('\n').length;
    throw new SourceError(`not valid ${charset.toUpperCase()} text (wrong encoding?)`, `line ${line}`);
  }
}
