// citation-js ships no types; the part Paperboy uses (parsing to CSL-JSON, and writing BibTeX/RIS).
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    data: unknown[];
    format(format: string, options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/core' {
  export const plugins: {
    config: { get(name: string): { format: { asciiOnly: boolean; useIdAsLabel: boolean; checkLabel: boolean } } };
    output: { format(name: string, data: unknown[], options?: Record<string, unknown>): string };
  };
}
declare module '@citation-js/name' {
  export function parse(name: string): { given?: string; family?: string; 'non-dropping-particle'?: string; 'dropping-particle'?: string; suffix?: string; literal?: string };
}
