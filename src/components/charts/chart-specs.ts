import type { Synthesis } from '../../records/index.ts';
import { wrapText } from '../wrap-text.ts';
import type { BarChart } from './bar-chart-svg.ts';

// The report's charts, described for bar-chart-svg.ts. They only lay out numbers the pipeline stored
// (facetEvidence, figures.*); nothing here counts claims or papers.
//
// Exported API: VERDICT_LABELS, evidenceByFacetSpec(facetEvidence), confidenceSpec(bins), papersPerYearSpec(rows).

export const VERDICT_LABELS = {
  supported: 'Supported',
  contradicted: 'Contradicted',
  insufficient: 'Not enough evidence',
} as const;

// Colour-blind-safe and dark enough for white text and for 3:1 against the white background
// (WCAG 2.2 SC 1.4.11); the legend names each colour, so colour is never the only cue.
const VERDICT_COLOURS = ['#1d6b3a', '#a3231b', '#6e6e6e'];

const VERDICTS = ['supported', 'contradicted', 'insufficient'] as const;

function verdictSeries(rows: readonly Record<(typeof VERDICTS)[number], number>[]) {
  return VERDICTS.map((verdict, i) => ({ name: VERDICT_LABELS[verdict], colour: VERDICT_COLOURS[i]!, values: rows.map((row) => row[verdict]) }));
}

// Facet labels are sentences ("Fine-tuning strategies compared (multi-task, …)"); wrapped onto lines
// of LABEL_CHARS characters, they stay whole instead of being cut with an ellipsis.
const LABEL_CHARS = 30;
const LABEL_LINE_HEIGHT = 15;

export function evidenceByFacetSpec(facetEvidence: Synthesis['facetEvidence']): BarChart {
  const categories = facetEvidence.map((facet) => wrapText(facet.label, LABEL_CHARS));
  const lines = Math.max(1, ...categories.map((label) => label.length));
  return {
    orient: 'horizontal',
    categories,
    series: verdictSeries(facetEvidence),
    valueTitle: 'Claims',
    categoryTitle: null,
    legendTitle: 'Verdict',
    valueSize: 420,
    step: Math.max(28, lines * LABEL_LINE_HEIGHT + 10),
    barSize: 22,
  };
}

export function confidenceSpec(bins: Synthesis['figures']['confidence']): BarChart {
  return {
    orient: 'vertical',
    categories: bins.map((bin) => [`${Math.round(bin.from * 100)}–${Math.round(bin.to * 100)}`]),
    series: verdictSeries(bins),
    valueTitle: 'Claims',
    categoryTitle: 'Confidence (%)',
    legendTitle: 'Verdict',
    valueSize: 200,
    // One step per bin keeps ten bins' labels ("90–100") from running into each other.
    step: 46,
  };
}

export function papersPerYearSpec(rows: Synthesis['figures']['papersPerYear']): BarChart {
  return {
    orient: 'vertical',
    categories: rows.map((row) => [String(row.year)]),
    series: [{ name: 'Included papers', colour: '#0b55b3', values: rows.map((row) => row.count) }],
    valueTitle: 'Included papers',
    categoryTitle: 'Publication year',
    legendTitle: null,
    valueSize: 200,
    // A fixed step keeps a three-year review from drawing three slabs across the whole width.
    step: rows.length > 16 ? 24 : 40,
    angledLabels: rows.length > 12,
  };
}
