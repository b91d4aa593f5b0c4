import { describe, expect, it } from 'vitest';
import { languageName, loadPrompt, parsePrompt, PROMPT_VERSION, renderPrompt } from './prompt.js';

describe('loadPrompt', () => {
  it('reads the versioned prompt file and splits system from user', () => {
    const prompt = loadPrompt();
    expect(PROMPT_VERSION).toBe('v1');
    expect(prompt.version).toBe('v1');
    expect(prompt.system).toMatch(/JSON/);
    expect(prompt.system).not.toMatch(/## user/);
    for (const name of ['{{title}}', '{{abstract}}', '{{language}}']) expect(prompt.user).toContain(name);
    for (const field of ['tldr', 'whats_new', 'technical_details', 'performance_highlights']) {
      expect(prompt.user).toContain(`"${field}"`);
    }
  });

  it('refuses an unknown version instead of reading an arbitrary path', () => {
    expect(() => loadPrompt('../../etc/passwd')).toThrow(/Unknown prompt version/);
  });

  it('needs both sections', () => {
    expect(() => parsePrompt('x', '## user\nhello')).toThrow(/system/);
  });
});

describe('renderPrompt', () => {
  it('fills every placeholder and returns system and user messages', () => {
    const messages = renderPrompt(loadPrompt('v1'), {
      title: 'Attention Is All You Need',
      abstract: 'We propose the Transformer.',
      language: languageName('ko'),
    });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    const user = messages[1]?.content ?? '';
    expect(user).toContain('Title: Attention Is All You Need');
    expect(user).toContain('We propose the Transformer.');
    expect(user).toContain('Korean (한국어)');
    expect(user).not.toMatch(/\{\{\w+\}\}/);
  });

  it('does not expand placeholder-like text inside the abstract', () => {
    const prompt = parsePrompt('t', '## system\nS\n## user\n{{abstract}} / {{title}}');
    const [, user] = renderPrompt(prompt, { title: 'T', abstract: 'uses {{title}} literally', language: 'English' });
    expect(user?.content).toBe('uses {{title}} literally / T');
  });
});

describe('languageName', () => {
  it('names known and other locales', () => {
    expect(languageName('ja')).toBe('Japanese (日本語)');
    expect(languageName('zh-CN')).toBe('Simplified Chinese (简体中文)');
    expect(languageName('zh-TW')).toBe('Traditional Chinese (繁體中文)');
    expect(languageName('it')).toBe('Italian');
  });
});
