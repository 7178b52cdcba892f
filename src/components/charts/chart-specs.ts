import type { TopLevelSpec } from 'vega-lite';
import type { Synthesis } from '../../records/index.ts';
import { wrapText } from '../wrap-text.ts';

// Vega-Lite specifications for the report's charts. They only lay out numbers the pipeline stored
// (facetEvidence, figures.*); nothing here counts claims or papers.

export const VERDICT_LABELS = {
  supported: 'Supported',
  contradicted: 'Contradicted',
  insufficient: 'Not enough evidence',
} as const;

// Colour-blind-safe and dark enough for white text and for 3:1 against the white background
// (WCAG 2.2 SC 1.4.11); the legend names each colour, so colour is never the only cue.
const VERDICT_COLOURS = ['#1d6b3a', '#a3231b', '#6e6e6e'];
const VERDICT_ORDER = [VERDICT_LABELS.supported, VERDICT_LABELS.contradicted, VERDICT_LABELS.insufficient];

const CONFIG = {
  // No ARIA inside the SVG: Chart.astro wraps it in role="img" with an aria-label and follows it with the data
  // table, and the children of an img are presentational (WAI-ARIA 1.2, "img" role), so Vega's per-mark roles and
  // labels were never read; they were about a quarter of each chart's bytes.
  aria: false,
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  background: '#ffffff',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1a1a1a', titleColor: '#1a1a1a', gridColor: '#e3e6ea', domainColor: '#6e6e6e', tickColor: '#6e6e6e' },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1a1a1a', titleColor: '#1a1a1a', orient: 'bottom' as const, direction: 'horizontal' as const, labelLimit: 260 },
};

const verdictColor = {
  field: 'verdict',
  type: 'nominal' as const,
  title: 'Verdict',
  scale: { domain: VERDICT_ORDER, range: VERDICT_COLOURS },
  sort: VERDICT_ORDER,
};

// Facet labels are sentences ("Fine-tuning strategies compared (multi-task, …)"); wrapped onto lines
// of LABEL_CHARS characters and split back into lines by the axis labelExpr (a Vega text mark draws an
// array as one line per element), they stay whole instead of being cut with an ellipsis.
const LABEL_CHARS = 30;
const LABEL_LINE_HEIGHT = 15;

export function evidenceByFacetSpec(facetEvidence: Synthesis['facetEvidence']): TopLevelSpec {
  const wrapped = facetEvidence.map((facet) => wrapText(facet.label, LABEL_CHARS));
  const lines = Math.max(1, ...wrapped.map((label) => label.length));
  // Vega puts the first line of a multi-line label on the tick. Every label is shifted up by half the
  // tallest label (labelOffset) and padded with blank lines above, so each one is centred on its bar.
  const labels = wrapped.map((label) => [...Array<string>(Math.floor((lines - label.length) / 2)).fill(''), ...label]);
  const values = facetEvidence.flatMap((facet, index) =>
    (['supported', 'contradicted', 'insufficient'] as const).map((verdict, verdictIndex) => ({
      facet: labels[index]!.join('\n'),
      order: index,
      verdict: VERDICT_LABELS[verdict],
      verdictOrder: verdictIndex,
      claims: facet[verdict],
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 420,
    height: { step: Math.max(28, lines * LABEL_LINE_HEIGHT + 10) },
    data: { values },
    mark: { type: 'bar', size: 22 },
    encoding: {
      y: { field: 'facet', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelLimit: 400, labelLineHeight: LABEL_LINE_HEIGHT, labelOffset: -((lines - 1) * LABEL_LINE_HEIGHT) / 2, labelExpr: "split(datum.label, '\\n')" } },
      x: { field: 'claims', type: 'quantitative', title: 'Claims', stack: 'zero', axis: { tickMinStep: 1, format: 'd' } },
      color: verdictColor,
      order: { field: 'verdictOrder' },
    },
  };
}

export function confidenceSpec(bins: Synthesis['figures']['confidence']): TopLevelSpec {
  const values = bins.flatMap((bin, index) =>
    (['supported', 'contradicted', 'insufficient'] as const).map((verdict, verdictIndex) => ({
      bin: `${Math.round(bin.from * 100)}–${Math.round(bin.to * 100)}`,
      order: index,
      verdict: VERDICT_LABELS[verdict],
      verdictOrder: verdictIndex,
      claims: bin[verdict],
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    // One step per bin keeps ten bins' labels ("90–100") from running into each other.
    width: { step: 46 },
    height: 200,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'bin', type: 'ordinal', title: 'Confidence (%)', sort: { field: 'order' }, axis: { labelAngle: 0 } },
      y: { field: 'claims', type: 'quantitative', title: 'Claims', stack: 'zero', axis: { tickMinStep: 1, format: 'd' } },
      color: verdictColor,
      order: { field: 'verdictOrder' },
    },
  };
}

export function papersPerYearSpec(rows: Synthesis['figures']['papersPerYear']): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    // A fixed step keeps a three-year review from drawing three slabs across the whole width.
    width: { step: rows.length > 16 ? 24 : 40 },
    height: 200,
    data: { values: rows.map((row) => ({ year: String(row.year), papers: row.count })) },
    mark: { type: 'bar', color: '#0b55b3' },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Publication year', axis: { labelAngle: rows.length > 12 ? -45 : 0 } },
      y: { field: 'papers', type: 'quantitative', title: 'Included papers', axis: { tickMinStep: 1, format: 'd' } },
    },
  };
}
