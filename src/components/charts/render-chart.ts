import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { safeUrl } from '../../identity/index.ts';
import { compactSvg } from './compact-svg.ts';

// The one place where markup built from data reaches a page through set:html. Vega's SVG renderer
// escapes text content and attribute values itself (vega-scenegraph markup(): &, <, >, " become
// entities), which tests/site/render-chart.test.ts checks with hostile labels. As a second line
// of defence the SVG is parsed as the browser will parse it — with parse5, the WHATWG HTML parser, which
// reads inline <svg> as foreign content — and refused if the tree could run script: a <script> or
// <foreignObject> element, an animation element (SMIL <set> and <animate> can rewrite an href), an element outside the SVG namespace (HTML breaking out of the SVG), an event
// handler attribute (on…), or an href / xlink:href that is neither a fragment (#clip1) nor an http(s) URL
// (src/identity/links.ts). Text is never inspected: a label may say "one = baseline" or "javascript: an
// overview". A refused chart fails the build loudly instead of shipping something unsafe.

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const SCRIPTING_ELEMENTS = new Set(['script', 'foreignobject', 'set', 'animate', 'animatemotion', 'animatetransform']);
const URL_ATTRIBUTES = new Set(['href', 'xlink:href']);

export class UnsafeChartError extends Error {}

function* elementsOf(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* elementsOf(child as Node);
}

function unsafePart(element: Element): string | null {
  if (element.namespaceURI !== SVG_NAMESPACE) return `<${element.tagName}> outside the SVG namespace`;
  if (SCRIPTING_ELEMENTS.has(element.tagName.toLowerCase())) return `a <${element.tagName}> element`;
  for (const { name, value, prefix } of element.attrs) {
    const qualified = prefix ? `${prefix}:${name}` : name;
    if (/^on/i.test(name)) return `an event handler attribute ${qualified}`;
    if (URL_ATTRIBUTES.has(qualified.toLowerCase()) && !value.trim().startsWith('#') && safeUrl(value) === null) {
      return `${qualified}="${value}"`;
    }
  }
  return null;
}

/** Why the SVG markup could run script in a page, or null when it cannot. */
export function unsafeSvgPart(svg: string): string | null {
  for (const element of elementsOf(parseFragment(svg))) {
    const part = unsafePart(element);
    if (part !== null) return part;
  }
  return null;
}

// Compiling a Vega-Lite spec and parsing the Vega spec it gives took two thirds of a chart's time (issue 13: 13 ms a
// chart, 5 s of a 100-review build, the largest cost of the build), and neither depends on the data, only on the layout
// (widths, steps, label offsets), of which the reports have a handful. So a layout, the spec with its inline values
// replaced by a named data set, is compiled and parsed once; each chart gets a fresh View of it, fed its own values.
// A fresh View each time, never one reused: a reused View keeps its scenegraph items and writes the same picture with
// elements in another order, so a page's bytes would depend on the pages built before it, and two shards would not
// merge into the single build.
const VALUES = 'values';
const MAX_LAYOUTS = 256;
const parsedLayouts = new Map<string, vega.Runtime>();

function parsedLayout(layout: TopLevelSpec): vega.Runtime {
  const key = JSON.stringify(layout);
  let runtime = parsedLayouts.get(key);
  if (runtime === undefined) {
    runtime = vega.parse(vl.compile(layout).spec);
    // Bounded: the cache is for a build's few layouts; a spec with values in its layout would otherwise grow it forever.
    if (parsedLayouts.size >= MAX_LAYOUTS) parsedLayouts.clear();
    parsedLayouts.set(key, runtime);
  }
  return runtime;
}

function inlineValues(spec: TopLevelSpec): unknown[] | null {
  const data = 'data' in spec ? spec.data : undefined;
  return data && 'values' in data && Array.isArray(data.values) ? data.values : null;
}

export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const values = inlineValues(spec);
  // renderer 'none': no canvas or DOM is needed to produce SVG markup (vega View API, toSVG()).
  const view =
    values === null
      ? new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' })
      : new vega.View(parsedLayout({ ...spec, data: { name: VALUES } } as TopLevelSpec), { renderer: 'none' }).data(VALUES, values);
  try {
    const svg = compactSvg(await view.toSVG());
    const unsafe = unsafeSvgPart(svg);
    if (unsafe !== null) throw new UnsafeChartError(`chart SVG contains ${unsafe}, which could run script; refusing to render it`);
    return svg;
  } finally {
    view.finalize();
  }
}
