import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

// The one place where markup built from data reaches a page through set:html. Vega's SVG renderer
// escapes text content and attribute values itself (vega-scenegraph markup(): &, <, >, " become
// entities), which tests/site/render-chart.test.ts checks with hostile labels. As a second line of
// defence the output is refused if it could run script: a <script> or <foreignObject> element, an
// on* event attribute, or a javascript: URL. A refused chart fails the build loudly instead of
// shipping something unsafe.

const UNSAFE = /<\s*script|<\s*foreignObject|\son[a-z]+\s*=|javascript:/i;

export class UnsafeChartError extends Error {}

export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  // renderer 'none': no canvas or DOM is needed to produce SVG markup (vega View API, toSVG()).
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    if (UNSAFE.test(svg)) throw new UnsafeChartError('chart SVG contains markup that could run script; refusing to render it');
    return svg;
  } finally {
    view.finalize();
  }
}
