import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { renderChartSvg } from '../../src/components/charts/render-chart.ts';
import { confidenceSpec, evidenceByFacetSpec, papersPerYearSpec } from '../../src/components/charts/chart-specs.ts';

// The chart SVG is the one piece of markup a page inserts with set:html, so its escaping is tested
// here with the hostile fixture's facet label (invented data: real facet labels carry no markup).
const hostile = Synthesis.parse(JSON.parse(readFileSync(new URL('../fixtures/site/hostile-synthesis.json', import.meta.url), 'utf8')));

describe('server-side charts', () => {
  it('escapes hostile labels and never emits a script element', async () => {
    const svg = await renderChartSvg(evidenceByFacetSpec(hostile.facetEvidence));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;');
  });

  it('draws one bar per facet and verdict that has claims', async () => {
    const svg = await renderChartSvg(evidenceByFacetSpec(hostile.facetEvidence));
    const bars = svg.match(/aria-roledescription="bar"/g) ?? [];
    const nonZero = hostile.facetEvidence.flatMap((f) => [f.supported, f.contradicted, f.insufficient]).filter((n) => n > 0);
    // zero-height bars are drawn too, but only non-zero ones have width; count every datum
    expect(bars.length).toBe(hostile.facetEvidence.length * 3);
    expect(nonZero.length).toBe(3);
  });

  it('renders the confidence and papers-per-year charts with their axis titles', async () => {
    const confidence = await renderChartSvg(confidenceSpec(hostile.figures.confidence));
    expect(confidence).toContain('>Confidence (%)<');
    expect(confidence).toContain('>60–80<');
    const years = await renderChartSvg(papersPerYearSpec(hostile.figures.papersPerYear));
    for (const { year } of hostile.figures.papersPerYear) expect(years).toContain(`>${year}<`);
  });

  it('gives the same SVG for the same data', async () => {
    const spec = papersPerYearSpec(hostile.figures.papersPerYear);
    expect(await renderChartSvg(spec)).toBe(await renderChartSvg(spec));
  });
});
