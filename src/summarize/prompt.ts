/**
 * The versioned summary prompt. The wording lives in `prompts/summary-<version>.md` rather
 * than in code so a prompt change is a reviewable text diff and every stored summary can
 * name the prompt version that produced it.
 */
import { readFileSync } from 'node:fs';

export const PROMPT_VERSION = 'v1';

export interface Prompt {
  version: string;
  system: string;
  user: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptInput {
  title: string;
  abstract: string;
  /** Human-readable language name, e.g. "Korean (한국어)". */
  language: string;
}

// One explicit URL per version: a computed path would let a bad version string read any file.
const PROMPT_FILES: Record<string, URL> = {
  v1: new URL('./prompts/summary-v1.md', import.meta.url),
};

/** Reads and splits the prompt file of `version` into its system and user parts. */
export function loadPrompt(version: string = PROMPT_VERSION): Prompt {
  const file = PROMPT_FILES[version];
  if (!file) throw new Error(`Unknown prompt version "${version}" (known: ${Object.keys(PROMPT_FILES).join(', ')})`);
  return parsePrompt(version, readFileSync(file, 'utf8'));
}

/** Splits prompt text on its `## system` and `## user` headings. */
export function parsePrompt(version: string, text: string): Prompt {
  const system = /^## system\s*$([\s\S]*?)(?=^## user\s*$)/m.exec(text)?.[1];
  const user = /^## user\s*$([\s\S]*)$/m.exec(text)?.[1];
  if (system === undefined || user === undefined) {
    throw new Error(`Prompt ${version} needs a "## system" and a "## user" section`);
  }
  return { version, system: system.trim(), user: user.trim() };
}

/** Fills the `{{title}}`, `{{abstract}}` and `{{language}}` placeholders and returns chat messages. */
export function renderPrompt(prompt: Prompt, input: PromptInput): ChatMessage[] {
  const values: Record<string, string> = { title: input.title.trim(), abstract: input.abstract.trim(), language: input.language };
  // A single pass with a callback, so placeholder-like text inside the abstract is never re-expanded.
  const fill = (template: string): string =>
    template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  return [
    { role: 'system', content: fill(prompt.system) },
    { role: 'user', content: fill(prompt.user) },
  ];
}

const LANGUAGE_NAMES: Record<string, string> = {
  ko: 'Korean (한국어)',
  ja: 'Japanese (日本語)',
  zh: 'Simplified Chinese (简体中文)',
  'zh-tw': 'Traditional Chinese (繁體中文)',
  en: 'English',
  de: 'German (Deutsch)',
  fr: 'French (français)',
  es: 'Spanish (español)',
  ru: 'Russian (русский)',
};

/** The language name the prompt asks for; falls back to Intl's English name, then the tag itself. */
export function languageName(locale: string): string {
  const key = locale.toLowerCase();
  const known = LANGUAGE_NAMES[key] ?? LANGUAGE_NAMES[key.split('-')[0] ?? ''];
  if (known) return known;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
