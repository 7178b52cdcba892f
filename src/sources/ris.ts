import { plugins } from '../cite/citation-js.ts';
import type { Paper } from '../records/index.ts';
import type { Problem } from '../records/problem.ts';
import { CorpusError, corpusPlace, lineAt } from './corpus-error.ts';
import { assertUniqueLocalIds, corpusWarning, cslToPaper, LOCATED_WARNINGS, locatedAt, type CorpusWarning, type CslItem } from './csl-json.ts';
import type { RecordLabel } from './record-label.ts';

// citation-js 0.9 types every InputOptions field as required, though all are optional at run time.
type ChainOptions = NonNullable<Parameters<typeof plugins.input.chain>[1]>;

// One RIS record as @citation-js/plugin-ris reads it: tag → value, or the values of a repeated tag.
type RawRecord = Record<string, string | string[] | undefined>;

const RECORD_START = /^TY {2}- /gm;

function values(record: RawRecord, tag: string): string[] {
  const value = record[tag];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter((v) => v !== '');
}

// ASReview writes its screening label into each record's notes when it exports RIS (N1 "ASReview_relevant",
// "ASReview_irrelevant", "ASReview_not_seen"; asreview/asreview tests/demo_data/baseline_tag-notes_labels.ris),
// and a reference manager keeps the note (Zotero wraps it in <p>).
function asreviewLabel(record: RawRecord): boolean | null {
  for (const note of values(record, 'N1')) {
    const match = /\bASReview_(relevant|irrelevant)\b/.exec(note);
    if (match) return match[1] === 'relevant';
  }
  return null;
}

/**
 * Parses a RIS file (Zotero, EndNote, Mendeley, Scopus, Web of Science, ASReview exports) into Papers via
 * citation-js: RIS → CSL → the shared CSL mapping (`cslToPaper`), so fields, cleaning and limits are the same
 * as for every other format. A record's id is its `ID` tag, else its place in the file (1 for the first
 * record): records with a DOI, arXiv id or PMID are known by those, the rest only while the file keeps its
 * order. Labels ASReview wrote into the notes are added to `labels`.
 */
export function parseRis(ris: string, sourceName: string, file: string = sourceName, warnings: Problem[] = [], labels: RecordLabel[] = []): Paper[] {
  const starts = [...ris.matchAll(RECORD_START)].map((m) => lineAt(ris, m.index));
  if (starts.length === 0) {
    throw new CorpusError({
      file,
      problem: 'no RIS record found (a record starts with a line "TY  - <type>")',
      fix: 'export the library as RIS (Zotero: Export Library… → RIS; EndNote: Export → RefMan (RIS); Scopus/Web of Science: RIS format)',
    });
  }
  const records = plugins.input.chainLink(ris, { forceType: '@ris/file' } as ChainOptions) as RawRecord[];
  const papers: Paper[] = [];
  const places: { local: string; line: number | null }[] = [];
  for (const [index, record] of records.entries()) {
    const line = starts[index] ?? null;
    const local = values(record, 'ID')[0] ?? String(index + 1);
    places.push({ local, line });
    const warn = (warning: CorpusWarning) => {
      warnings.push(corpusWarning(file, warnings.length < LOCATED_WARNINGS ? line : null, local, warning));
    };
    let item: CslItem | undefined;
    try {
      [item] = plugins.input.chain(record, { forceType: '@ris/record', generateGraph: false } as ChainOptions) as CslItem[];
    } catch (error) {
      throw new CorpusError({
        file,
        ...corpusPlace(line, local),
        problem: `the record cannot be read as RIS (${(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 100)})`,
        fix: 'export the record again from the reference manager, or remove it',
      });
    }
    // citation-js maps each RIS record to one CSL item; anything else is a change in the library.
    if (item === undefined) throw new Error(`citation-js read RIS record ${index + 1} of ${file} as no CSL item`);
    // Web of Science's RIS gives "DA  - SEP" (a month) beside "PY  - 2018", and citation-js takes DA as the
    // date: its year is then lost. PY (RIS: the publication year) is read when the date has no year.
    const year = /\b(1[5-9]\d{2}|20\d{2})\b/.exec(values(record, 'PY')[0] ?? values(record, 'Y1')[0] ?? '');
    const issued = item['issued'] as { 'date-parts'?: unknown } | undefined;
    if (year && !Array.isArray(issued?.['date-parts'])) item = { ...item, issued: { 'date-parts': [[Number(year[1])]] } };
    // Keywords as the file lists them, one KW line each: citation-js joins them with commas, and MeSH
    // headings ("Colitis, Ulcerative/*therapy") hold commas of their own.
    const keywords = values(record, 'KW');
    try {
      const paper = cslToPaper({ ...item, id: local, ...(keywords.length > 0 ? { keyword: keywords } : {}) }, sourceName, { file, warn });
      papers.push(paper);
      const label = asreviewLabel(record);
      if (label !== null) labels.push({ paperId: paper.id, included: label, line });
    } catch (error) {
      throw locatedAt(error, () => line);
    }
  }
  assertUniqueLocalIds(
    papers.map((p) => p.ids.local!),
    file,
    'give each record its own ID line, or remove the ID lines; if two records are the same work, keep one',
    (id, nth) => places.filter((p) => p.local === id)[nth]?.line ?? null,
  );
  return papers;
}
