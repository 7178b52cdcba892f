import type { Author, Identifiers, Paper } from '../records/index.ts';
import { CorpusError, corpusPlace, lineAt } from './corpus-error.ts';
import { decodeLatex } from './latex.ts';
import { findDoi, isArxivDoi, normaliseArxiv, normaliseDoi, normalisePmid, paperId } from '../identity/index.ts';

// A CSL-JSON item as files hold it (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
// Typed loosely on purpose: corpora come from many exporters, and the mapping below checks every field.
export type CslItem = Record<string, unknown>;

export type CslMappingOptions = {
  /** The file the item came from, for error messages. */
  file: string;
  /**
   * Further strings to search for identifiers, for fields the item lost on the way to CSL (BibTeX's
   * `eprint` with `archivePrefix = {arXiv}` has no CSL counterpart in citation-js's mapping).
   */
  idHints?: readonly string[];
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

// Names, titles and venues are decoded from LaTeX leftovers (see latex.ts); abstracts are not, because
// claims quote them and a reader must find the quote in the source record as it stands.
function cleanText(value: string): string {
  return cleanWhitespace(decodeLatex(value));
}

function nonEmpty(value: string | null, clean: (v: string) => string = cleanWhitespace): string | null {
  if (value === null) return null;
  const cleaned = clean(value);
  return cleaned === '' ? null : cleaned;
}

function authors(value: unknown): Author[] {
  if (!Array.isArray(value)) return [];
  const out: Author[] = [];
  for (const name of value) {
    if (typeof name !== 'object' || name === null) continue;
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

function keywords(value: unknown): string[] {
  const list = Array.isArray(value) ? value.map(text) : (text(value)?.split(/[,;]/) ?? []);
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

function venue(item: CslItem): string | null {
  const raw =
    nonEmpty(text(item['container-title'])) ?? nonEmpty(text(item['event-title'])) ?? nonEmpty(text(item['publisher']));
  if (raw === null) return null;
  if (ARXIV_VENUE.test(raw)) return 'arXiv';
  return cleanText(raw);
}

function identifiers(item: CslItem, local: string, hints: readonly string[]): Identifiers {
  const doiField = text(item['DOI']);
  const url = text(item['URL']);
  const note = text(item['note']);
  const places = [url, note, ...hints].filter((v): v is string => v !== null);
  const doi = (doiField === null ? null : normaliseDoi(doiField)) ?? places.map(findDoi).find((v) => v !== null) ?? null;
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
  const pmidField = text(item['PMID']);
  const pmid = pmidField === null ? null : normalisePmid(pmidField);
  const pmcidField = text(item['PMCID']);
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
 * first). `abstract` keeps its text verbatim except for whitespace, because claims quote it.
 */
export function cslToPaper(item: CslItem, sourceName: string, options: CslMappingOptions): Paper {
  const local = text(item['id']) ?? text(item['citation-key']);
  const where = { file: options.file };
  if (local === null || local.trim() === '') {
    throw new CorpusError({ ...where, problem: 'a record has no "id"', fix: 'give every record a unique id' });
  }
  const title = nonEmpty(text(item['title']));
  if (title === null) {
    throw new CorpusError({
      ...where,
      ...corpusPlace(null, local),
      problem: 'the record has no title',
      fix: 'add a title or remove the record (a paper without a title cannot be screened or cited)',
    });
  }
  const ids = identifiers(item, local, options.idHints ?? []);
  const abstract = nonEmpty(text(item['abstract']));
  return {
    id: paperId(ids, `${sourceName}:${local}`),
    ids,
    title: cleanText(title),
    abstract,
    tldr: null,
    authors: authors(item['author']),
    year: year(item['issued']),
    venue: venue(item),
    type: nonEmpty(text(item['type'])),
    url: linkFor(ids, nonEmpty(text(item['URL']))),
    citationCount: null,
    keywords: keywords(item['keyword']),
    sources: [sourceName],
  };
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

/** Parses a CSL-JSON file (an array of items, or one item) into Papers from source `sourceName`. */
export function parseCslJson(json: string, sourceName: string, file: string = sourceName): Paper[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    throw new CorpusError({
      file,
      ...corpusPlace(position ? lineAt(json, Number(position[1])) : null),
      problem: `not valid JSON (${message.split('\n')[0]})`,
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
    try {
      return cslToPaper(item as CslItem, sourceName, { file });
    } catch (error) {
      const id = text((item as CslItem)['id']);
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
