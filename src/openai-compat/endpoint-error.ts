/** A failed call to an OpenAI-compatible endpoint, typed so callers can tell "try later" from "fix the config". */
import type { EndpointErrorKind } from './post-json.js';

export class EndpointError extends Error {
  readonly kind: EndpointErrorKind;
  /** HTTP status of the last attempt, when there was a response. */
  readonly status: number | undefined;
  /** How many requests were sent before giving up. */
  readonly attempts: number | undefined;
  constructor(kind: EndpointErrorKind, message: string, status?: number, attempts?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.attempts = attempts;
  }
}
