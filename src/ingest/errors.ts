/**
 * A source that cannot be read as a whole (unreachable, HTML instead of a feed, wrong
 * encoding, too large, not the format it claims). The message names the problem and the
 * place in the source where there is one; the caller adds the source's name.
 */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly place: string | undefined;
  constructor(message: string, place?: string) {
    super(place ? `${message} (at ${place})` : message);
    this.place = place;
  }
}
