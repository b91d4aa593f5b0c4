/** Typed failures of the LLM client, so callers can tell "try later" from "fix the config". */

export type LlmErrorKind = 'timeout' | 'rate_limited' | 'server' | 'bad_response' | 'auth';

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
