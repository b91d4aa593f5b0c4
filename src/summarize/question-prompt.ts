/**
 * The discussion prompt (prompts/question-v1.md): a question about one paper, answered only from
 * what the store holds for it (title, abstract, every summary in every language), in the asker's
 * language, with a flag saying whether the texts hold the answer (docs/adr/0020-discuss-threads.md).
 */
import { readFileSync } from 'node:fs';
import type { SummaryView } from '../core/paper-view.js';
import { languageName, parsePrompt, type ChatMessage, type Prompt } from './prompt.js';
import { unfence } from './summarizer.js';

export const QUESTION_PROMPT_VERSION = 'question-v1';
const FILE = new URL('./prompts/question-v1.md', import.meta.url);

/** The stored texts of a paper the model may use. */
export interface PaperTexts {
  title: string;
  abstract: string | null;
  summaries: SummaryView[];
}

/** Upper bounds that keep a prompt within a small local model's context (about 4k tokens of text). */
export const TEXT_LIMITS = { perText: 4000, total: 14_000, question: 1000 } as const;

let loaded: Prompt | undefined;
export function questionPrompt(): Prompt {
  return (loaded ??= parsePrompt(QUESTION_PROMPT_VERSION, readFileSync(FILE, 'utf8')));
}

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The texts as the model reads them: the title, the abstract, then each summary with its language and source. */
export function paperTextsBlock(paper: PaperTexts): string {
  const parts = [`Title: ${paper.title.trim()}`];
  if (paper.abstract?.trim()) parts.push(`Abstract:\n${cut(paper.abstract.trim(), TEXT_LIMITS.perText)}`);
  for (const s of paper.summaries) {
    const body = s.sections.map((section) => `- ${section.kind}: ${section.text.trim()}`).join('\n');
    if (body) parts.push(`Summary (${s.locale}, ${s.source}):\n${cut(body, TEXT_LIMITS.perText)}`);
  }
  let out = '';
  for (const part of parts) {
    if (out.length + part.length + 2 > TEXT_LIMITS.total) break;
    out += (out ? '\n\n' : '') + part;
  }
  return out;
}

/** The chat messages for one question; placeholders are filled in one pass, so text that looks like one is never expanded. */
export function buildQuestionPrompt(paper: PaperTexts, question: string, locale: string, prompt: Prompt = questionPrompt()): ChatMessage[] {
  const values: Record<string, string> = {
    language: languageName(locale),
    question: cut(question.trim(), TEXT_LIMITS.question),
    texts: paperTextsBlock(paper),
  };
  const fill = (template: string): string => template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  return [
    { role: 'system', content: fill(prompt.system) },
    { role: 'user', content: fill(prompt.user) },
  ];
}

/**
 * The model's answer and whether it says the texts hold it. An answer that is not the asked-for
 * JSON is taken as plain text the model wrote, not known to come from the texts (inTexts false),
 * so the reader is still told to check.
 */
export function parseQuestionAnswer(content: string): { answer: string; inTexts: boolean } {
  const text = unfence(content);
  try {
    const json = JSON.parse(text) as { answer?: unknown; in_texts?: unknown };
    if (typeof json.answer === 'string' && json.answer.trim()) return { answer: json.answer.trim(), inTexts: json.in_texts === true };
  } catch {
    // Not JSON: fall through.
  }
  return { answer: text.trim(), inTexts: false };
}
