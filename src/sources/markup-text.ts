// Abstracts arrive with markup: Crossref sends JATS XML fragments (`<jats:title>`, `<jats:p>`,
// `<jats:italic>`), Europe PMC sends HTML (`<h4>Background</h4>`, `H<sub>2</sub>S`), CSL-JSON allows a few
// HTML-like tags (`<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`; citeproc-js "Rich text markup")
// and exporters leave HTML and JATS in it too, and citation-js writes BibTeX's \emph and \textbf as those
// same CSL tags. Claims quote abstracts verbatim, so the text kept must be what a reader sees, with no tags
// and no entities.
//
// A careful stripper rather than an XML parser: these fragments are not always well-formed (a bare
// "p < 0.05" is common in Europe PMC), and a parser would reject or mangle them. Only things shaped
// like tags are removed; a "<" followed by a space or digit stays text.

const blockTags = new Set([
  'p', 'div', 'sec', 'title', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'list-item', 'br', 'tr',
  'abstract', 'label', 'caption', 'disp-quote', 'list', 'ul', 'ol', 'table', 'def-list', 'def-item',
]);
// Of those, the HTML ones: in CSL-JSON or BibTeX an unprefixed "<label>" or "<title>" is more likely an
// abstract about markup than markup (JATS there comes prefixed, <jats:title>).
const htmlBlockTags = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'br', 'tr', 'ul', 'ol', 'table']);

// Tags a CSL-JSON or BibTeX text may carry as markup: CSL's rich text, the HTML and JATS an abstract copied
// from a publisher's page keeps, and any namespaced tag (jats:, mml:). Anything else shaped like a tag is
// text in these formats: "List<String>" in an abstract about code is a type, not an element.
const knownInlineTags = new Set([
  'i', 'b', 'sc', 'sup', 'sub', 'span', 'em', 'strong', 'u', 'a', 'pre', 'code', 'tt', 'small', 'big', 'font',
  'abbr', 'blockquote', 'italic', 'bold', 'scp', 'underline', 'monospace', 'inline-formula', 'xref', 'ext-link',
]);

const namedEntities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', deg: '°', plusmn: '±', times: '×', le: '≤', ge: '≥',
  micro: 'µ', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', kappa: 'κ', mu: 'μ', sigma: 'σ', chi: 'χ',
};

// A numeric reference to no character (zero, a surrogate, or past U+10FFFF) reads as U+FFFD, as the HTML
// standard's numeric character reference end state does (HTML Living Standard §13.2.5.80); it must never
// throw, since one bad reference in one abstract would otherwise end a whole refresh. Controls and
// noncharacters a reference names are left for normaliseText (src/text/normalise-text.ts) to remove.
function fromCodePoint(digits: string, radix: number): string {
  const value = digits.length > 8 ? Infinity : parseInt(digits, radix);
  if (!(value > 0 && value <= 0x10ffff) || (value >= 0xd800 && value <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(value);
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return fromCodePoint(name.slice(2).replace(/^0+(?=.)/, ''), 16);
    if (name.startsWith('#')) return fromCodePoint(name.slice(1).replace(/^0+(?=.)/, ''), 10);
    return namedEntities[name] ?? whole;
  });
}

const tagPattern = /<(\/?)([A-Za-z][\w.-]*(?::[\w.-]+)?)(\s[^<>]*)?\/?>/g;

/** Which tags are markup: every tag-shaped thing (JATS and HTML APIs), or only the known ones (CSL-JSON, BibTeX). */
export type MarkupTags = 'any' | 'known';

// Block elements become line breaks so structured abstracts keep their sections as separate lines
// (UAX #29 ends a sentence at a line break); inline elements (italic, sub, sup) vanish, keeping their
// text. A lone leading "Abstract" heading is dropped: it is a label, not content.
export function markupToText(markup: string, tags: MarkupTags = 'any'): string {
  const withBreaks = markup.replace(tagPattern, (whole, _close: string, name: string) => {
    const prefixed = name.includes(':');
    const local = (prefixed ? name.slice(name.indexOf(':') + 1) : name).toLowerCase();
    const markup = tags === 'any' || prefixed;
    if (blockTags.has(local) && (markup || htmlBlockTags.has(local))) return '\n';
    return markup || knownInlineTags.has(local) ? '' : whole;
  });
  const lines = decodeEntities(withBreaks)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
  if (lines.length > 1 && /^abstract[.:]?$/i.test(lines[0] ?? '')) lines.shift();
  return lines.join('\n');
}
