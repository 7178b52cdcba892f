import type { Author, Identifiers, Paper } from '../records/index.ts';
import { capText, normaliseText } from '../text/normalise-text.ts';

// The one step every Paper passes on its way in, whichever adapter or local format made it: live records
// in retrieveLive (live.ts), corpus records in cslToPaper (csl-json.ts, which BibTeX also goes through).
// Each format has already read its own markup (markup-text.ts: JATS, HTML, CSL rich text, entities;
// latex.ts and citation-js: LaTeX). Here every text field loses the characters no text should carry
// (src/text/normalise-text.ts), a citation key glued to the end of an abstract goes, and lengths are capped.
// Claims are cut from the abstract stored, so cleaning before storing keeps every quote at its offsets.
//
// Nothing changes silently: each cut or dropped value is a note the caller puts in the retrieval log.

// Caps well above anything real, so only broken or hostile records meet them. Measured on the corpora and
// recorded API answers here (1,484 records): longest title 264 characters, abstract 7,863, author name part 25,
// venue 209, 67 authors, 15 keywords of at most 38 characters.
export const TEXT_LIMITS = {
  // PubMed's longest titles run to about 600 characters.
  title: 1_000,
  // Long structured abstracts reach about 10,000 characters; 20,000 is twice that.
  abstract: 20_000,
  tldr: 2_000,
  // A family or given name; a consortium's name as an author can run to a hundred or more.
  name: 300,
  // Particle physics papers list about 3,000 authors; a reference shows a few and "et al.".
  authors: 5_000,
  venue: 500,
  keyword: 200,
  keywords: 100,
  type: 50,
  // Beyond about 2,000 characters browsers and servers stop accepting a URL (RFC 9110 §4.1 suggests
  // supporting at least 8,000 octets; a paper's landing page is never near either).
  url: 2_000,
  // An identifier is part of page paths and file names.
  id: 300,
} as const;

export type PaperNote = { field: string; problem: string };

export type CleanedPaper = { paper: Paper | null; notes: PaperNote[] };

const count = (n: number) => n.toLocaleString('en-US');

// A Google Scholar style BibTeX key (family name, year, first title word: "gao2023far") glued after the final
// full stop is a leftover of an export that ran two entries together ("…their performance.gao2023far"); no
// abstract ends in such a word on purpose.
const TRAILING_CITATION_KEY = /(?<=[.!?])\s*[a-z][a-z'-]*(?:1[5-9]|20)\d{2}[a-z]+$/;

function oneLine(value: string): string {
  return normaliseText(value).replace(/\s+/g, ' ').trim();
}

export function cleanPaper(input: Paper): CleanedPaper {
  const notes: PaperNote[] = [];
  const id = oneLine(input.id);
  if (id.length > TEXT_LIMITS.id) {
    return { paper: null, notes: [{ field: 'id', problem: `is ${count(id.length)} characters long (at most ${count(TEXT_LIMITS.id)}), so the record was left out` }] };
  }
  const title = oneLine(input.title);
  if (title === '') return { paper: null, notes: [{ field: 'title', problem: 'has no characters left once control characters are removed, so the record was left out' }] };

  // A one-line field cut to its cap, with a note; a field that may only be whole (a URL, a type) is dropped.
  const capped = (field: string, value: string, max: number): string => {
    if (value.length <= max) return value;
    notes.push({ field, problem: `was cut from ${count(value.length)} to ${count(max)} characters` });
    return capText(value, max);
  };
  const whole = (field: string, value: string | null, max: number): string | null => {
    if (value === null) return null;
    const clean = oneLine(value);
    if (clean.length <= max) return clean === '' ? null : clean;
    notes.push({ field, problem: `is ${count(clean.length)} characters long (at most ${count(max)}), so it was left out` });
    return null;
  };
  const longText = (field: 'abstract' | 'tldr', value: string | null): string | null => {
    if (value === null) return null;
    let clean = normaliseText(value).trim();
    if (field === 'abstract') clean = clean.replace(TRAILING_CITATION_KEY, '');
    clean = capped(field, clean, TEXT_LIMITS[field]);
    return clean === '' ? null : clean;
  };
  const name = (field: string, value: string): string => capped(field, oneLine(value), TEXT_LIMITS.name);

  const authors: Author[] = [];
  for (const [i, author] of input.authors.slice(0, TEXT_LIMITS.authors).entries()) {
    const family = name(`authors[${i}].family`, author.family);
    const given = author.given === undefined ? '' : name(`authors[${i}].given`, author.given);
    if (family !== '') authors.push(given === '' ? { family } : { family, given });
    else if (given !== '') authors.push({ family: given });
  }
  if (input.authors.length > TEXT_LIMITS.authors) {
    notes.push({ field: 'authors', problem: `lists ${count(input.authors.length)} authors; the first ${count(TEXT_LIMITS.authors)} were kept` });
  }

  const keywords: string[] = [];
  for (const keyword of input.keywords) {
    const clean = whole('keywords', keyword, TEXT_LIMITS.keyword);
    if (clean !== null) keywords.push(clean);
  }
  if (keywords.length > TEXT_LIMITS.keywords) {
    notes.push({ field: 'keywords', problem: `lists ${count(keywords.length)} keywords; the first ${count(TEXT_LIMITS.keywords)} were kept` });
    keywords.length = TEXT_LIMITS.keywords;
  }

  const ids: Identifiers = {};
  for (const [key, value] of Object.entries(input.ids) as [keyof Identifiers, string][]) {
    const clean = whole(`ids.${key}`, value, TEXT_LIMITS.id);
    if (clean !== null) ids[key] = clean;
  }

  const paper: Paper = {
    id,
    ids,
    title: capped('title', title, TEXT_LIMITS.title),
    abstract: longText('abstract', input.abstract),
    tldr: longText('tldr', input.tldr),
    authors,
    year: input.year,
    venue: input.venue === null ? null : capped('venue', oneLine(input.venue), TEXT_LIMITS.venue) || null,
    type: whole('type', input.type, TEXT_LIMITS.type),
    url: whole('url', input.url, TEXT_LIMITS.url),
    citationCount: input.citationCount,
    keywords,
    sources: input.sources.map(oneLine),
  };
  return { paper, notes };
}
