import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { route, startFeedServer, type FeedServer } from '../../test/fakes/feed-server.js';
import { decodeBody } from './decode-body.js';
import { SourceError } from './errors.js';
import { loadUrl } from './load-source.js';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? ascii(p) : Uint8Array.from(p))));

// Written by hand (no encoder for legacy charsets ships with Node); checked below against Node's decoders.
const EUC_KR = { 검색: [0xb0, 0xcb, 0xbb, 0xf6], 논문: [0xb3, 0xed, 0xb9, 0xae], 한국어: [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee] };
const SHIFT_JIS = { 検索: [0x8c, 0x9f, 0x8d, 0xf5], 論文: [0x98, 0x5f, 0x95, 0xb6], 日本語: [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea] };
const BOM = [0xef, 0xbb, 0xbf];

/** Decodes and returns the SourceError thrown (fails the test if none is). */
function decodeError(body: Uint8Array, contentType?: string): SourceError {
  try {
    decodeBody(body, contentType);
  } catch (err) {
    if (err instanceof SourceError) return err;
    throw err;
  }
  throw new Error('decodeBody accepted the body');
}

describe('the hand-written legacy byte sequences', () => {
  it('are what Node decodes as the intended Korean and Japanese words', () => {
    for (const [word, b] of Object.entries(EUC_KR)) expect(new TextDecoder('euc-kr', { fatal: true }).decode(Uint8Array.from(b))).toBe(word);
    for (const [word, b] of Object.entries(SHIFT_JIS)) expect(new TextDecoder('shift_jis', { fatal: true }).decode(Uint8Array.from(b))).toBe(word);
  });
});

describe('decodeBody', () => {
  it('drops a UTF-8 byte order mark so the document starts with its first real character', () => {
    const text = decodeBody(bytes(BOM, '<?xml version="1.0"?>\n<rss/>'));
    expect(text).toBe('<?xml version="1.0"?>\n<rss/>');
    expect(decodeBody(bytes(BOM, '## Daily Papers'), 'text/markdown; charset=utf-8')).toBe('## Daily Papers');
  });

  it('decodes EUC-KR Korean text when Content-Type declares charset=euc-kr', () => {
    const body = bytes(EUC_KR.검색, ' ', EUC_KR.논문, '\n', EUC_KR.한국어, '\n');
    expect(decodeBody(body, 'text/plain; charset=euc-kr')).toBe('검색 논문\n한국어\n');
    expect(decodeBody(body, 'text/markdown; Charset="EUC-KR"')).toBe('검색 논문\n한국어\n');
  });

  it('decodes Shift_JIS Japanese text when only the XML prolog declares it', () => {
    const body = bytes('<?xml version="1.0" encoding="Shift_JIS"?>\n<rss><channel><title>', SHIFT_JIS.検索, SHIFT_JIS.論文, '</title><description>', SHIFT_JIS.日本語, '</description></channel></rss>');
    const expected = '<?xml version="1.0" encoding="Shift_JIS"?>\n<rss><channel><title>検索論文</title><description>日本語</description></channel></rss>';
    expect(decodeBody(body)).toBe(expected);
    expect(decodeBody(body, 'application/rss+xml')).toBe(expected);
  });

  it('lets the charset in Content-Type win over a contradicting XML prolog', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?>\n<title>検索</title>', 'utf8');
    expect(decodeBody(body, 'application/xml; charset=utf-8')).toBe('<?xml version="1.0" encoding="Shift_JIS"?>\n<title>検索</title>');
  });

  it('decodes Latin-1 that is declared as Latin-1', () => {
    expect(decodeBody(bytes('Caf', [0xe9], ' au lait'), 'text/plain; charset=iso-8859-1')).toBe('Café au lait');
  });

  it('rejects Latin-1 bytes read as UTF-8 with the encoding and the line of the first bad byte', () => {
    const err = decodeError(bytes('line one\nline two\nCaf', [0xe9], ' au lait\n'), 'text/plain; charset=utf-8');
    expect(err.message).toBe('not valid UTF-8 text (wrong encoding?) (at line 3)');
    expect(err.place).toBe('line 3');
  });

  it('rejects EUC-KR bytes served without a charset as not UTF-8 rather than producing mojibake', () => {
    const err = decodeError(bytes('## Daily Papers (2024-11-01)\n\n- ', EUC_KR.검색, '\n'), 'text/markdown');
    expect(err.message).toBe('not valid UTF-8 text (wrong encoding?) (at line 3)');
  });

  it('rejects UTF-8 text that is declared as EUC-KR, naming EUC-KR', () => {
    const err = decodeError(Buffer.from('first\n검색\n', 'utf8'), 'text/plain; charset=euc-kr');
    expect(err.message).toBe('not valid EUC-KR text (wrong encoding?) (at line 2)');
  });

  it('names a charset it does not know, whether from Content-Type or the XML prolog', () => {
    expect(decodeError(ascii('hello'), 'text/plain; charset=x-klingon').message).toBe('unsupported character encoding "x-klingon"');
    expect(decodeError(ascii('<?xml version="1.0" encoding="X-Klingon"?><rss/>')).message).toBe('unsupported character encoding "x-klingon"');
  });
});

describe('decoding what a server sends', () => {
  let server: FeedServer;
  const opts = { timeoutMs: 5000, maxBytes: 1_000_000 };

  beforeAll(async () => {
    server = await startFeedServer({
      '/ko.txt': route.body(Buffer.from(bytes(EUC_KR.검색, ' ', EUC_KR.논문, '\n')), { contentType: 'text/plain; charset=euc-kr' }),
      '/ja.xml': route.body(Buffer.from(bytes('<?xml version="1.0" encoding="Shift_JIS"?>\n<title>', SHIFT_JIS.検索, '</title>')), { contentType: 'application/xml' }),
      '/bom.xml': route.body(Buffer.from(bytes(BOM, '<rss version="2.0"/>')), { contentType: 'application/rss+xml' }),
      '/latin1.xml': route.body(Buffer.from(bytes('<?xml version="1.0"?>\n<rss>\n<title>Caf', [0xe9], '</title>\n</rss>')), { contentType: 'application/rss+xml; charset=utf-8' }),
      '/klingon.txt': route.body('qapla', { contentType: 'text/plain; charset=x-klingon' }),
    });
  });
  afterAll(() => server.close());

  it('decodes EUC-KR declared in the Content-Type header of the response', async () => {
    const doc = await loadUrl(server.url('/ko.txt'), opts);
    expect(doc.body).toBe('검색 논문\n');
    expect(doc.contentType).toBe('text/plain; charset=euc-kr');
  });

  it('decodes Shift_JIS declared in the XML prolog when the header has no charset', async () => {
    expect((await loadUrl(server.url('/ja.xml'), opts)).body).toBe('<?xml version="1.0" encoding="Shift_JIS"?>\n<title>検索</title>');
  });

  it('strips the byte order mark of a served feed', async () => {
    expect((await loadUrl(server.url('/bom.xml'), opts)).body).toBe('<rss version="2.0"/>');
  });

  it('fails a feed that says UTF-8 but sends Latin-1, naming the encoding and the line', async () => {
    await expect(loadUrl(server.url('/latin1.xml'), opts)).rejects.toThrow(new SourceError('not valid UTF-8 text (wrong encoding?)', 'line 3'));
  });

  it('fails a response whose charset is unknown with a message naming it', async () => {
    await expect(loadUrl(server.url('/klingon.txt'), opts)).rejects.toThrow('unsupported character encoding "x-klingon"');
  });
});

describe('byte-order marks', () => {
  it('let a UTF-8 BOM win over a wrong charset label', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('검색')]);
    expect(decodeBody(body, 'text/plain; charset=iso-8859-1')).toBe('검색');
  });
  it('decode UTF-16LE text that starts with its BOM', () => {
    const utf16 = Buffer.from('\uFEFF## Daily Papers', 'utf16le');
    expect(decodeBody(new Uint8Array(utf16))).toBe('## Daily Papers');
  });
});
