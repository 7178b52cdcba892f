import type { Author } from '../records/index.ts';

// Several APIs (OpenAlex, arXiv, Semantic Scholar) give only a display name. Splitting it is a guess;
// the rule follows BibTeX's "First von Last": the last word is the family name, together with any
// name particles right before it ("Adrian Del Maestro" → Del Maestro, "Ludwig van Beethoven" → van
// Beethoven). "Family, Given" is taken as written.
const particles = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'la', 'le', 'ter', 'ten', 'bin', 'al',
]);
const suffixes = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

export function splitName(name: string): Author | null {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const comma = clean.indexOf(',');
  if (comma > 0) {
    const family = clean.slice(0, comma).trim();
    const given = clean.slice(comma + 1).trim();
    if (family && !suffixes.test(given)) return given ? { family, given } : { family };
  }
  const words = clean.split(' ');
  let suffix = '';
  if (words.length > 2 && suffixes.test(words[words.length - 1] ?? '')) suffix = words.pop() ?? '';
  if (words.length === 1) return { family: words[0] ?? clean };
  let start = words.length - 1;
  while (start > 1 && particles.has((words[start - 1] ?? '').toLowerCase())) start -= 1;
  const family = words.slice(start).join(' ');
  const given = [words.slice(0, start).join(' '), suffix].filter(Boolean).join(' ');
  return given ? { family, given } : { family };
}
