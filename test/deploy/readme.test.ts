/** README.md names every command, config key and environment variable the code has. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_DEFAULTS, parseConfig } from '../../src/config.js';

const root = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const documented = (name: string): boolean => readme.includes(`\`${name}\``);

describe('README.md', () => {
  it('documents every config key', () => {
    const config = parseConfig(
      'channels:\n  - { platform: discord, channel: "123456789012345678", guild: "1", timezone: UTC }\nsources:\n  - { url: "https://example.org/feed", name: a, label: A, format: rss, backfillUrl: "https://example.org/{date}" }\nhttp: { port: 9464 }\nretention: { rawEntryDays: 30 }\n',
      'all-keys.yaml',
    ) as Record<string, unknown>;
    const keys = Object.entries(config).flatMap(([key, value]) => {
      if (Array.isArray(value)) return Object.keys(value[0] as object).map((k) => `${key}[].${k}`);
      if (value && typeof value === 'object') return Object.keys(value).map((k) => `${key}.${k}`);
      return [key];
    });
    expect(keys.length).toBeGreaterThan(40);
    expect([...keys, 'sources[].path'].filter((k) => !documented(k))).toEqual([]);
  });

  it('documents every environment variable', () => {
    expect(Object.keys(ENV_DEFAULTS).filter((k) => !documented(k))).toEqual([]);
  });

  it('lists every command in its command-line table', () => {
    const commands = [...readFileSync(`${root}src/cli/main.ts`, 'utf8').matchAll(/^ {2}'?([\w-]+)'?: \{ summary/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThan(10);
    expect(commands.filter((c) => !readme.includes(`| \`paperboy ${c}`))).toEqual([]);
  });
});
