import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../core/commands.js';
import { COMMANDS, PAPERS_COMMAND } from './command-data.js';
import { topicChoices } from './autocomplete.js';

type Node = { name: string; description?: string; name_localizations?: Record<string, string>; description_localizations?: Record<string, string>; options?: readonly Node[]; required?: boolean; choices?: readonly { name: string; value: string }[] };
// Discord's check for CHAT_INPUT command and option names (and their localizations): lower case only.
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function* nodes(node: Node): Generator<Node> {
  yield node;
  for (const child of node.options ?? []) yield* nodes(child);
}
const all = [...nodes(PAPERS_COMMAND as unknown as Node)];

describe('/papers command data', () => {
  it('declares one subcommand per core command', () => {
    expect(PAPERS_COMMAND.options.map((s) => s.name)).toEqual([...COMMAND_NAMES]);
  });

  it('has valid lower-case names and short descriptions in English, Korean and Japanese', () => {
    for (const node of all) {
      for (const name of [node.name, ...Object.values(node.name_localizations ?? {})]) {
        expect(name, node.name).toMatch(NAME);
        expect(name, node.name).toBe(name.toLowerCase());
      }
      expect(Object.keys(node.name_localizations ?? {}).sort(), node.name).toEqual(['ja', 'ko']);
      expect(Object.keys(node.description_localizations ?? {}).sort(), node.name).toEqual(['ja', 'ko']);
      for (const text of [node.description ?? '', ...Object.values(node.description_localizations ?? {})]) {
        expect(text.length, `${node.name}: ${text}`).toBeGreaterThan(0);
        expect(text.length, `${node.name}: ${text}`).toBeLessThanOrEqual(100);
      }
    }
  });

  it('keeps names unique among siblings in every locale, and required options first', () => {
    for (const node of all) {
      const children = node.options ?? [];
      expect(children.length).toBeLessThanOrEqual(25);
      for (const locale of ['ko', 'ja'] as const) {
        const names = children.map((c) => c.name_localizations?.[locale] ?? c.name);
        expect(new Set(names).size, `${node.name} ${locale}`).toBe(names.length);
      }
      const firstOptional = children.findIndex((c) => !c.required);
      if (firstOptional >= 0) expect(children.slice(firstOptional).some((c) => c.required), node.name).toBe(false);
    }
  });

  it('stays within the 4000 characters Discord allows per command (longest localization counted)', () => {
    const longest = (text = '', localized: Record<string, string> = {}) => Math.max(text.length, ...Object.values(localized).map((s) => s.length));
    const size = all.reduce(
      (n, node) => n + longest(node.name, node.name_localizations) + longest(node.description, node.description_localizations) +
        (node.choices ?? []).reduce((m, c) => m + c.name.length + c.value.length, 0),
      0,
    );
    expect(size).toBeLessThanOrEqual(4000);
    expect(COMMANDS).toHaveLength(1);
  });
});

describe('subscribe topic suggestions', () => {
  it('offers matching categories after what the user typed, within 25 choices of 100 characters', () => {
    const choices = topicChoices('cat:cs');
    expect(choices[0]).toEqual({ name: 'cat:cs', value: 'cat:cs' });
    expect(choices.map((c) => c.value)).toContain('cat:cs.CL');
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(topicChoices('x'.repeat(300)).every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
  });

  it('finds categories by their English name too', () => {
    expect(topicChoices('robot').map((c) => c.value)).toContain('cat:cs.RO');
  });
});
