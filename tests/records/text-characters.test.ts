import { describe, expect, it } from 'vitest';
import { mayHoldUnsafeUtf8, withoutUnsafeCharacters } from '../../src/records/text-characters.ts';

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

// The middleware keeps a page as Astro encoded it when its bytes say the rule has nothing to remove (src/middleware.ts).
describe('mayHoldUnsafeUtf8', () => {
  const encoder = new TextEncoder();

  it('says false only for text the rule leaves as it is: every code point of every plane, alone and between words', () => {
    let kept = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      // A lone surrogate reaches the middleware already written as U+FFFD by Astro's encoder: encode() does the same.
      const text = `a${String.fromCodePoint(cp)}b`;
      if (mayHoldUnsafeUtf8(encoder.encode(text))) continue;
      kept += 1;
      if (withoutUnsafeCharacters(text) !== text) throw new Error(`U+${cp.toString(16)} passes the byte check but the rule removes it`);
    }
    // Most of the BMP passes; the rest takes the decoding path.
    expect(kept).toBeGreaterThan(60_000);
  });

  it('flags each character the rule removes, and passes plain text and markup', () => {
    for (const ch of ['\u0000', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085', '\u009f', '\ufdd0', '\ufdef', '\ufffe', '\uffff', '\u{1fffe}', '\u{10ffff}']) {
      expect(mayHoldUnsafeUtf8(encoder.encode(`<p>x${ch}y</p>`)), JSON.stringify(ch)).toBe(true);
    }
    expect(mayHoldUnsafeUtf8(encoder.encode('<!DOCTYPE html><p class="a">Tab\there, line\nand return\r: “quotes” — café, 東京</p>'))).toBe(false);
  });
});

