/**
 * Turns a paper's title and abstract into a structured summary in a target language, and
 * refuses answers that are not what we asked for: not JSON, missing fields, wrong language,
 * too long. A rejected summary is better than a wrong one posted to a channel.
 */
import { z } from 'zod';
import type { SummarySection } from '../core/types.js';
import { checkField, type SummaryField } from './language-check.js';
import type { LlmClient } from './llm-client.js';
import { languageName, loadPrompt, PROMPT_VERSION, renderPrompt, type Prompt } from './prompt.js';

/** The model answered, but the answer cannot be used. */
export class SummaryRejected extends Error {
  override readonly name = 'SummaryRejected';
  readonly reason: string;
  constructor(reason: string) {
    super(`LLM summary rejected: ${reason}`);
    this.reason = reason;
  }
}

export interface SummaryRequest {
  title: string;
  abstract: string;
  locale: string;
}

export interface GeneratedSummary {
  /** In display order: tldr, whats_new, technical_details, performance_highlights. */
  sections: SummarySection[];
  model: string;
  promptVersion: string;
}

export interface SummarizerOptions {
  client: LlmClient;
  /** Model name recorded with the summary; defaults to the client's. */
  model?: string;
  promptVersion?: string;
}

export interface Summarizer {
  summarize(request: SummaryRequest, opts: { deadline: Date }): Promise<GeneratedSummary>;
}

const FIELDS: SummaryField[] = ['tldr', 'whats_new', 'technical_details', 'performance_highlights'];

const nonEmpty = z.string().trim().min(1);
const SummarySchema = z.object({
  tldr: nonEmpty,
  whats_new: nonEmpty,
  technical_details: nonEmpty,
  performance_highlights: nonEmpty,
});

/** The store's `source` name for generated summaries, e.g. `llm:qwen2.5:7b@v1`. */
export function sourceName(model: string, promptVersion: string): string {
  return `llm:${model}@${promptVersion}`;
}

/** The JSON text of an answer; local models often wrap it in a ```json fence despite the prompt. */
export function unfence(content: string): string {
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)\n?\s*```/i.exec(content);
  return (fenced?.[1] ?? content).trim();
}

/** Parses and validates an answer into sections, or throws SummaryRejected. */
export function parseSummary(content: string, locale: string): SummarySection[] {
  let json: unknown;
  try {
    json = JSON.parse(unfence(content));
  } catch {
    throw new SummaryRejected(`the answer is not valid JSON: ${JSON.stringify(content.slice(0, 80))}`);
  }
  const parsed = SummarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'answer';
    throw new SummaryRejected(`the answer does not match the schema (${where}: ${issue?.message ?? 'invalid'})`);
  }
  return FIELDS.map((kind) => {
    const text = parsed.data[kind];
    const check = checkField(kind, text, locale);
    if (!check.ok) throw new SummaryRejected(check.reason);
    return { kind, text };
  });
}

export function createSummarizer(options: SummarizerOptions): Summarizer {
  const promptVersion = options.promptVersion ?? PROMPT_VERSION;
  const model = options.model ?? options.client.model;
  // Loaded once: the file does not change while the process runs, and a missing file should fail at startup.
  const prompt: Prompt = loadPrompt(promptVersion);

  async function summarize(request: SummaryRequest, opts: { deadline: Date }): Promise<GeneratedSummary> {
    const messages = renderPrompt(prompt, {
      title: request.title,
      abstract: request.abstract,
      language: languageName(request.locale),
    });
    const content = await options.client.complete(messages, opts);
    return { sections: parseSummary(content, request.locale), model, promptVersion };
  }

  return { summarize };
}
