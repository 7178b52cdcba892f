import { describe, expect, it } from 'vitest';
import { capText, describeCodePoint, firstUnsafeCharacter, normaliseText } from '../../src/text/normalise-text.ts';
import { loadCorpus } from '../pipeline/screen-claims-corpus.ts';

// Invented strings: the characters removed here are what hostile or broken records carry (issue 10,
// findings 5 and 10), which the real corpora do not.
describe('normaliseText', () => {
  it('removes C0 controls (keeping tab and line feed), DEL and C1 controls', () => {
    expect(normaliseText('a\u0000b\u0007c\td\ne\u001Bf\u007Fg\u0085h\u009Fi')).toBe('abc\td\nefghi');
  });

  it('removes noncharacters: U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code points of other planes', () => {
    expect(normaliseText('x\uFFFEy\uFFFFz\uFDD0\uFDEF.')).toBe('xyz.');
    expect(normaliseText(`a${String.fromCodePoint(0x1fffe)}b${String.fromCodePoint(0x10ffff)}c`)).toBe('abc');
    // Other astral characters stay whole.
    expect(normaliseText('math 𝑥 and 😀')).toBe('math 𝑥 and 😀');
  });

  it('removes lone surrogates but keeps pairs', () => {
    expect(normaliseText('a\uD800b\uDC00c\uD83D\uDE00')).toBe('abc😀');
    expect(normaliseText(JSON.parse('"x\\ud800"') as string)).toBe('x');
  });

  it('makes every line break a line feed', () => {
    expect(normaliseText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('leaves the real corpora as they are (their abstracts hold no such character)', () => {
    for (const p of loadCorpus('code-security.csl.json')) expect(normaliseText(p.abstract ?? '')).toBe(p.abstract ?? '');
  });
});

describe('firstUnsafeCharacter', () => {
  it('finds what normaliseText would remove, and says what it is', () => {
    expect(firstUnsafeCharacter('fine\u0007tuning')).toEqual({ index: 4, codePoint: 7 });
    expect(firstUnsafeCharacter('ok\r\n')).toBeNull();
    expect(describeCodePoint(0xfffe)).toBe('U+FFFE (a noncharacter)');
    expect(describeCodePoint(0x9f)).toBe('U+009F (a control character)');
    expect(describeCodePoint(0xd800)).toBe('U+D800 (half of a surrogate pair, not a character)');
  });
});

describe('capText', () => {
  it('cuts at a space near the limit and never inside a surrogate pair', () => {
    expect(capText('short', 10)).toBe('short');
    const cut = capText('lorem ipsum '.repeat(20), 100);
    expect([cut.length, cut.endsWith(' ipsum')]).toEqual([95, true]);
    // No space near the end: cut at the limit.
    expect(capText('x'.repeat(50), 20)).toBe('x'.repeat(20));
    expect(capText('abcdefghij😀', 11)).toBe('abcdefghij');
  });
});
