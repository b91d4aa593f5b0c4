/** Typed failures of the LLM client, so callers can tell "try later" from "fix the config". */
import type { EndpointErrorKind } from '../openai-compat/post-json.js';

export type LlmErrorKind = EndpointErrorKind;

export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    /** HTTP status of the last attempt, when there was a response. */
    readonly status?: number,
    /** How many requests were sent before giving up. */
    readonly attempts?: number,
  ) {
    super(message);
  }
}
