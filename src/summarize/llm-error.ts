/** Typed failures of the LLM client, so callers can tell "try later" from "fix the config". */
import type { EndpointErrorKind } from '../openai-compat/post-json.js';

export type LlmErrorKind = EndpointErrorKind;

export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly kind: LlmErrorKind;
  /** HTTP status of the last attempt, when there was a response. */
  readonly status: number | undefined;
  /** How many requests were sent before giving up. */
  readonly attempts: number | undefined;
  constructor(kind: LlmErrorKind, message: string, status?: number, attempts?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.attempts = attempts;
  }
}
