import { describe, expect, it } from 'vitest';
import { scriptJson } from '../../src/components/script-json.ts';
import { byTag, parseHtml, textOf } from './built-html.ts';

// Invented strings: the edge cases of text inside a <script> element that real titles have not shown yet.
describe('scriptJson', () => {
  const value = { title: 'A </script><script>alert(1)</script> review <!-- & --> \u2028 line', n: 1 };

  it('writes no "<", ">" or "&", and parses back to the same value', () => {
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('stays one script element when an HTML parser reads it', () => {
    const doc = parseHtml(`<head><script type="application/ld+json">${scriptJson(value)}</script></head><body><p>after</p></body>`);
    const scripts = byTag(doc, 'script');
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(textOf(scripts[0]!))).toEqual(value);
    expect(textOf(byTag(doc, 'body')[0]!)).toBe('after');
  });
});
