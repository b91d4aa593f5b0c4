/**
 * Recognises an arXiv identifier in every form sources use and returns it without its
 * version: `2410.22304`, `2410.22304v2`, `arXiv:2410.22304`, `hep-th/9901001`,
 * arxiv.org/abs|pdf|html URLs, huggingface.co/papers, alphaxiv.org/abs and the
 * `10.48550/arXiv.` DOI.
 */

export interface ArxivRef {
  /** Version-less id: `2410.22304` or `hep-th/9901001`. */
  id: string;
  version?: number;
}

// New style since 2007: YYMM.NNNN (until 2014) or YYMM.NNNNN.
const NEW_ID = String.raw`(\d{4}\.\d{4,5})(?:v(\d+))?`;
// Old style: archive(.SUBJ)?/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
const OLD_ID = String.raw`([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?`;
const ID = `(?:${NEW_ID}|${OLD_ID})`;

const BARE = new RegExp(`^(?:oai:arxiv\\.org:|arxiv:\\s*)?${ID}$`, 'i');
const DOI = new RegExp(`(?:^|doi\\.org\\/|doi:\\s*)10\\.48550\\/arxiv\\.${ID}`, 'i');
const URL_FORMS = new RegExp(
  String.raw`(?:^|[^\w.])(?:(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format)|(?:www\.)?huggingface\.co\/papers|(?:www\.)?alphaxiv\.org\/(?:abs|overview)|arxiv\.org\/papers)\/` +
    ID +
    String.raw`(?:\.pdf)?(?=$|[^\w.]|\.(?!\d))`,
  'i',
);
const IN_TEXT = new RegExp(String.raw`(?:^|[^\w/.])arxiv:\s*` + ID + String.raw`(?!\d)`, 'i');

function toRef(m: RegExpMatchArray): ArxivRef {
  const [, newId, newV, oldId, oldV] = m;
  const id = newId ?? normalizeOldId(oldId ?? '');
  const v = newV ?? oldV;
  return v ? { id, version: Number(v) } : { id };
}

function normalizeOldId(id: string): string {
  const [archive = '', num = ''] = id.split('/');
  const [name = '', subj] = archive.split('.');
  return `${name.toLowerCase()}${subj ? `.${subj.toUpperCase()}` : ''}/${num}`;
}

/** Parses a string that is only an id, a URL or a DOI. Returns undefined if it is none of them. */
export function parseArxivRef(input: string): ArxivRef | undefined {
  const s = input.trim();
  if (!s) return undefined;
  const bare = s.match(BARE);
  if (bare) return toRef(bare);
  const doi = s.match(DOI);
  if (doi) return toRef(doi);
  const url = s.match(URL_FORMS);
  if (url) return toRef(url);
  return undefined;
}

/** Finds the first arXiv id mentioned in free text (a link, `arXiv:…`, a DOI). */
export function findArxivRef(text: string): ArxivRef | undefined {
  const url = text.match(URL_FORMS);
  if (url) return toRef(url);
  const doi = text.match(DOI);
  if (doi) return toRef(doi);
  const inText = text.match(IN_TEXT);
  if (inText) return toRef(inText);
  return undefined;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}
