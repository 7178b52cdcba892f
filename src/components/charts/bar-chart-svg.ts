// Draws the report's bar charts (chart-specs.ts) as SVG markup, by hand. They are three simple stacked bar charts,
// and drawing them through Vega-Lite and Vega (a dataflow, a scenegraph and its SVG writer for each chart) was the
// largest single cost of laying out a report (issue 13: 3.2 s of a 20 s build of 300 reviews, 3.5 ms a chart); this
// writes the same picture in a few microseconds. The layout follows what Vega drew (its default paddings, "nice"
// linear scales and ticks as d3-scale computes them, its text-width estimate), so the pages look as they did.
//
// The drawing is hidden from assistive technology (aria-hidden): Chart.astro wraps it in role="img" with a label and
// follows it with a data table holding the same numbers. Every text is escaped here (escapeXml), and render-chart.ts
// still checks the markup as a second line of defence.
//
// Exported API: BarChart, barChartSvg(chart), escapeXml(text), niceTicks(max, count).

export interface BarSeries {
  /** legend label */
  name: string;
  colour: string;
  /** one count per category; stacked in series order */
  values: readonly number[];
}

export interface BarChart {
  /** 'vertical': categories along x, bars grow up; 'horizontal': categories down y, bars grow right */
  orient: 'vertical' | 'horizontal';
  /** each category's label, as one or more lines */
  categories: readonly (readonly string[])[];
  series: readonly BarSeries[];
  /** the count axis's title */
  valueTitle: string;
  /** the category axis's title (none for the facet chart, whose labels are sentences) */
  categoryTitle: string | null;
  /** a legend naming each series' colour, titled so; none for a single series */
  legendTitle: string | null;
  /** vertical: the bars' area height; horizontal: its width */
  valueSize: number;
  /** the band each category gets, in pixels */
  step: number;
  /** horizontal only: the bars' thickness (vertical bars fill 90 % of their band, as Vega's band scale does) */
  barSize?: number;
  /** vertical only: category labels turned 45 degrees */
  angledLabels?: boolean;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const FONT_SIZE = 12;
const LINE_HEIGHT = 15;
const TEXT = '#1a1a1a';
const GRID = '#e3e6ea';
const AXIS = '#6e6e6e';
const PADDING = 5;
const TICK = 5;
const LABEL_PAD = 2;
const TITLE_PAD = 4;
const LEGEND_GAP = 20;
const LEGEND_HEIGHT = 29;
const LEGEND_ENTRY_GAP = 10;
// Vega's band scale for bars: 10 % of a band between bars, 5 % of one at each end.
const PADDING_INNER = 0.1;
const PADDING_OUTER = 0.05;

/** &, <, >, " and ' as entities: text and attribute values alike can then hold any label. */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

// Vega's estimate of a text's width when no canvas measures it (vega-scenegraph textMetrics.estimateWidth), which
// laid out the charts before; generous, so a label is not clipped by the SVG's edge.
function textWidth(text: string): number {
  return Math.floor(0.8 * text.length * FONT_SIZE);
}

// Two decimals are a hundredth of a CSS pixel.
function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

// d3-array tickIncrement: a step of 1, 2 or 5 times a power of ten giving about `count` steps over the span.
function tickStep(stop: number, count: number): number {
  const step = stop / Math.max(1, count);
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * 10 ** power;
}

/**
 * The count axis for counts up to `max`: the domain's end made "nice" (d3-scale linear.nice(), ten steps) and whole
 * ticks from 0, at most `count` of them (Vega's tickCount with tickMinStep 1). A chart of zeros spans 0 to 1.
 */
export function niceTicks(max: number, count: number): { end: number; ticks: number[] } {
  let end = max > 0 ? max : 1;
  let previous = 0;
  for (let i = 0; i < 10; i++) {
    const step = tickStep(end, 10);
    if (step === previous) break;
    end = Math.ceil(end / step) * step;
    previous = step;
  }
  const step = Math.max(1, tickStep(end, Math.min(count, Math.floor(end) || 1)));
  const ticks: number[] = [];
  for (let tick = 0; tick <= end + 1e-9; tick += step) ticks.push(tick);
  return { end, ticks };
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attributes}>${escapeXml(content)}</text>`;
}

function legend(chart: BarChart, top: number): { svg: string; width: number } {
  if (chart.legendTitle === null) return { svg: '', width: 0 };
  let x = 0;
  const entries = chart.series.map((series) => {
    const entry = `<rect x="${n(x + 1)}" y="18" width="10" height="10" fill="${series.colour}"/>${text(x + 16, 27, series.name)}`;
    x += 16 + textWidth(series.name) + LEGEND_ENTRY_GAP;
    return entry;
  });
  const width = Math.max(x - LEGEND_ENTRY_GAP, textWidth(chart.legendTitle));
  return { svg: `<g transform="translate(0,${n(top)})">${text(0, 9, chart.legendTitle, ' font-weight="bold"')}${entries.join('')}</g>`, width };
}

function totals(chart: BarChart): number[] {
  return chart.categories.map((_, i) => chart.series.reduce((sum, series) => sum + series.values[i]!, 0));
}

function checkCounts(chart: BarChart): void {
  for (const series of chart.series) {
    if (series.values.length !== chart.categories.length) throw new Error(`chart series "${series.name}" has ${series.values.length} values for ${chart.categories.length} categories`);
    for (const value of series.values) {
      // A stored count below zero (or not a number) has no bar to draw; the review fails loudly instead.
      if (!Number.isFinite(value) || value < 0) throw new Error(`chart series "${series.name}" holds the count ${value}, which cannot be drawn as a bar`);
    }
  }
}

function svgRoot(width: number, height: number, body: string): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return `<svg aria-hidden="true" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${escapeXml(FONT)}" font-size="${FONT_SIZE}" fill="${TEXT}"><rect width="${w}" height="${h}" fill="#ffffff"/>${body}</svg>`;
}

function vertical(chart: BarChart): string {
  const plotWidth = chart.step * chart.categories.length;
  const plotHeight = chart.valueSize;
  const { end, ticks } = niceTicks(Math.max(0, ...totals(chart)), Math.ceil(plotHeight / 40));
  const y = (value: number) => plotHeight - (value / end) * plotHeight;
  const tickLabels = ticks.map((tick) => String(tick));
  const valueLabelWidth = Math.max(...tickLabels.map(textWidth));
  const valueTitleX = -(TICK + LABEL_PAD + valueLabelWidth + TITLE_PAD);
  const left = PADDING - valueTitleX + FONT_SIZE + 1;

  const parts: string[] = [];
  parts.push(`<g stroke="${GRID}">${ticks.map((tick) => `<line x1="0.5" x2="${n(plotWidth + 0.5)}" y1="${n(y(tick) + 0.5)}" y2="${n(y(tick) + 0.5)}"/>`).join('')}</g>`);
  const barWidth = chart.step * (1 - PADDING_INNER);
  parts.push(stackedBars(chart, (i, from, to, colour) => `<rect x="${n(i * chart.step + chart.step * PADDING_OUTER)}" y="${n(y(to))}" width="${n(barWidth)}" height="${n(y(from) - y(to))}" fill="${colour}"/>`));

  // The count axis, left.
  parts.push(`<g stroke="${AXIS}"><line x1="0.5" x2="0.5" y1="0.5" y2="${n(plotHeight + 0.5)}"/>${ticks.map((tick) => `<line x1="0.5" x2="${n(0.5 - TICK)}" y1="${n(y(tick) + 0.5)}" y2="${n(y(tick) + 0.5)}"/>`).join('')}</g>`);
  parts.push(`<g text-anchor="end">${ticks.map((tick, i) => text(-(TICK + LABEL_PAD), y(tick) + 4, tickLabels[i]!)).join('')}</g>`);
  parts.push(`<text transform="translate(${n(valueTitleX)},${n(plotHeight / 2)}) rotate(-90) translate(0,-3)" text-anchor="middle" font-weight="bold">${escapeXml(chart.valueTitle)}</text>`);

  // The category axis, below.
  const centre = (i: number) => i * chart.step + chart.step / 2;
  const labels = chart.categories.map((lines) => lines.join(' '));
  const angled = chart.angledLabels === true;
  const labelExtent = angled ? (Math.max(0, ...labels.map(textWidth)) + FONT_SIZE) * Math.SQRT1_2 : FONT_SIZE;
  parts.push(`<g stroke="${AXIS}"><line x1="0.5" x2="${n(plotWidth + 0.5)}" y1="${n(plotHeight + 0.5)}" y2="${n(plotHeight + 0.5)}"/>${chart.categories.map((_, i) => `<line x1="${n(centre(i) + 0.5)}" x2="${n(centre(i) + 0.5)}" y1="${n(plotHeight + 0.5)}" y2="${n(plotHeight + 0.5 + TICK)}"/>`).join('')}</g>`);
  parts.push(
    angled
      ? `<g text-anchor="end">${labels.map((label, i) => `<text transform="translate(${n(centre(i) + 4)},${n(plotHeight + TICK + LABEL_PAD + 4)}) rotate(-45)">${escapeXml(label)}</text>`).join('')}</g>`
      : `<g text-anchor="middle">${labels.map((label, i) => text(centre(i), plotHeight + 16, label)).join('')}</g>`,
  );
  const titleY = plotHeight + 19 + labelExtent;
  if (chart.categoryTitle !== null) parts.push(text(plotWidth / 2, titleY, chart.categoryTitle, ' text-anchor="middle" font-weight="bold"'));

  const key = legend(chart, titleY + LEGEND_GAP);
  parts.push(key.svg);
  const labelOverhang = angled ? 0 : Math.max(0, ...labels.map((label, i) => centre(i) + textWidth(label) / 2)) - plotWidth;
  const width = left + Math.max(plotWidth + Math.max(0, labelOverhang), key.width) + PADDING;
  const height = PADDING + titleY + (chart.legendTitle === null ? 2 : LEGEND_GAP + LEGEND_HEIGHT) + PADDING;
  return svgRoot(width, height, `<g transform="translate(${n(left)},${PADDING})">${parts.join('')}</g>`);
}

function horizontal(chart: BarChart): string {
  const plotWidth = chart.valueSize;
  const plotHeight = chart.step * chart.categories.length;
  const { end, ticks } = niceTicks(Math.max(0, ...totals(chart)), Math.ceil(plotWidth / 40));
  const x = (value: number) => (value / end) * plotWidth;
  const labelWidth = Math.max(0, ...chart.categories.flatMap((lines) => lines.map(textWidth)));
  const left = PADDING + TICK + LABEL_PAD + labelWidth;
  const barSize = chart.barSize ?? chart.step * (1 - PADDING_INNER);

  const parts: string[] = [];
  parts.push(`<g stroke="${GRID}">${ticks.map((tick) => `<line x1="${n(x(tick) + 0.5)}" x2="${n(x(tick) + 0.5)}" y1="0.5" y2="${n(plotHeight + 0.5)}"/>`).join('')}</g>`);
  parts.push(stackedBars(chart, (i, from, to, colour) => `<rect x="${n(x(from))}" y="${n(i * chart.step + (chart.step - barSize) / 2)}" width="${n(x(to) - x(from))}" height="${n(barSize)}" fill="${colour}"/>`));

  // The category axis, left: each label's lines centred on its bar.
  const centre = (i: number) => i * chart.step + chart.step / 2;
  parts.push(`<g stroke="${AXIS}"><line x1="0.5" x2="0.5" y1="0.5" y2="${n(plotHeight + 0.5)}"/>${chart.categories.map((_, i) => `<line x1="0.5" x2="${n(0.5 - TICK)}" y1="${n(centre(i) + 0.5)}" y2="${n(centre(i) + 0.5)}"/>`).join('')}</g>`);
  const labelX = -(TICK + LABEL_PAD);
  const labels = chart.categories.map((lines, i) => {
    const first = centre(i) - ((lines.length - 1) * LINE_HEIGHT) / 2 + 4;
    return `<text x="${n(labelX)}" y="${n(first)}">${lines.map((line, j) => (j === 0 ? `<tspan>${escapeXml(line)}</tspan>` : `<tspan x="${n(labelX)}" dy="${LINE_HEIGHT}">${escapeXml(line)}</tspan>`)).join('')}</text>`;
  });
  parts.push(`<g text-anchor="end">${labels.join('')}</g>`);

  // The count axis, below; its first and last labels kept inside the plot's width, as Vega's labelFlush does.
  parts.push(`<g stroke="${AXIS}"><line x1="0.5" x2="${n(plotWidth + 0.5)}" y1="${n(plotHeight + 0.5)}" y2="${n(plotHeight + 0.5)}"/>${ticks.map((tick) => `<line x1="${n(x(tick) + 0.5)}" x2="${n(x(tick) + 0.5)}" y1="${n(plotHeight + 0.5)}" y2="${n(plotHeight + 0.5 + TICK)}"/>`).join('')}</g>`);
  parts.push(
    `<g>${ticks
      .map((tick, i) => {
        const anchor = ticks.length > 1 && i === 0 ? 'start' : ticks.length > 1 && i === ticks.length - 1 ? 'end' : 'middle';
        return text(x(tick), plotHeight + 16, String(tick), ` text-anchor="${anchor}"`);
      })
      .join('')}</g>`,
  );
  const titleY = plotHeight + 31;
  parts.push(text(plotWidth / 2, titleY, chart.valueTitle, ' text-anchor="middle" font-weight="bold"'));

  const key = legend(chart, titleY + LEGEND_GAP);
  parts.push(key.svg);
  const width = left + Math.max(plotWidth, key.width) + PADDING;
  const height = PADDING + titleY + (chart.legendTitle === null ? 2 : LEGEND_GAP + LEGEND_HEIGHT) + PADDING;
  return svgRoot(width, height, `<g transform="translate(${n(left)},${PADDING})">${parts.join('')}</g>`);
}

/** Each category's series stacked in series order, one bar per count above zero, from the running total `from` to `to`. */
function stackedBars(chart: BarChart, bar: (category: number, from: number, to: number, colour: string) => string): string {
  const bars: string[] = [];
  chart.categories.forEach((_, i) => {
    let base = 0;
    for (const series of chart.series) {
      const value = series.values[i]!;
      if (value > 0) bars.push(bar(i, base, base + value, series.colour));
      base += value;
    }
  });
  return `<g>${bars.join('')}</g>`;
}

/** The chart as an SVG element's markup; throws when a count cannot be drawn (below zero, not a number). */
export function barChartSvg(chart: BarChart): string {
  checkCounts(chart);
  return chart.orient === 'vertical' ? vertical(chart) : horizontal(chart);
}
