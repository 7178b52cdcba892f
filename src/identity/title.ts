// Letters NFKD does not decompose into a base letter plus a mark, folded the way library catalogues
// romanise them (ALA-LC), so "Yıldırım" matches "Yildirim" and "Søren" matches "Soren".
const FOLD: Record<string, string> = { ı: 'i', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ß: 'ss', æ: 'ae', œ: 'oe', ŋ: 'n' };
// LaTeX accent commands (\'{e}, \c{c}, \"o) keep their letter; letter commands ({\i}, \ss) become it.
const LATEX_ACCENT = /\\(?:[`'^"~=.]|[uvHckrbdt](?=[\s{\\]))\s*\{?\s*(?:\\(?=[ij]\b))?([a-zA-Z])\}?/g;
const LATEX_LETTER: Record<string, string> = { i: 'i', j: 'j', o: 'o', O: 'O', l: 'l', L: 'L', ss: 'ss', ae: 'ae', AE: 'AE', oe: 'oe', OE: 'OE', aa: 'a', AA: 'A' };

/**
 * A title (or name) reduced for matching, not for display: LaTeX accents decoded and other commands and
 * braces dropped, diacritics removed (NFKD, then combining marks, so "Gonçalves" = "Goncalves"), case
 * folded, every run of punctuation, symbols and whitespace made one space.
 */
export function normaliseTitle(title: string): string {
  return title
    .replace(LATEX_ACCENT, '$1')
    .replace(/\\([a-zA-Z]+)\b\s*/g, (_, name: string) => LATEX_LETTER[name] ?? ' ')
    .replace(/\\(.)/g, '$1')
    .replace(/[{}]/g, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ıøłđðþßæœŋ]/g, (c) => FOLD[c] ?? c)
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

// British and American spellings of one word ("behaviours" / "behaviors", "randomised" / "randomized",
// "modelling" / "modeling", "analyse", "centre", "paediatric", "oestrogen"), folded to one form for matching. Both
// sides of a comparison are folded alike, so a fold that also touches words with no variant ("exercise" → "exercize")
// only matters where two different words become one, which these word endings do not make in practice.
const SPELLING: readonly (readonly [RegExp, string])[] = [
  [/^(\p{L}{2,}?)our(s|al|ed|ing|ite|ites|able|ably|ful|less|ly)?$/u, '$1or$2'],
  [/^(\p{L}{2,})is(e|es|ed|ing|ation|ations|er|ers|able)$/u, '$1iz$2'],
  [/^(\p{L}{2,})ys(e|es|ed|ing|er|ers)$/u, '$1yz$2'],
  [/^(\p{L}{2,}[aeiou])ll(ing|ed|er|ers)$/u, '$1l$2'],
  [/^(\p{L}{2,}[tb])re(s?)$/u, '$1er$2'],
  [/^(def|off|lic|pret)ence(s?)$/u, '$1ense$2'],
  [/^programme(s?)$/u, 'program$1'],
  [/^ageing$/u, 'aging'],
  [/[ao]e(?=[b-df-hj-np-tv-z])/gu, 'e'],
];

/** A normalised title (normaliseTitle) with British and American spellings of a word folded to one. */
export function foldSpelling(normalised: string): string {
  return normalised
    .split(' ')
    .map((word) => SPELLING.reduce((w, [re, to]) => w.replace(re, to), word))
    .join(' ');
}
