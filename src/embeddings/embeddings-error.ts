/** Failures of the embeddings client (`attempts` counts the requests sent for the failing batch). */
import { EndpointError } from '../openai-compat/endpoint-error.js';

export class EmbeddingsError extends EndpointError {
  override readonly name = 'EmbeddingsError';
}
