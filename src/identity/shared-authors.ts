import type { Author, Paper } from '../records/index.ts';

// Whether two papers share an author: a family name (case, accents and punctuation aside) with the same first
// initial. Two reports by one group are not two independent studies (the Cochrane Handbook, §5.2.2, collates
// multiple reports of one study as one): a conference paper and its journal version saying the same thing is one
// finding, not a finding and its corroboration. A shared author is a broad test (two independent studies may share
// one author); it errs on the side of "not independent", the side that keeps a "supported" label honest.

function authorKey(a: Author): string | null {
  const family = a.family.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  if (family === '') return null;
  const initial = (a.given ?? '').normalize('NFKD').replace(/[^\p{L}]/gu, '').slice(0, 1).toLowerCase();
  return `${family} ${initial}`;
}

export function sharesAnAuthor(a: Pick<Paper, 'authors'>, b: Pick<Paper, 'authors'>): boolean {
  const mine = authorKeys(a.authors);
  for (const k of authorKeys(b.authors)) if (mine.has(k)) return true;
  return false;
}

// Keys per author list, kept while the list lives: verification asks for every claim against every evidence
// paper, so one paper's authors were normalised thousands of times per review (issue 13).
const keysOf = new WeakMap<readonly Author[], ReadonlySet<string>>();

function authorKeys(authors: readonly Author[]): ReadonlySet<string> {
  let keys = keysOf.get(authors);
  if (keys === undefined) {
    keys = new Set(authors.map(authorKey).filter((k) => k !== null));
    keysOf.set(authors, keys);
  }
  return keys;
}
