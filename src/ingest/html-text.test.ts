import { describe, it, expect } from 'vitest';
import { decodeEntities, htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it('turns <br> into a line break and paragraphs into blank-line separated blocks', () => {
    expect(htmlToText('<p>First line<br>second line</p><p>Next paragraph</p>')).toBe('First line\nsecond line\n\nNext paragraph');
  });

  it('puts block elements on their own lines without stacking blank lines', () => {
    expect(htmlToText('<h2>Title</h2><div>One</div><div>Two</div>')).toBe('Title\nOne\nTwo');
  });

  it('renders list items as "- " lines', () => {
    expect(htmlToText('<p>Skills:</p><ul><li>Python</li><li>TypeScript</li></ul>')).toBe('Skills:\n\n- Python\n- TypeScript');
  });

  it('drops script and style content, comments and inline tags', () => {
    expect(htmlToText('<style>p{color:red}</style><p>Hello <b>bold</b> <a href="x">link</a><!-- hidden --></p><script>alert("x<p>")</script>')).toBe(
      'Hello bold link',
    );
  });

  it('treats source line breaks and runs of spaces as one space', () => {
    expect(htmlToText('  A   sentence\n   split over\tlines.  ')).toBe('A sentence split over lines.');
  });

  it('decodes named, decimal and hex entities after removing tags', () => {
    expect(htmlToText('&lt;b&gt; is a tag &amp; &quot;quoted&quot; &#39;x&#39; caf&#233; &#x1F600; a&nbsp;b')).toBe(
      '<b> is a tag & "quoted" \'x\' café 😀 a b',
    );
  });

  it('returns an empty string for markup without text', () => {
    expect(htmlToText('<p></p><br/><div> </div>')).toBe('');
  });
});

describe('decodeEntities', () => {
  it('decodes once, so an escaped entity stays literal', () => {
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });

  it('leaves unknown entities and bare ampersands alone', () => {
    expect(decodeEntities('R&D &unknownx; AT&T')).toBe('R&D &unknownx; AT&T');
  });

  it('replaces out-of-range code points instead of throwing', () => {
    expect(decodeEntities('a&#9999999;b&#xD800;c')).toBe('a\uFFFDb\uFFFDc');
  });
});

describe('decodeEntities beyond the common few', () => {
  it('decodes every HTML named reference, accented letters, Greek and arrows included', () => {
    expect(decodeEntities('caf&eacute; J&ouml;rg &alpha;&beta; &rarr; &sum; &infin; &Oslash; &hellip;')).toBe('café Jörg αβ → ∑ ∞ Ø …');
  });

  it('needs the semicolon, so words that start like an entity stay as written', () => {
    expect(decodeEntities('&notice &not; &eacute &copy2024')).toBe('&notice ¬ &eacute &copy2024');
  });

  it('drops control characters a numeric reference names, and keeps tab and line breaks', () => {
    expect(decodeEntities('a&#1;b&#9;c&#10;d&#127;e')).toBe('ab\tc\nde');
  });

  it('maps C1 references the way browsers do (Windows-1252)', () => {
    expect(decodeEntities('&#128;5 &#150; x')).toBe('€5 – x');
  });
});
