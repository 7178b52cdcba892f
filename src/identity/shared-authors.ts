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
  const keys = new Set(a.authors.map(authorKey).filter((k) => k !== null));
  return b.authors.some((x) => {
    const k = authorKey(x);
    return k !== null && keys.has(k);
  });
}
