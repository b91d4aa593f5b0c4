/** Typed failures of the embeddings client, so callers can tell "try later" from "fix the config". */
import type { EndpointErrorKind } from '../openai-compat/post-json.js';

export class EmbeddingsError extends Error {
  override readonly name = 'EmbeddingsError';
  readonly kind: EndpointErrorKind;
  /** HTTP status of the last attempt, when there was a response. */
  readonly status: number | undefined;
  /** How many requests were sent for the failing batch before giving up. */
  readonly attempts: number | undefined;
  constructor(kind: EndpointErrorKind, message: string, status?: number, attempts?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.attempts = attempts;
  }
}
