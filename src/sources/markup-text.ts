// Abstracts arrive with markup: Crossref sends JATS XML fragments (`<jats:title>`, `<jats:p>`,
// `<jats:italic>`), Europe PMC sends HTML (`<h4>Background</h4>`, `H<sub>2</sub>S`). Claims quote
// abstracts verbatim, so the text kept must be what a reader sees, with no tags and no entities.
//
// A careful stripper rather than an XML parser: these fragments are not always well-formed (a bare
// "p < 0.05" is common in Europe PMC), and a parser would reject or mangle them. Only things shaped
// like tags are removed; a "<" followed by a space or digit stays text.

const blockTags = new Set([
  'p', 'div', 'sec', 'title', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'list-item', 'br', 'tr',
  'abstract', 'label', 'caption', 'disp-quote', 'list', 'ul', 'ol', 'table', 'def-list', 'def-item',
]);

const namedEntities: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', deg: '°', plusmn: '±', times: '×', le: '≤', ge: '≥',
  micro: 'µ', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', kappa: 'κ', mu: 'μ', sigma: 'σ', chi: 'χ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return namedEntities[name] ?? whole;
  });
}

const tagPattern = /<(\/?)([A-Za-z][\w.-]*(?::[\w.-]+)?)(\s[^<>]*)?\/?>/g;

// Block elements become line breaks so structured abstracts keep their sections as separate lines
// (UAX #29 ends a sentence at a line break); inline elements (italic, sub, sup) vanish, keeping their
// text. A lone leading "Abstract" heading is dropped: it is a label, not content.
export function markupToText(markup: string): string {
  const withBreaks = markup.replace(tagPattern, (_whole, _close: string, name: string) => {
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    return blockTags.has(local.toLowerCase()) ? '\n' : '';
  });
  const lines = decodeEntities(withBreaks)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
  if (lines.length > 1 && /^abstract[.:]?$/i.test(lines[0] ?? '')) lines.shift();
  return lines.join('\n');
}
