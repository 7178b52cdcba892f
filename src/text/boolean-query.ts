// A search built from a question's facets: every facet must be met (AND), any of its terms meets it (OR).
// It is written in the question file in one neutral syntax, the one OpenAlex and Europe PMC read as it is
// (uppercase AND/OR, parentheses, double-quoted phrases: OpenAlex "Searching" guide, developers.openalex.org;
// Europe PMC search syntax reference), and each live source turns it into its own (src/sources/*.ts).

/** AND of groups, each an OR of terms. */
export type QueryGroups = readonly (readonly string[])[];

// A term that is more than letters and digits is a phrase: quoted, so a database matches it whole.
function writeTerm(term: string): string {
  const clean = term.replace(/["()]/g, ' ').replace(/\s+/g, ' ').trim();
  return /^[\p{L}\p{N}]+$/u.test(clean) && !/^(?:AND|OR|NOT)$/.test(clean) ? clean : `"${clean}"`;
}

/** The query in the neutral syntax: `("fine-tuning" OR finetuning) AND (Codestral)`. */
export function writeBooleanQuery(groups: QueryGroups): string {
  return groups
    .filter((g) => g.length > 0)
    .map((g) => `(${g.map(writeTerm).join(' OR ')})`)
    .join(' AND ');
}

const GROUP = /\(((?:[^()"]|"[^"]*")*)\)/g;

/**
 * The groups of a query written by writeBooleanQuery; null for any other query (plain words, or Boolean
 * syntax of another shape), which sources then send as they always have.
 */
export function parseBooleanQuery(query: string): string[][] | null {
  const trimmed = query.trim();
  const groups = [...trimmed.matchAll(GROUP)];
  if (groups.length === 0) return null;
  const rebuilt = groups.map((g) => g[0]).join(' AND ');
  if (rebuilt !== trimmed) return null;
  const parsed = groups.map((g) => {
    const terms = [...g[1]!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).filter((t) => t !== 'OR');
    return terms;
  });
  // Every term inside a group is joined by OR: "(a b)" is not this syntax.
  const ok = groups.every((g) => {
    const parts = [...g[1]!.matchAll(/"[^"]*"|\S+/g)].map((m) => m[0]);
    return parts.length % 2 === 1 && parts.every((p, i) => (i % 2 === 1 ? p === 'OR' : p !== 'OR'));
  });
  return ok && parsed.every((g) => g.length > 0) ? parsed : null;
}

/**
 * The query as plain words, for a database without Boolean search: each distinct word of its terms once,
 * in order. `hyphens: 'space'` splits hyphenated words, for Semantic Scholar, whose paper search matches
 * nothing for a hyphenated term (its API documentation, /graph/v1/paper/search).
 */
export function plainWords(groups: QueryGroups, hyphens: 'keep' | 'space' = 'keep'): string {
  const words: string[] = [];
  for (const term of groups.flat()) {
    for (const word of (hyphens === 'space' ? term.replace(/-/g, ' ') : term).split(/\s+/)) {
      if (word !== '' && !words.some((w) => w.toLowerCase() === word.toLowerCase())) words.push(word);
    }
  }
  return words.join(' ');
}
