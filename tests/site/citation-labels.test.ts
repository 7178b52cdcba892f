import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citationGroup, referenceNumbers } from '../../src/components/citation-labels.ts';
import { referenceFormatter } from '../../src/cite/references.ts';
import { readLocalStyles } from '../../src/store/csl-styles.ts';
import { parseCslJson } from '../../src/sources/csl-json.ts';

// Reference lists as the runner stores them (citeproc's entries and in-text labels) for real corpus
// papers: one author, two authors, and the two 2024 papers by Boi, Esposito and Lee.
const corpus = parseCslJson(readFileSync(new URL('../../corpora/code-security.csl.json', import.meta.url), 'utf8'), 'code-security');
const withAuthors = (n: number) => corpus.find((paper) => paper.authors.length === n && paper.year !== null)!;
const boi = corpus.filter((paper) => paper.authors[0]?.family === 'Boi' && paper.year === 2024);
const papers = [withAuthors(1), withAuthors(2), ...boi];
const formatReferences = referenceFormatter(readLocalStyles());
const apa = { references: formatReferences(papers, 'apa'), citationStyle: 'apa' as const };
const vancouver = { references: formatReferences(papers, 'vancouver'), citationStyle: 'vancouver' as const };

describe('inline citations', () => {
  it('numbers references by their position in the reference list', () => {
    const numbers = referenceNumbers(apa.references);
    apa.references.forEach((reference, index) => expect(numbers.get(reference.paper)).toBe(index + 1));
  });

  it('cites vancouver by number, ascending, each linked to its reference', () => {
    const group = citationGroup([papers[3]!.id, papers[0]!.id, papers[3]!.id], vancouver);
    expect(group.numeric).toBe(true);
    expect(group.items.map((item) => [item.text, item.n])).toEqual([['1', 1], ['4', 4]]);
  });

  it('cites APA by the stored label, in the order given, with the year suffix the reference list prints', () => {
    expect(boi).toHaveLength(2);
    const group = citationGroup([boi[1]!.id, papers[1]!.id, boi[0]!.id], apa);
    expect(group.numeric).toBe(false);
    const two = papers[1]!;
    expect(group.items.map((item) => item.text)).toEqual([
      'Boi et al., 2024b',
      `${two.authors[0]!.family} & ${two.authors[1]!.family}, ${two.year}`,
      'Boi et al., 2024a',
    ]);
    for (const item of group.items) {
      const reference = apa.references[item.n! - 1]!;
      expect(reference.paper).toBe(item.paper);
      const suffix = /\d{4}([a-z])$/.exec(item.text)?.[1];
      if (suffix) expect(reference.text).toContain(`(2024${suffix})`);
    }
  });

  it('numbers each citation by its own review\'s list when another list holds the same papers in another order', () => {
    const reversed = { references: [...vancouver.references].reverse(), citationStyle: 'vancouver' as const };
    const cite = (synthesis: typeof vancouver) => citationGroup([papers[0]!.id], synthesis).items[0]!.n;
    expect([cite(vancouver), cite(reversed), cite(vancouver)]).toEqual([1, papers.length, 1]);
  });

  it('marks a paper missing from the reference list instead of inventing a label or a link', () => {
    for (const synthesis of [apa, vancouver]) {
      expect(citationGroup(['doi:10.0/absent'], synthesis).items).toEqual([{ paper: 'doi:10.0/absent', n: null, text: '?' }]);
    }
  });
});
