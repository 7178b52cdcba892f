import { describe, expect, it } from 'vitest';
import { withoutUnsafeCharacters } from '../../src/records/text-characters.ts';

// The rule restated code point by code point, from the standards the module cites: XML 1.0 §2.2 Char,
// HTML's control, noncharacter and surrogate parse errors (HTML Living Standard §13.2.3.5), Unicode §23.7.
function publishable(codePoint: number): boolean {
  if (codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd) return true;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return false;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  if (codePoint >= 0xfdd0 && codePoint <= 0xfdef) return false;
  return (codePoint & 0xfffe) !== 0xfffe;
}

describe('withoutUnsafeCharacters', () => {
  it('removes exactly the code points no published format may hold, in every plane (invented input: all of them)', () => {
    const wrong: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      const char = String.fromCodePoint(codePoint);
      const kept = withoutUnsafeCharacters(`a${char}b`) === `a${char}b`;
      if (kept !== publishable(codePoint)) wrong.push(codePoint.toString(16));
      else if (!kept && withoutUnsafeCharacters(`a${char}b`) !== 'ab') wrong.push(codePoint.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('removes half a surrogate pair but keeps a whole one', () => {
    expect(withoutUnsafeCharacters('\ud83d\ude00 \ud83d \ude00 \ude00\ud83d')).toBe('\ud83d\ude00   ');
  });
});
