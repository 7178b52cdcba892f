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
