// citeproc's sort-key comparison as src/cite/citation-js.ts sets it up (one Intl.Collator per locale instead of a
// localeCompare call with options per comparison) against the comparison citeproc ships, loaded afresh, on the sort
// keys of the real corpora: titles and names, as citeproc lower-cases and compares them. A few invented keys add the
// leading brackets and quotes of citeproc's pre-sort and the digits of numeric collation, which the corpora's
// titles seldom begin with.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../../src/cite/citation-js.ts';
import { readCorpus } from '../../src/sources/corpus.ts';
import { mulberry32 } from '../../src/stance-model/seeded-random.ts';

type State = { tmp: { lang_array?: string[] } };
type Csl = { getSortCompare(this: State, locale?: string): (a: string, b: string) => number };
const requireHere = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'));
const path = requireHere.resolve('citeproc');
const patched = requireHere('citeproc') as Csl;
// A second copy of the module, untouched by citation-js.ts.
const cached = requireHere.cache[path];
delete requireHere.cache[path];
const shipped = requireHere('citeproc') as Csl;
requireHere.cache[path] = cached;

const root = fileURLToPath(new URL('../../', import.meta.url));
const papers = [
  ...readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'csl-json', path: 'corpora/ml4code.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib' }, root, 'T').records,
];
const keys = [
  ...papers.flatMap((p) => [p.title, ...p.authors.flatMap((a) => [a.family, `${a.family}, ${a.given ?? ''}`])]),
  '[x',
  'x',
  '"Quoted" title',
  "'Single' quoted",
  '[Bracketed] title',
  'Item 10',
  'Item 9',
  'item 9',
  'Müller',
  'Muller',
  '',
];

describe("citeproc's sort-key comparison", () => {
  it('orders every pair of keys as the comparison citeproc ships does', () => {
    expect(patched).not.toBe(shipped);
    for (const locale of ['en-US', undefined, 'de-DE']) {
      const state: State = { tmp: {} };
      const ours = patched.getSortCompare.call(state, locale);
      const theirs = shipped.getSortCompare.call(state, locale);
      const rand = mulberry32(7);
      for (let n = 0; n < 20_000; n++) {
        const a = keys[Math.floor(rand() * keys.length)]!;
        const b = keys[Math.floor(rand() * keys.length)]!;
        expect(ours(a, b), `${locale}: ${JSON.stringify([a, b])}`).toBe(theirs(a, b));
      }
      expect([...keys].sort(ours)).toEqual([...keys].sort(theirs));
    }
  });
});
