/** Typed failures of the embeddings client, so callers can tell "try later" from "fix the config". */
import type { EndpointErrorKind } from '../openai-compat/post-json.js';

export class EmbeddingsError extends Error {
  override readonly name = 'EmbeddingsError';
  constructor(
    readonly kind: EndpointErrorKind,
    message: string,
    /** HTTP status of the last attempt, when there was a response. */
    readonly status?: number,
    /** How many requests were sent for the failing batch before giving up. */
    readonly attempts?: number,
  ) {
    super(message);
  }
}
