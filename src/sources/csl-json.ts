import type { Author, Identifiers, Paper } from '../records/index.ts';
import type { Problem } from '../records/problem.ts';
import { cleanPaper } from './clean-paper.ts';
import { CorpusError, corpusPlace, lineAt } from './corpus-error.ts';
import { latexLeftovers } from './latex.ts';
import { markupToText } from './markup-text.ts';
import { describeValue, quoteExcerpt } from '../text/describe-value.ts';
import { remembered } from '../text/remembered.ts';
import { DOI_MAX_CHARS, findDoi, isArxivDoi, normaliseArxiv, normaliseDoi, normalisePmid, paperId } from '../identity/index.ts';

// A CSL-JSON item as files hold it (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
// Typed loosely on purpose: corpora come from many exporters, and the mapping below checks every field.
export type CslItem = Record<string, unknown>;

/** Something in one record that was read other than as written: a field of the wrong type, a value cut. */
export type CorpusWarning = { field: string; problem: string; fix: string };

export type CslMappingOptions = {
  /** The file the item came from, for error messages. */
  file: string;
  /**
   * Further strings to search for identifiers, for fields the item lost on the way to CSL (BibTeX's
   * `eprint` with `archivePrefix = {arXiv}` has no CSL counterpart in citation-js's mapping).
   */
  idHints?: readonly string[];
  /**
   * What the text is: a CSL-JSON file's own (plain text with CSL's rich-text tags, plus BibTeX leftovers in
   * names, titles and venues: latex.ts), or BibTeX that citation-js has already decoded from LaTeX into CSL
   * rich text. Either way the tags go (markup-text.ts).
   */
  from?: 'csl-json' | 'bibtex';
  /** Told of every field read other than as written, so the caller can put it in the retrieval log. */
  warn?: (warning: CorpusWarning) => void;
};

// Reads a CSL text variable: Crossref's CSL puts some (title, container-title) in one-element arrays.
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(text).find((v) => v !== null) ?? null;
  return null;
}

/** Stray whitespace only: runs of spaces, tabs and line breaks become one space, ends trimmed. */
export function cleanWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function nonEmpty(value: string | null, clean: (v: string) => string = cleanWhitespace): string | null {
  if (value === null) return null;
  const cleaned = clean(value);
  return cleaned === '' ? null : cleaned;
}

// How one mapping reads a file's text: markup always goes; CSL-JSON names, titles and venues also lose
// their BibTeX leftovers (latex.ts), abstracts keep theirs, since CSL-JSON is not LaTeX.
type Reader = { field: (value: string) => string; abstract: (value: string) => string };

function readerOf(from: CslMappingOptions['from']): Reader {
  const markup = remembered((value: string) => cleanWhitespace(markupToText(value, 'known')), READ_LIMIT);
  if (from === 'bibtex') return { field: markup, abstract: markup };
  return { field: remembered((value) => cleanWhitespace(latexLeftovers(markup(value))), READ_LIMIT), abstract: markup };
}

// Each reading remembered per text: the reviews of a run read the same records from their corpora again and again
// (at 300 generated questions, 15,000 records of 771 papers), and the markup and LaTeX passes were most of reading a
// corpus. The texts read are handed on as the same strings, so the stages' own memos (keyed by text) find them at once.
// Bounded like src/text/remembered.ts; only strings are kept.
const READ_LIMIT = 20_000;
const readers = { bibtex: readerOf('bibtex'), 'csl-json': readerOf('csl-json') };

function readerFor(from: CslMappingOptions['from']): Reader {
  return readers[from ?? 'csl-json'];
}

// A field read as text, with a warning when it is there but is not text (a number is read as its digits).
function textField(item: CslItem, name: string, warn: (w: CorpusWarning) => void): string | null {
  const value = item[name];
  if (value === undefined || value === null) return null;
  const read = text(value);
  if (read === null) {
    warn({ field: name, problem: `is ${describeValue(value)}, not text, so it was left out`, fix: `write it as a string ("${name}": "…")` });
  }
  return read;
}

function authors(value: unknown, cleanText: (v: string) => string, warn: (w: CorpusWarning) => void): Author[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warn({ field: 'author', problem: `is ${describeValue(value)}, not a list of names, so the record has no authors`, fix: 'write a list: "author": [{"family": "…", "given": "…"}]' });
    return [];
  }
  const out: Author[] = [];
  for (const [i, name] of value.entries()) {
    if (typeof name !== 'object' || name === null || Array.isArray(name)) {
      warn({ field: `author[${i}]`, problem: `is ${describeValue(name)}, not a name, so it was left out`, fix: 'write each name as {"family": "…", "given": "…"} or {"literal": "…"}' });
      continue;
    }
    const n = name as Record<string, unknown>;
    // CSL name particles: "van" in "Ludwig van Beethoven" is a non-dropping particle printed with the
    // family name, "de" in "Charles de Gaulle" (dropping) belongs with the given name (CSL 1.0.2 §Name-part order).
    const family = nonEmpty([text(n['non-dropping-particle']), text(n['family'])].filter(Boolean).join(' '), cleanText);
    const given = nonEmpty([text(n['given']), text(n['dropping-particle'])].filter(Boolean).join(' '), cleanText);
    const literal = nonEmpty(text(n['literal']), cleanText);
    if (family !== null) out.push(given === null ? { family } : { family, given });
    else if (literal !== null) out.push({ family: literal });
    else if (given !== null) out.push({ family: given });
  }
  return out;
}

function year(issued: unknown): number | null {
  if (typeof issued !== 'object' || issued === null) return null;
  const date = issued as Record<string, unknown>;
  const parts = date['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const y = Number.parseInt(String(parts[0][0]), 10);
    if (Number.isInteger(y)) return y;
  }
  const raw = text(date['raw']) ?? text(date['literal']);
  const match = raw === null ? null : /\b(1[5-9]\d{2}|20\d{2})\b/.exec(raw);
  return match ? Number(match[1]) : null;
}

function keywords(value: unknown, warn: (w: CorpusWarning) => void): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value.map(text) : (text(value)?.split(/[,;]/) ?? [null]);
  if (list.includes(null)) {
    warn({ field: 'keyword', problem: `is ${describeValue(value)}, not text, so ${Array.isArray(value) ? 'what is not text was' : 'it was'} left out`, fix: 'write the keywords as one string, separated by commas ("keyword": "a, b")' });
  }
  const seen = new Set<string>();
  for (const k of list) {
    const cleaned = k === null ? null : nonEmpty(k);
    if (cleaned !== null) seen.add(cleaned);
  }
  return [...seen];
}

// arXiv is a repository, not a venue: "arXiv preprint arXiv:2311.16169" (Google Scholar's BibTeX)
// says where the preprint is, and its id is kept in `ids.arxiv`.
const ARXIV_VENUE = /^(?:arxiv(?:\.org)?(?:\s+preprint)?(?:\s+arxiv\s*:\s*\S+)?|arxiv\s*:\s*\S+)$/i;

function venue(item: CslItem, read: Reader, warn: (w: CorpusWarning) => void): string | null {
  const raw =
    nonEmpty(textField(item, 'container-title', warn)) ??
    nonEmpty(textField(item, 'event-title', warn)) ??
    nonEmpty(textField(item, 'publisher', warn));
  if (raw === null) return null;
  if (ARXIV_VENUE.test(raw)) return 'arXiv';
  return nonEmpty(raw, read.field);
}

function identifiers(item: CslItem, local: string, hints: readonly string[], warn: (w: CorpusWarning) => void): Identifiers {
  const doiField = textField(item, 'DOI', warn);
  const url = textField(item, 'URL', warn);
  const note = textField(item, 'note', warn);
  const places = [url, note, ...hints].filter((v): v is string => v !== null);
  const doiRead = doiField === null ? null : normaliseDoi(doiField);
  if (doiField !== null && doiRead === null) {
    const problem = doiField.trim().length > DOI_MAX_CHARS
      ? `is ${doiField.trim().length} characters long, more than any DOI (at most ${DOI_MAX_CHARS}), so it was left out`
      : `is ${describeValue(doiField)}, not a DOI, so it was left out`;
    warn({ field: 'DOI', problem, fix: 'write the DOI as 10.<prefix>/<suffix>, or remove the field' });
  }
  const doi = doiRead ?? places.map(findDoi).find((v) => v !== null) ?? null;
  const arxivPlaces = [
    doi !== null && isArxivDoi(doi) ? doi : null,
    url,
    text(item['number']),
    note,
    text(item['container-title']),
    text(item['volume']),
    ...hints,
  ].filter((v): v is string => v !== null);
  const arxiv = arxivPlaces.map(normaliseArxiv).find((v) => v !== null) ?? null;
  const pmidField = textField(item, 'PMID', warn);
  const pmid = pmidField === null ? null : normalisePmid(pmidField);
  const pmcidField = textField(item, 'PMCID', warn);
  const pmcid = pmcidField !== null && /^(?:pmc)?\d+$/i.test(pmcidField.trim()) ? pmcidField.trim().toUpperCase() : null;
  // Keys in the schema's order, so records serialise alike whichever identifiers they have.
  const ids: Identifiers = {};
  if (doi !== null) ids.doi = doi;
  if (arxiv !== null) ids.arxiv = arxiv;
  if (pmid !== null) ids.pmid = pmid;
  if (pmcid !== null) ids.pmcid = pmcid.startsWith('PMC') ? pmcid : `PMC${pmcid}`;
  ids.local = local;
  return ids;
}

function linkFor(ids: Identifiers, url: string | null): string | null {
  if (url !== null) return url;
  if (ids.doi) return `https://doi.org/${ids.doi}`;
  if (ids.arxiv) return `https://arxiv.org/abs/${ids.arxiv}`;
  return null;
}

/**
 * One CSL item as a Paper: the single mapping every local format goes through (BibTeX is parsed to CSL
 * first), ending in the cleaning every Paper gets (clean-paper.ts). Markup goes from every text; the
 * abstract keeps its words as written otherwise (runs of whitespace become one space), because claims quote it.
 */
export function cslToPaper(item: CslItem, sourceName: string, options: CslMappingOptions): Paper {
  const warn = options.warn ?? (() => {});
  const read = readerFor(options.from);
  const local = text(item['id']) ?? text(item['citation-key']);
  const where = { file: options.file };
  if (local === null || local.trim() === '') {
    const id = item['id'];
    throw new CorpusError({
      ...where,
      problem: id === undefined ? 'a record has no "id"' : `a record's "id" is ${describeValue(id)}, not text`,
      fix: 'give every record a unique id',
    });
  }
  const rawTitle = textField(item, 'title', () => {});
  const title = nonEmpty(rawTitle, read.field);
  if (title === null) {
    const value = item['title'];
    throw new CorpusError({
      ...where,
      ...corpusPlace(null, local),
      problem: value === undefined || rawTitle !== null ? 'the record has no title' : `the record's "title" is ${describeValue(value)}, not text`,
      fix: 'add a title or remove the record (a paper without a title cannot be screened or cited)',
    });
  }
  const ids = identifiers(item, local, options.idHints ?? [], warn);
  const issued = item['issued'];
  const published = year(issued);
  if (issued !== undefined && issued !== null && published === null) {
    const bibtex = options.from === 'bibtex';
    warn({
      field: bibtex ? 'year' : 'issued',
      problem: `gives no year${bibtex ? '' : ` (it is ${describeValue(issued)})`}, so the record has none`,
      fix: bibtex ? 'write the year as four digits (year = {2024})' : 'write it as {"date-parts": [[2024]]}',
    });
  }
  const paper: Paper = {
    id: paperId(ids, `${sourceName}:${local}`),
    ids,
    title,
    abstract: nonEmpty(textField(item, 'abstract', warn), read.abstract),
    tldr: null,
    authors: authors(item['author'], read.field, warn),
    year: published,
    venue: venue(item, read, warn),
    type: nonEmpty(textField(item, 'type', warn)),
    url: linkFor(ids, nonEmpty(text(item['URL']))),
    citationCount: null,
    keywords: keywords(item['keyword'], warn),
    sources: [sourceName],
  };
  const cleaned = cleanPaper(paper);
  for (const note of cleaned.notes) {
    warn({ field: note.field, problem: note.problem, fix: 'shorten it in the file if what was cut matters' });
  }
  if (cleaned.paper === null) {
    const [note] = cleaned.notes;
    throw new CorpusError({
      ...where,
      ...corpusPlace(null, local),
      problem: `the record's ${note?.field ?? 'text'} ${note?.problem ?? 'cannot be read'}`,
      fix: note?.field === 'id' ? 'give the record a shorter id' : 'give the record a title in plain text',
    });
  }
  return cleaned.paper;
}

/** The line of the `nth` (0-based) record whose `"id"` member is `id`; null if not found. */
function lineOfId(json: string, id: string, nth = 0): number | null {
  const pattern = new RegExp(`"id"\\s*:\\s*"?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*[,}]`, 'g');
  let match: RegExpExecArray | null = null;
  for (let i = 0; i <= nth; i++) {
    match = pattern.exec(json);
    if (match === null) return null;
  }
  return match === null ? null : lineAt(json, match.index);
}

/** Throws when two records share an id: the id is how a file's records are told apart and cited. */
export function assertUniqueLocalIds(
  ids: readonly string[],
  file: string,
  fix: string,
  locate: (id: string, nth: number) => number | null,
): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      const first = locate(id, 0);
      throw new CorpusError({
        file,
        ...corpusPlace(locate(id, 1), id),
        problem: `the id is used by two records${first === null ? '' : ` (the first on line ${first})`}`,
        fix,
      });
    }
    seen.add(id);
  }
}

/** The same error, located at `line` when it had no line yet. */
export function locatedAt(error: unknown, line: () => number | null): unknown {
  if (!(error instanceof CorpusError)) return error;
  const [problem] = error.problems;
  if (problem === undefined || problem.line !== undefined) return error;
  return new CorpusError({ ...problem, ...corpusPlace(line()) });
}

/** A record's warning as a Problem: the file, the record's line where known, the entry and field. */
export function corpusWarning(file: string, line: number | null, entry: string, warning: CorpusWarning): Problem {
  return { file, ...corpusPlace(line), field: `entry ${quoteExcerpt(entry)}, field "${warning.field}"`, problem: warning.problem, fix: warning.fix };
}

/**
 * Parses a CSL-JSON file (an array of items, or one item) into Papers from source `sourceName`. Fields read
 * other than as written (a wrong type, a value cut to its limit) are added to `warnings`, located.
 */
export function parseCslJson(json: string, sourceName: string, file: string = sourceName, warnings: Problem[] = []): Paper[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    // V8's message quotes the text around the error ('Unexpected token 'r', "root:x:0:0"... is not valid
    // JSON'): the file's bytes never go into a message, only where it stops.
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    throw new CorpusError({
      file,
      ...corpusPlace(position ? lineAt(json, Number(position[1])) : null),
      problem: `not valid JSON (${jsonSyntaxProblem(message)})`,
      fix: 'fix the JSON syntax (a JSON validator shows where), or export the library again as CSL-JSON',
    });
  }
  const items = Array.isArray(data) ? data : typeof data === 'object' && data !== null ? [data] : null;
  if (items === null) {
    throw new CorpusError({
      file,
      problem: 'expected a CSL-JSON array of items',
      fix: 'export the library as CSL-JSON (Zotero: "CSL JSON"; citation-js: format "data")',
    });
  }
  const papers = items.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new CorpusError({
        file,
        ...corpusPlace(null, `#${index + 1}`),
        problem: 'the record is not a JSON object',
        fix: 'make each element of the array one CSL item, {"id": …, "type": …, "title": …}',
      });
    }
    const id = text((item as CslItem)['id']);
    const entry = id ?? `#${index + 1}`;
    const warn = (warning: CorpusWarning) => {
      warnings.push(corpusWarning(file, warnings.length < LOCATED_WARNINGS && id !== null ? lineOfId(json, id) : null, entry, warning));
    };
    try {
      return cslToPaper(item as CslItem, sourceName, { file, from: 'csl-json', warn });
    } catch (error) {
      throw locatedAt(error, () => (id === null ? null : lineOfId(json, id)));
    }
  });
  assertUniqueLocalIds(
    papers.map((p) => p.ids.local!),
    file,
    'give each record its own id; if two records are the same work, keep one',
    (id, nth) => lineOfId(json, id, nth),
  );
  return papers;
}

// Finding a record's line scans the file, so only the first warnings are located; a file with thousands
// of bad fields has its first ones to start from.
export const LOCATED_WARNINGS = 20;

// What is wrong, without the text V8 quotes in some JSON.parse messages ('Unexpected token 'r', "root:x:0:0"...
// is not valid JSON'): a file's bytes never go into a message. Its other messages name only JSON's own
// punctuation ("Expected ',' or '}' after property value").
function jsonSyntaxProblem(message: string): string {
  const first = message.split('\n')[0]!.replace(/ in JSON at position \d+.*$/, '');
  if (/^Unexpected token\b/.test(first) || first.includes('"')) return 'an unexpected character';
  return first.slice(0, 100);
}
