// Vega's SVG spends most of its bytes on what a browser does not need: coordinates printed to 15 decimal
// places (22.499999999999982), opacity="1" (the initial value), a font-family repeated on every <text>
// (font-family is an inherited property in SVG 1.1 § 10.10, so one on the root says the same), and the
// empty background/foreground paths of axis groups. A report page has four charts; at 150 papers this is
// about a quarter of their weight. Only attribute values of geometry are rounded, never text: a label
// may hold a number that must read as stored.

const GEOMETRY = /\s(?:transform|d|x|y|x1|x2|y1|y2|width|height|cx|cy|r|dx|dy)="[^"]*"/g;
const LONG_DECIMAL = /-?\d+\.\d{3,}/g;
const FONT_FAMILY = / font-family="([^"]*)"/g;

function round(number: string): string {
  // Two decimals are a hundredth of a CSS pixel; String() drops trailing zeros and "-0" stays readable.
  const value = Math.round(Number(number) * 100) / 100;
  return String(Object.is(value, -0) ? 0 : value);
}

export function compactSvg(svg: string): string {
  let out = svg
    .replace(GEOMETRY, (attribute) => attribute.replace(LONG_DECIMAL, round))
    .replaceAll(' opacity="1"', '')
    .replaceAll('<path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>', '')
    .replaceAll('<path class="foreground" aria-hidden="true" d="" pointer-events="none" display="none"/>', '');
  // Vega keeps a role on its frame and mark groups even with ARIA off (chart-specs.ts CONFIG.aria). The chart's
  // wrapper is role="img" with a label and a data table follows it, so the drawing itself is hidden from
  // assistive technology; axe-core reports a labelless graphics-symbol otherwise (svg-img-alt).
  out = out.replace(/ (?:role="graphics-[a-z-]+"|aria-roledescription="[^"]*")/g, '');
  if (out.startsWith('<svg ') && !out.startsWith('<svg aria-hidden=')) out = `<svg aria-hidden="true" ${out.slice('<svg '.length)}`;
  const families = new Set([...out.matchAll(FONT_FAMILY)].map((m) => m[1]));
  // Moved to the root only when every text uses the same one (the charts' config gives one font).
  if (families.size === 1 && out.startsWith('<svg ')) {
    const [family] = families;
    out = `<svg font-family="${family}" ${out.slice('<svg '.length).replace(FONT_FAMILY, '')}`;
  }
  return out;
}
