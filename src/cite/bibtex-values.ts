import type { CSL } from './citation-js.ts';
import { withoutUnsafeCharacters } from '../records/text-characters.ts';

// The BibTeX output rule: a CSL item is made safe for @citation-js/plugin-bibtex's writer before it writes
// it, so every value it writes is one balanced `{…}` group that its own reader (and BibTeX's) reads back as
// the same text. The writer (plugin-bibtex 0.9, lib/output/value.js) escapes most values itself — LaTeX
// specials become \{, \textbraceright{} and the like — but leaves three holes, each closed here:
//
//   1. URL and DOI are "verbatim" fields, written as they are: a "}" in them closes the value and what
//      follows becomes fields or entries of its own ("…}@misc{evil,"). Braces and backslashes, which RFC 3986
//      does not allow in a URI anyway, are percent-encoded; a resolver decodes them to the same name.
//   2. Text fields are read as CSL rich text first: "<i>", "<b>", "<sc>", "<sup>", "<sub>" and "<span …>"
//      become \textit{ … and an unclosed one leaves the group open to the end of the file. Sift's text is
//      plain, so such a tag is text: a zero-width space after each "<" keeps the writer from seeing a tag,
//      and its ASCII escaping then drops the zero-width space (it writes only what it can spell in ASCII) and
//      writes "<" as \textless{}, which reads back as "<".
//   3. A name with only a family part is written as "{family}", unescaped: its LaTeX specials are escaped
//      here, as the writer escapes every other name.
//   4. A combining mark is written as an accent command over the character before it ("e\u0301" as {\'e});
//      one with no letter or digit before it (after a space, or first) becomes "{\' }", which the reader
//      rejects, failing the whole file. Such a mark accents nothing a reader sees, so it goes.
//
// Characters no output may hold (src/records/text-characters.ts) go first, from every value.

const VERBATIM = new Set(['URL', 'DOI']);
const ZERO_WIDTH_SPACE = '\u200B';

function percentEncodeBraces(value: string): string {
  return value.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function plainText(value: string): string {
  return withoutLooseMarks(value).replaceAll('<', `<${ZERO_WIDTH_SPACE}`);
}

const LOOSE_MARKS = /(?<![\p{L}\p{N}\p{M}])\p{M}+/gu;
function withoutLooseMarks(value: string): string {
  return value.replace(LOOSE_MARKS, '');
}

// As the writer escapes names with a given part (escapeCharacter in lib/output/value.js).
const LATEX_SPECIAL: Record<string, string> = { '\\': '\\textbackslash{}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}' };
function latexEscaped(value: string): string {
  return value.replace(/[\\{}&%$#_~^]/g, (c) => LATEX_SPECIAL[c] ?? `\\${c}`);
}

type CslName = NonNullable<CSL['author']>[number];

// The writer's test for a name it writes unescaped (formatName in lib/output/value.js, after the mapping of
// lib/mapping/shared.js turns a CSL literal into a family name).
function safeName(name: CslName): CslName {
  const clean = Object.fromEntries(Object.entries(name).map(([key, value]) => [key, typeof value === 'string' ? withoutLooseMarks(withoutUnsafeCharacters(value)) : value])) as CslName;
  if (clean.given || clean['non-dropping-particle'] || clean.suffix) return clean;
  if (clean.family) return { ...clean, family: latexEscaped(clean.family) };
  return clean.literal ? { ...clean, literal: latexEscaped(clean.literal) } : clean;
}

/** A CSL item as @citation-js/plugin-bibtex can write it without breaking the file (see above). */
export function bibtexSafeItem(item: CSL): CSL {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (typeof value === 'string') {
      const clean = withoutUnsafeCharacters(value);
      safe[key] = VERBATIM.has(key) ? percentEncodeBraces(clean) : key === 'id' || key === 'citation-key' || key === 'type' ? clean : plainText(clean);
    } else if (key === 'author' || key === 'editor') {
      safe[key] = (value as CslName[]).map(safeName);
    } else {
      safe[key] = value;
    }
  }
  return safe as CSL;
}
