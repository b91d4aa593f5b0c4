import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CORE_MESSAGE_KEYS, type CoreMessageKey } from '../core/translate.js';
import { en, type MessageKey, type Messages } from './messages/en.js';
import { ja } from './messages/ja.js';
import { ko } from './messages/ko.js';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
// A literal has a `value` just like an argument; only its type number tells them apart.
const LITERAL = new IntlMessageFormat('x').getAst()[0]?.type;

/** The ICU argument names a message uses, including those inside plural branches and tags. */
function argumentNames(elements: Element[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if ('options' in el) for (const option of Object.values(el.options)) argumentNames(option.value, into);
    if ('children' in el) argumentNames(el.children, into);
    else if ('value' in el && el.type !== LITERAL && typeof el.value === 'string') into.add(el.value);
  }
  return into;
}

const args = (message: string, locale: string) => [...argumentNames(new IntlMessageFormat(message, locale).getAst())].sort();

// Names that stay the same in every language.
// Brand names, and emoji-only button labels (👍 👎), are the same in every language.
const BRANDS = new Set(['arXiv', 'PDF', 'Hugging Face', '👍', '👎']);
const others: [string, Messages][] = [
  ['ko', ko],
  ['ja', ja],
];

describe('message files', () => {
  it.each(others)('%s has exactly the English keys', (_, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(others)('%s uses the same ICU arguments as English in every message', (locale, messages) => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect({ key, args: args(messages[key], locale) }).toEqual({ key, args: args(en[key], 'en') });
    }
  });

  it.each([['en', en as Messages], ...others])('%s messages all compile', (locale, messages) => {
    for (const message of Object.values(messages)) {
      expect(() => new IntlMessageFormat(message, locale)).not.toThrow();
    }
  });

  it.each(others)('%s translates every message but brand names', (_, messages) => {
    const untranslated = (Object.keys(en) as MessageKey[]).filter((key) => messages[key] === en[key]);
    expect(untranslated.map((key) => en[key]).filter((text) => !BRANDS.has(text))).toEqual([]);
  });

  it('defines every key the core asks for', () => {
    expectTypeOf<CoreMessageKey>().toExtend<MessageKey>();
    expect(CORE_MESSAGE_KEYS.filter((key) => !(key in en))).toEqual([]);
  });

  it('pluralizes English counts', () => {
    const format = (key: MessageKey, count: number) => String(new IntlMessageFormat(en[key], 'en').format({ count }));
    expect(format('digest.intro', 1)).toBe('1 new paper');
    expect(format('digest.intro', 7)).toBe('7 new papers');
    expect(format('digest.intro', 0)).toBe('No new papers');
    expect(format('authors.others', 1)).toBe('and 1 other');
    expect(format('authors.others', 12)).toBe('and 12 others');
    expect(format('digest.more', 1)).toBe('and 1 more paper');
  });
});
