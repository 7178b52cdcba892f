import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { safeUrl } from '../../identity/index.ts';
import { barChartSvg, type BarChart } from './bar-chart-svg.ts';

// The one place where markup built from data reaches a page through set:html. The chart writer
// (bar-chart-svg.ts) escapes every text and attribute value it writes (&, <, >, ", ' become entities),
// which tests/site/render-chart.test.ts checks with hostile labels. As a second line
// of defence the SVG is parsed as the browser will parse it — with parse5, the WHATWG HTML parser, which
// reads inline <svg> as foreign content — and refused if the tree could run script: a <script> or
// <foreignObject> element, an animation element (SMIL <set> and <animate> can rewrite an href), an element outside the SVG namespace (HTML breaking out of the SVG), an event
// handler attribute (on…), or an href / xlink:href that is neither a fragment (#clip1) nor an http(s) URL
// (src/identity/links.ts). Text is never inspected: a label may say "one = baseline" or "javascript: an
// overview". A refused chart fails the build loudly instead of shipping something unsafe.

// Exported API: renderChartSvg(chart), unsafeSvgPart(svg), UnsafeChartError.

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

/** The chart's SVG markup, checked; throws UnsafeChartError when it could run script, or when a count cannot be drawn. */
export function renderChartSvg(chart: BarChart): string {
  const svg = barChartSvg(chart);
  const unsafe = unsafeSvgPart(svg);
  if (unsafe !== null) throw new UnsafeChartError(`chart SVG contains ${unsafe}, which could run script; refusing to render it`);
  return svg;
}
