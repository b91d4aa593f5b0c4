/**
 * One entry of a reference manager's export (Zotero, Mendeley, Google Scholar, Paperpile) or of
 * a plain list of ids, as the interest import reads it, and a problem with one entry.
 */
export interface LibraryEntry {
  /** Line in the file where the entry starts. */
  line: number;
  title?: string;
  abstract?: string;
  authors: string[];
  arxivId?: string;
  doi?: string;
}

export interface LibraryError {
  line: number;
  message: string;
}

export interface LibraryReadResult {
  format: LibraryFormat;
  entries: LibraryEntry[];
  errors: LibraryError[];
}

export type LibraryFormat = 'bibtex' | 'ris' | 'csl-json' | 'id-list';
