import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { renderChartSvg } from '../../src/components/charts/render-chart.ts';
import { confidenceSpec, evidenceByFacetSpec } from '../../src/components/charts/chart-specs.ts';
import { compactSvg } from '../../src/components/charts/compact-svg.ts';
import { attr, byTag, parseHtml, textOf } from './built-html.ts';

// The stored flagship review's charts, as the report page renders them.
const s = Synthesis.parse(JSON.parse(readFileSync(new URL('../../src/content/syntheses/finetuning-robustness-codestral.json', import.meta.url), 'utf8')));

describe('compactSvg', () => {
  it('keeps every element, text and label of the chart, with one font on the root', async () => {
    for (const spec of [evidenceByFacetSpec(s.facetEvidence), confidenceSpec(s.figures.confidence)]) {
      const svg = await renderChartSvg(spec);
      const texts = byTag(parseHtml(svg), 'text').map(textOf);
      expect(texts.length).toBeGreaterThan(5);
      expect(svg.match(/ font-family=/g)).toHaveLength(1);
      expect(attr(byTag(parseHtml(svg), 'svg')[0]!, 'font-family')).toContain('system-ui');
      expect(svg).not.toMatch(/\d\.\d{3,}/);
      expect(svg).not.toContain(' opacity="1"');
    }
  });

  it('hides the drawing from assistive technology and leaves no labelless role in it (axe-core svg-img-alt failed before)', async () => {
    for (const spec of [evidenceByFacetSpec(s.facetEvidence), confidenceSpec(s.figures.confidence)]) {
      const svg = await renderChartSvg(spec);
      expect(attr(byTag(parseHtml(svg), 'svg')[0]!, 'aria-hidden')).toBe('true');
      expect(svg).not.toMatch(/ role=| aria-(?!hidden)/);
    }
  });

  it('rounds geometry only, never a number in a label', () => {
    const svg = '<svg font-size="1"><text transform="translate(22.499999999999982,16)" font-family="a">0.123456</text><path d="M0.3333333,1h2.6666667Z" aria-label="score 0.98765"/></svg>';
    expect(compactSvg(svg)).toBe('<svg font-family="a" aria-hidden="true" font-size="1"><text transform="translate(22.5,16)">0.123456</text><path d="M0.33,1h2.67Z" aria-label="score 0.98765"/></svg>');
  });

  it('leaves fonts where they are when texts use different ones', () => {
    const svg = '<svg><text font-family="a">x</text><text font-family="b">y</text></svg>';
    expect(compactSvg(svg)).toBe(svg);
  });
});
