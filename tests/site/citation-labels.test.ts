import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Synthesis } from '../../src/records/index.ts';
import { authorYear, citationGroup, referenceNumbers } from '../../src/components/citation-labels.ts';
import { parseCslJson } from '../../src/sources/csl-json.ts';

// Real author lists and years from the committed corpus, read by the local-corpus parser and shaped as the
// included papers of a synthesis.
const corpus = parseCslJson(readFileSync(new URL('../../corpora/code-security.csl.json', import.meta.url), 'utf8'), 'code-security');
const withAuthors = (n: number) => corpus.find((paper) => paper.authors.length === n && paper.year !== null)!;
const picks = [withAuthors(1), withAuthors(2), corpus.find((paper) => paper.authors.length >= 3 && paper.year !== null)!];
const papers = picks.map((paper) => ({ ...paper, relevance: 0.5, facets: [] })) satisfies Synthesis['papers'];
const references = [...papers].reverse().map((paper) => ({ paper: paper.id, text: paper.title }));

describe('inline citations', () => {
  it('numbers references by their position in the reference list', () => {
    const numbers = referenceNumbers(references);
    expect(numbers.get(papers[2]!.id)).toBe(1);
    expect(numbers.get(papers[0]!.id)).toBe(3);
  });

  it('cites vancouver by number, ascending, each linked to its reference', () => {
    const group = citationGroup([papers[0]!.id, papers[2]!.id, papers[0]!.id], { papers, references, citationStyle: 'vancouver' });
    expect(group.numeric).toBe(true);
    expect(group.items.map((item) => item.text)).toEqual(['1', '3']);
    expect(group.items.map((item) => item.n)).toEqual([1, 3]);
  });

  it('cites APA by author and year: one author, "A & B", "A et al."', () => {
    const [one, two, many] = papers;
    expect(authorYear(one, 'apa')).toBe(`${one!.authors[0]!.family}, ${one!.year}`);
    expect(authorYear(two, 'apa')).toBe(`${two!.authors[0]!.family} & ${two!.authors[1]!.family}, ${two!.year}`);
    expect(authorYear(two, 'harvard1')).toBe(`${two!.authors[0]!.family} and ${two!.authors[1]!.family}, ${two!.year}`);
    expect(authorYear(many, 'apa')).toBe(`${many!.authors[0]!.family} et al., ${many!.year}`);
  });

  it('tells apart two works with the same author and year by a letter, in reference-list order', () => {
    // Real case: the flagship review cites two 2024 papers by Boi, Esposito and Lee.
    const twin = { ...papers[2]!, id: 'code-security:twin', title: 'Another paper by the same authors' };
    const withTwin = [...papers, twin];
    const refs = [...references, { paper: twin.id, text: twin.title }];
    const group = citationGroup([twin.id, papers[2]!.id], { papers: withTwin, references: refs, citationStyle: 'apa' });
    const label = authorYear(papers[2], 'apa');
    expect(group.items.map((item) => item.text)).toEqual([`${label}b`, `${label}a`]);
  });

  it('marks a paper missing from the reference list instead of inventing a link', () => {
    const group = citationGroup(['doi:10.0/absent'], { papers, references, citationStyle: 'vancouver' });
    expect(group.items).toEqual([{ paper: 'doi:10.0/absent', n: null, text: '?' }]);
  });

  it('writes n.d. for a paper without a year (invented edge case: the corpus records all have years)', () => {
    expect(authorYear({ ...papers[0]!, year: null }, 'apa')).toMatch(/, n\.d\.$/);
  });
});
