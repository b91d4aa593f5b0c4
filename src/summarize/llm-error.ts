/** Failures of the LLM client. */
import { EndpointError } from '../openai-compat/endpoint-error.js';
import type { EndpointErrorKind } from '../openai-compat/post-json.js';

export type LlmErrorKind = EndpointErrorKind;

export class LlmError extends EndpointError {
  override readonly name = 'LlmError';
}
