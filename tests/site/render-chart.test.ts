import { readdirSync, readFileSync } from 'node:fs';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { renderChartSvg, unsafeSvgPart } from '../../src/components/charts/render-chart.ts';
import { confidenceSpec, evidenceByFacetSpec, papersPerYearSpec } from '../../src/components/charts/chart-specs.ts';
import { compactSvg } from '../../src/components/charts/compact-svg.ts';

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
    const marks = /<g class="mark-rect[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? '';
    const bars = marks.match(/<path /g) ?? [];
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

// Finding 2 of issue 10: labels that read, as text, like an event handler or a javascript: URL are ordinary
// labels (hostile-characters.json carries two, invented), and must render.
const characters = Synthesis.parse(JSON.parse(readFileSync(new URL('../fixtures/site/hostile-characters.json', import.meta.url), 'utf8')));

describe('the structural check on chart SVG', () => {
  it('renders labels that only read like script: "one = baseline", "javascript: an overview"', async () => {
    const svg = await renderChartSvg(evidenceByFacetSpec(characters.facetEvidence));
    expect(svg).toContain('>one = baseline<');
    expect(svg).toContain('code written in javascript: an');
  });

  it('accepts text of any kind and the fragment and http(s) links vega writes', () => {
    expect(unsafeSvgPart('<svg xmlns="http://www.w3.org/2000/svg"><text>onclick = alert(1) javascript:alert(1) &lt;script&gt;</text></svg>')).toBeNull();
    expect(unsafeSvgPart('<svg><g clip-path="url(#clip1)"><a href="#x"><text>x</text></a><a href="https://example.org/"><text>y</text></a></g></svg>')).toBeNull();
  });

  // Invented markup, each a known way to run script from inline SVG (vega escapes labels, so none of these
  // can come from data; the check is the second line of defence).
  it.each([
    ['<svg><script>alert(1)</script></svg>', /<script>/],
    ['<svg><SCRIPT>alert(1)</SCRIPT></svg>', /<script>/],
    ['<svg onload="alert(1)"></svg>', /event handler attribute onload/],
    ['<svg><g ONCLICK="alert(1)"></g></svg>', /event handler attribute onclick/],
    ['<svg><foreignObject><div>x</div></foreignObject></svg>', /<foreignObject>/],
    ['<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', /href="javascript:alert\(1\)"/],
    ['<svg><a xlink:href=" JaVaScRiPt:alert(1)"><text>x</text></a></svg>', /xlink:href=/],
    ['<svg><image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/></svg>', /href="data:/],
    ['<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', /<set>/],
    ['<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', /<animate>/],
    ['<svg><p>HTML breaking out of the SVG</p><img src=x onerror=alert(1)></svg>', /<p> outside the SVG namespace/],
  ])('refuses %s', (svg, reason) => {
    expect(unsafeSvgPart(svg)).toMatch(reason);
  });
});

// renderChartSvg compiles and parses each chart layout once and feeds every chart its own values (issue 13). The
// pictures must be the ones a direct compile of each whole spec draws, byte for byte, whatever was drawn before:
// here the committed demo reviews' charts (real data), drawn interleaved, so that charts of one layout follow
// charts of others, against each spec compiled, parsed and drawn on its own.
const demoDir = new URL('../../src/content/syntheses/', import.meta.url);
const demos = readdirSync(demoDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => Synthesis.parse(JSON.parse(readFileSync(new URL(f, demoDir), 'utf8'))));

async function drawnDirectly(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return compactSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}

describe('charts drawn from a layout compiled once', () => {
  it('draw the same SVG as each spec compiled on its own, in any order', async () => {
    expect(demos.length).toBeGreaterThanOrEqual(3);
    const specs = [hostile, characters, ...demos].flatMap((s) => [
      evidenceByFacetSpec(s.facetEvidence),
      confidenceSpec(s.figures.confidence),
      papersPerYearSpec(s.figures.papersPerYear),
    ]);
    const interleaved = [...specs, ...[...specs].reverse()];
    const drawn = await Promise.all(interleaved.map((spec) => renderChartSvg(spec)));
    for (const [i, spec] of interleaved.entries()) expect(drawn[i]).toBe(await drawnDirectly(spec));
  });
});
