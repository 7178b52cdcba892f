// citeproc's locale casing (src/cite/citation-js.ts): toLowerCase where the locale has no case mappings of its own,
// citeproc's own toLocaleLowerCase where it has (Turkish dotted and dotless i). Invented strings: the corpora hold
// no Turkish item, and the point is the one letter whose casing the locale changes.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '../../src/cite/citation-js.ts';

type State = { tmp: { lang_array?: string[] } };
const citeproc = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'))('citeproc') as {
  toLocaleLowerCase(this: State, s: string): string;
  toLocaleUpperCase(this: State, s: string): string;
};
const lower = (langs: string[] | undefined, s: string) => citeproc.toLocaleLowerCase.call({ tmp: langs === undefined ? {} : { lang_array: langs } }, s);
const upper = (langs: string[] | undefined, s: string) => citeproc.toLocaleUpperCase.call({ tmp: langs === undefined ? {} : { lang_array: langs } }, s);

describe('citeproc casing', () => {
  it('gives what toLocaleLowerCase / toLocaleUpperCase give for the item locale', () => {
    for (const langs of [['en-US'], ['de', 'en-US'], ['tr', 'en-US'], ['az'], ['lt-LT'], ['x-not a tag'], [], undefined]) {
      for (const s of ['İstanbul IŞIK', 'Gonçalves ÆØÅ', 'ijssel', 'Iİıi']) {
        const want = (f: 'toLocaleLowerCase' | 'toLocaleUpperCase') => {
          try {
            return s[f](langs);
          } catch {
            return f === 'toLocaleLowerCase' ? s.toLowerCase() : s.toUpperCase();
          }
        };
        expect(lower(langs, s), `${JSON.stringify(langs)} ${s}`).toBe(want('toLocaleLowerCase'));
        expect(upper(langs, s), `${JSON.stringify(langs)} ${s}`).toBe(want('toLocaleUpperCase'));
      }
    }
    expect(lower(['tr'], 'I')).toBe('ı');
    expect(lower(['en-US'], 'I')).toBe('i');
  });
});
