import type { Synthesis } from '../records/index.ts';

// Inline citations on a report page. Each reference carries its in-text label, made by citeproc with the
// reference list (src/cite/references.ts), so year suffixes and added initials agree with the list; the
// page only joins labels: [1, 3] in the numeric style (vancouver), (Smith & Jones, 2023; Lee et al., 2024)
// in the author-date and author styles. Every citation links to the reference it names (design rule 2),
// so the anchor is the reference's number either way.

export interface CitationItem {
  paper: string;
  /** 1-based position in synthesis.references, or null when the paper has no reference entry */
  n: number | null;
  /** the text shown inside the brackets/parentheses for this paper */
  text: string;
}

export interface CitationGroup {
  numeric: boolean;
  items: CitationItem[];
}

export function isNumericStyle(style: Synthesis['citationStyle']): boolean {
  return style === 'vancouver';
}

export function referenceNumbers(references: Synthesis['references']): Map<string, number> {
  const numbers = new Map<string, number>();
  references.forEach((reference, index) => {
    if (!numbers.has(reference.paper)) numbers.set(reference.paper, index + 1);
  });
  return numbers;
}

export function referenceAnchor(n: number): string {
  return `ref-${n}`;
}

// A report's pages cite its papers many times over, each citation from its review's one references array: its numbers
// are counted once per array rather than once per citation (issue 13: per citation they were 0.4 s of a 1,000-review
// build). Keyed weakly: the numbers go with their review. The stored references are never changed.
const numbersOf = new WeakMap<Synthesis['references'], Map<string, number>>();

function numbersFor(references: Synthesis['references']): Map<string, number> {
  let numbers = numbersOf.get(references);
  if (numbers === undefined) numbersOf.set(references, (numbers = referenceNumbers(references)));
  return numbers;
}

export function citationGroup(
  paperIds: readonly string[],
  synthesis: Pick<Synthesis, 'references' | 'citationStyle'>,
): CitationGroup {
  const numbers = numbersFor(synthesis.references);
  const numeric = isNumericStyle(synthesis.citationStyle);
  const seen = new Set<string>();
  const items: CitationItem[] = [];
  for (const id of paperIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const n = numbers.get(id) ?? null;
    // A paper without a reference entry breaks rule 2 (the citation-integrity reviewer reports it); it is
    // shown as "?", unlinked, rather than given a label the reference list does not have.
    const text = n === null ? '?' : synthesis.references[n - 1]!.citation;
    items.push({ paper: id, n, text });
  }
  // Numeric citations read in ascending order ([1, 3]), as Vancouver lists them.
  if (numeric) items.sort((a, b) => (a.n ?? Infinity) - (b.n ?? Infinity));
  return { numeric, items };
}
