import { parse } from 'csv-parse/sync';
import type { Paper } from '../records/index.ts';
import type { Problem } from '../records/problem.ts';
import { CorpusError, corpusPlace } from './corpus-error.ts';
import { assertUniqueLocalIds, corpusWarning, cslToPaper, LOCATED_WARNINGS, locatedAt, type CorpusWarning, type CslItem } from './csl-json.ts';
import type { RecordLabel } from './record-label.ts';

// Records as rows of a table: Scopus's CSV export, Web of Science's tab-delimited export, and the CSV/TSV
// that ASReview reads and writes (title, abstract, authors, year, doi, keywords, a label column). Each row
// becomes a CSL item and goes through the one mapping and cleaning every format shares (cslToPaper).

export type Delimiter = ',' | '\t' | ';';

// The columns of each export, as their headers spell them.
type Dialect = {
  name: string;
  id: readonly string[];
  title: readonly string[];
  abstract: readonly string[];
  authors: readonly string[];
  year: readonly string[];
  doi: readonly string[];
  url: readonly string[];
  venue: readonly string[];
  keywords: readonly string[];
  type: readonly string[];
  /** Columns holding a screening label: 1 included, 0 excluded, empty not screened. */
  label: readonly string[];
};

// Scopus's CSV export (Scopus "Export document settings", CSV, all information): authors as
// "Family I.; Family I.", with "Author full names" as "Family, Given (id); …" in newer exports; EID is its id.
const SCOPUS: Dialect = {
  name: 'Scopus CSV',
  id: ['EID'],
  title: ['Title'],
  abstract: ['Abstract'],
  authors: ['Author full names', 'Authors'],
  year: ['Year'],
  doi: ['DOI'],
  url: ['Link'],
  venue: ['Source title'],
  keywords: ['Author Keywords', 'Index Keywords'],
  type: ['Document Type'],
  label: [],
};

// Web of Science's tab-delimited export (the two-letter field tags of its plain-text format as headers;
// Clarivate, "Web of Science Core Collection field tags"): UT is the accession number, AF the full names.
const WEB_OF_SCIENCE: Dialect = {
  name: 'Web of Science tab-delimited',
  id: ['UT'],
  title: ['TI'],
  abstract: ['AB'],
  authors: ['AF', 'AU'],
  year: ['PY'],
  doi: ['DI'],
  url: [],
  venue: ['SO'],
  keywords: ['DE', 'ID'],
  type: ['DT'],
  label: [],
};

// ASReview's column names, matched without regard to case (asreview/asreview, COLUMN_DEFINITIONS in
// asreview/config.py; "asreview_label" from its export). Any CSV with a title column reads this way.
const ASREVIEW: Dialect = {
  name: 'CSV',
  id: ['record_id', 'id'],
  title: ['title', 'primary_title'],
  abstract: ['abstract', 'abstract note', 'notes_abstract'],
  authors: ['authors', 'author names', 'first_authors'],
  year: ['year', 'publication_year'],
  doi: ['doi'],
  url: ['url'],
  venue: ['journal', 'venue', 'secondary_title', 'source'],
  keywords: ['keywords'],
  type: ['type_of_reference'],
  label: ['asreview_label', 'included', 'label', 'final_included', 'label_included', 'included_label', 'included_final', 'included_flag', 'include'],
};

function dialectOf(header: readonly string[]): Dialect {
  const has = (name: string) => header.includes(name);
  if (has('Title') && has('Source title') && (has('EID') || has('Authors'))) return SCOPUS;
  if (has('TI') && (has('PT') || has('UT') || has('AU'))) return WEB_OF_SCIENCE;
  return ASREVIEW;
}

// A column's index by the first of its names the header has; ASReview's names match in any case.
function columnOf(header: readonly string[], names: readonly string[], dialect: Dialect): number | null {
  const folded = dialect === ASREVIEW ? header.map((h) => h.trim().toLowerCase()) : header.map((h) => h.trim());
  for (const name of names) {
    const i = folded.indexOf(dialect === ASREVIEW ? name.toLowerCase() : name);
    if (i >= 0) return i;
  }
  return null;
}

// What csv-parse found wrong, in words, without its message: that quotes the file's own characters.
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters than the delimiter',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by other characters than the delimiter',
  CSV_MAX_RECORD_SIZE: 'a row is too long',
};

type Row = { record: string[]; info: { lines: number } };

function readRows(text: string, delimiter: Delimiter, file: string): Row[] {
  try {
    // relax_quotes: Web of Science does not quote its cells, and a title may hold a '"'. relax_column_count:
    // exports end rows with a stray delimiter or drop empty trailing cells; a missing cell reads as empty.
    return parse(text, { bom: true, delimiter, info: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as unknown as Row[];
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const line = (error as { lines?: number }).lines;
    throw new CorpusError({
      file,
      ...corpusPlace(typeof line === 'number' && line > 0 ? line : null),
      problem: `the ${delimiter === '\t' ? 'tab-delimited' : 'CSV'} file cannot be read: ${CSV_PROBLEMS[code] ?? code.replace(/^CSV_/, '').toLowerCase().replaceAll('_', ' ')}`,
      fix: 'open the file in a spreadsheet and save it again as CSV (UTF-8), or export it again',
    });
  }
}

// The file's delimiter: a ".csv" whose header has more semicolons than commas is semicolon-separated
// (spreadsheets in locales whose decimal mark is the comma save CSV that way).
export function delimiterOf(text: string, tabbed: boolean): Delimiter {
  if (tabbed) return '\t';
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

// Initials, then the family name: "R. L. Whistler", PubMed's "E J Reimer".
const INITIALS_FIRST = /^((?:\p{Lu}\.?(?:-\p{Lu}\.?)?\s+)+)(\p{Lu}[\p{L}'’-]+)$/u;

// A list cell: ASReview writes Python lists ("['Marx, Karl', 'Lindgren, Astrid']"), the rest separate by
// semicolons; author cells written as prose join names with commas and " and " ("D. Pavlinac, R. Langer
// and L. Deftos"), read so only when every name between the commas starts with initials.
function listCell(cell: string, bibtexAnd = false): string[] {
  const trimmed = cell.trim();
  if (/^\[.*\]$/s.test(trimmed)) {
    return [...trimmed.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter((v) => v !== '');
  }
  if (bibtexAnd && !trimmed.includes(';') && /\s+and\s+/.test(trimmed)) {
    return trimmed
      .split(/\s+and\s+/)
      .flatMap((part) => {
        const names = part.split(/,\s*/);
        return names.length > 1 && names.every((n) => INITIALS_FIRST.test(n.trim())) ? names : [part];
      })
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }
  return trimmed.split(';').map((v) => v.trim()).filter((v) => v !== '');
}

type CslName = { family: string; given?: string } | { literal: string };

// One author as written: "Family, Given", Scopus's "Family I.", Scopus's full name with its author id
// "Family, Given (57197735070)", or a name as is (a group, "Parkinson Study Group").
function authorName(raw: string, dialect: Dialect): CslName | null {
  const name = raw.replace(/\s*\(\d+\)\s*$/, '').trim();
  if (name === '' || /^(?:na|nan|\[no author name available\])$/i.test(name)) return null;
  const comma = name.indexOf(',');
  if (comma > 0) {
    const given = name.slice(comma + 1).trim();
    return given === '' ? { family: name.slice(0, comma).trim() } : { family: name.slice(0, comma).trim(), given };
  }
  if (dialect === SCOPUS) {
    const initials = /^(.+?)\s+((?:\p{Lu}\.(?:-?\p{Lu}\.)*\s*)+)$/u.exec(name);
    if (initials) return { family: initials[1]!, given: initials[2]!.trim() };
  }
  const initialsFirst = INITIALS_FIRST.exec(name);
  if (initialsFirst) return { family: initialsFirst[2]!, given: initialsFirst[1]!.trim() };
  return { literal: name };
}

const CSL_TYPES: Record<string, string> = {
  article: 'article-journal',
  review: 'article-journal',
  'conference paper': 'paper-conference',
  'proceedings paper': 'paper-conference',
  'book chapter': 'chapter',
  book: 'book',
  jour: 'article-journal',
  conf: 'paper-conference',
  chap: 'chapter',
};

function labelOf(cell: string): boolean | null | 'unreadable' {
  const value = cell.trim().toLowerCase();
  if (value === '' || value === 'nan' || value === 'na' || value === '-1') return null;
  if (/^1(?:\.0)?$/.test(value) || value === 'true' || value === 'yes') return true;
  if (/^0(?:\.0)?$/.test(value) || value === 'false' || value === 'no') return false;
  return 'unreadable';
}

/**
 * Parses a CSV or tab-delimited export into Papers: Scopus, Web of Science and ASReview's columns are told
 * apart by the header. A record's id is its id column (Scopus EID, Web of Science UT, ASReview record_id),
 * else its row number (1 for the first record). Labels in a label column are added to `labels`.
 */
export function parseDelimited(
  text: string,
  sourceName: string,
  delimiter: Delimiter,
  file: string = sourceName,
  warnings: Problem[] = [],
  labels: RecordLabel[] = [],
): Paper[] {
  const rows = readRows(text, delimiter, file);
  const header = rows[0]?.record;
  if (header === undefined) {
    throw new CorpusError({ file, problem: 'the file is empty', fix: 'export the records again, with the header row' });
  }
  const dialect = dialectOf(header);
  const column = Object.fromEntries(
    (['id', 'title', 'abstract', 'authors', 'year', 'doi', 'url', 'venue', 'type', 'label'] as const).map((k) => [k, columnOf(header, dialect[k], dialect)]),
  ) as Record<'id' | 'title' | 'abstract' | 'authors' | 'year' | 'doi' | 'url' | 'venue' | 'type' | 'label', number | null>;
  const keywordColumns = dialect.keywords.map((k) => columnOf(header, [k], dialect)).filter((i): i is number => i !== null);
  if (column.title === null) {
    throw new CorpusError({
      file,
      ...corpusPlace(1),
      field: 'header',
      problem: `no title column (the header has ${header.length} column${header.length === 1 ? '' : 's'}, none named ${dialect.title.map((t) => `"${t}"`).join(' or ')})`,
      fix: 'export with the title field (Scopus: "Title"; Web of Science: "TI"; ASReview and others: a column "title"), and keep the header row',
    });
  }
  const labelName = column.label === null ? null : header[column.label]!;
  const papers: Paper[] = [];
  const places: { local: string; line: number }[] = [];
  for (const [index, { record }] of rows.slice(1).entries()) {
    // The row starts on the line after the one before it ends (csv-parse counts the line a record ends on).
    const line = rows[index]!.info.lines + 1;
    // A leading apostrophe before = + - @ is how a CSV writer that follows OWASP's advice (Sift's own:
    // src/cite/csv-values.ts) keeps a spreadsheet from running the cell as a formula: it is not part of the text.
    const cell = (i: number | null) => (i === null ? '' : (record[i] ?? '').replace(/^'(?=[=+\-@\t\r])/, '').trim());
    const local = cell(column.id) || String(index + 1);
    places.push({ local, line });
    const warn = (warning: CorpusWarning) => {
      warnings.push(corpusWarning(file, warnings.length < LOCATED_WARNINGS ? line : null, local, warning));
    };
    const yearCell = cell(column.year);
    const year = /^(1[5-9]\d{2}|20\d{2})(?:\.0)?\b/.exec(yearCell);
    if (yearCell !== '' && year === null) {
      warn({ field: header[column.year!]!, problem: 'gives no year, so the record has none', fix: 'write the year as four digits' });
    }
    const keywords = keywordColumns.flatMap((i) => listCell(cell(i)));
    const item: CslItem = {
      id: local,
      title: cell(column.title),
      abstract: cell(column.abstract) || undefined,
      author: listCell(cell(column.authors), dialect === ASREVIEW).map((a) => authorName(a, dialect)).filter((a) => a !== null),
      ...(year ? { issued: { 'date-parts': [[Number(year[1])]] } } : {}),
      DOI: cell(column.doi) || undefined,
      URL: cell(column.url) || undefined,
      'container-title': cell(column.venue) || undefined,
      type: CSL_TYPES[cell(column.type).split(';')[0]!.trim().toLowerCase()] ?? undefined,
      keyword: keywords,
    };
    let paper: Paper;
    try {
      paper = cslToPaper(item, sourceName, { file, warn });
    } catch (error) {
      throw locatedAt(error, () => line);
    }
    papers.push(paper);
    if (labelName !== null) {
      const label = labelOf(cell(column.label));
      if (label === 'unreadable') {
        warn({ field: labelName, problem: 'is neither 1 (included) nor 0 (excluded), so the record has no label', fix: 'write 1, 0, or leave the cell empty for a record not screened' });
      } else if (label !== null) {
        labels.push({ paperId: paper.id, included: label, line });
      }
    }
  }
  assertUniqueLocalIds(
    papers.map((p) => p.ids.local!),
    file,
    `give each row its own ${column.id === null ? 'id' : `"${header[column.id]}"`}; if two rows are the same work, keep one`,
    (id, nth) => places.filter((p) => p.local === id)[nth]?.line ?? null,
  );
  return papers;
}
