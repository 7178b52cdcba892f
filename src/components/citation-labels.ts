import type { Synthesis } from '../records/index.ts';

// Inline citations on a report page. The numeric style (vancouver) cites by the reference's position
// in the list, [n]; the author-date styles (apa, harvard1, chicago author-date, mla) cite (Author, Year).
// Every citation links to the reference it names (design rule 2), so the anchor is the number either way.

type Paper = Synthesis['papers'][number];

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

// APA joins two authors with "&", the other author-date styles with "and"; three or more become
// "First et al." (APA 7 §8.17, Harvard and Chicago author-date agree for in-text use).
export function authorYear(paper: Paper | undefined, style: Synthesis['citationStyle']): string {
  if (!paper) return 'unknown paper';
  const year = paper.year === null ? 'n.d.' : String(paper.year);
  const families = paper.authors.map((author) => author.family).filter((family) => family.length > 0);
  const joiner = style === 'apa' ? ' & ' : ' and ';
  let who: string;
  if (families.length === 0) who = shortTitle(paper.title);
  else if (families.length === 1) who = families[0]!;
  else if (families.length === 2) who = `${families[0]}${joiner}${families[1]}`;
  else who = `${families[0]} et al.`;
  return style === 'mla' ? who : `${who}, ${year}`;
}

function shortTitle(title: string): string {
  const words = title.split(/\s+/).filter(Boolean);
  return words.length <= 4 ? `“${words.join(' ')}”` : `“${words.slice(0, 4).join(' ')} …”`;
}

// Two works with the same author-date label ("Boi et al., 2024") are told apart by a letter after
// the year, assigned in reference-list order (APA 7 §8.19; citeproc's year-suffix does the same, so
// the letters match the formatted reference list).
const labelCache = new WeakMap<object, Map<string, string>>();

export function authorYearLabels(synthesis: Pick<Synthesis, 'papers' | 'references' | 'citationStyle'>): Map<string, string> {
  const cached = labelCache.get(synthesis.references);
  if (cached) return cached;
  const papers = new Map(synthesis.papers.map((paper) => [paper.id, paper]));
  const ordered = [...new Set([...synthesis.references.map((reference) => reference.paper), ...synthesis.papers.map((paper) => paper.id)])];
  const base = new Map(ordered.map((id) => [id, authorYear(papers.get(id), synthesis.citationStyle)]));
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const label of base.values()) total.set(label, (total.get(label) ?? 0) + 1);
  const labels = new Map<string, string>();
  for (const [id, label] of base) {
    const paper = papers.get(id);
    if ((total.get(label) ?? 0) < 2 || synthesis.citationStyle === 'mla' || !paper) {
      labels.set(id, label);
      continue;
    }
    const index = seen.get(label) ?? 0;
    seen.set(label, index + 1);
    labels.set(id, `${label}${String.fromCharCode(97 + (index % 26))}`);
  }
  labelCache.set(synthesis.references, labels);
  return labels;
}

export function citationGroup(
  paperIds: readonly string[],
  synthesis: Pick<Synthesis, 'papers' | 'references' | 'citationStyle'>,
): CitationGroup {
  const numbers = referenceNumbers(synthesis.references);
  const numeric = isNumericStyle(synthesis.citationStyle);
  const labels = numeric ? null : authorYearLabels(synthesis);
  const seen = new Set<string>();
  const items: CitationItem[] = [];
  for (const id of paperIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const n = numbers.get(id) ?? null;
    const text = labels ? (labels.get(id) ?? 'unknown paper') : n === null ? '?' : String(n);
    items.push({ paper: id, n, text });
  }
  // Numeric citations read in ascending order ([1, 3]), as Vancouver lists them.
  if (numeric) items.sort((a, b) => (a.n ?? Infinity) - (b.n ?? Infinity));
  return { numeric, items };
}
