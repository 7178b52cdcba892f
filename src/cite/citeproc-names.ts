import type { CSL } from './citation-js.ts';

// Why an author named "constructor" crashed the reference list: citeproc-js (2.4.63) keeps its name
// disambiguation registries in plain objects keyed by name strings — CSL.Registry.NameReg's `namereg` by
// family name, its nested `ikey` and `skey` objects by initials and given name, and CSL.Registry's
// `ambigcites` by the rendered citation — and asks `"undefined" === typeof this.namereg[pkey]` to see whether
// a name is new. A name equal to a member of Object.prototype ("constructor", "toString", "__proto__",
// "hasOwnProperty", …) finds the inherited member instead, so citeproc skips creating the entry and then
// reads `.items.indexOf` of a function: "TypeError: Cannot read properties of undefined (reading 'indexOf')".
// The engine citation-js caches per style is left broken for every later call too.
//
// Those objects are created inside citeproc, so their prototypes cannot be removed from outside. Instead a
// name part that contains such a member's name reaches citeproc with U+0001 after the first character of
// each of its words: every key citeproc derives from it (with periods stripped, lower-case suffixes cut,
// initials taken) then holds U+0001 and can no longer be an inherited member's name, while the first
// letter — what initials look at — is unchanged, and sorting too: citeproc sorts with localeCompare, and
// the Unicode Collation Algorithm gives control characters no weight at all (DUCET). A control character
// is also what no text that reaches Sift keeps (src/records/text-characters.ts), so every U+0001 in
// citeproc's output is one put there here, and withoutNameGuards removes them all.
// (tests/cite/references.test.ts checks that a guarded name is formatted and sorted as an unguarded one.)

const GUARD = '\u0001';
const PROTOTYPE_MEMBERS = Object.getOwnPropertyNames(Object.prototype);

function guarded(part: string): string {
  const clean = part.replaceAll(GUARD, '');
  if (!PROTOTYPE_MEMBERS.some((member) => clean.includes(member))) return clean;
  return clean.replace(/\S+/gu, (word) => {
    const [first = ''] = word;
    return `${first}${GUARD}${word.slice(first.length)}`;
  });
}

type CslName = NonNullable<CSL['author']>[number];

const NAME_PARTS = ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle'] as const;

function guardedName(name: CslName): CslName {
  const out: CslName = { ...name };
  for (const part of NAME_PARTS) {
    const value = out[part];
    if (typeof value === 'string') out[part] = guarded(value);
  }
  return out;
}

/** A CSL item whose names citeproc-js can register whatever they are (see above). */
export function withNameGuards(item: CSL): CSL {
  return item.author === undefined ? item : { ...item, author: item.author.map(guardedName) };
}

/** citeproc's output with the guards of withNameGuards taken out again. */
export function withoutNameGuards(text: string): string {
  return text.replaceAll(GUARD, '');
}
