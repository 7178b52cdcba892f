import type { Paper, Synthesis } from '../records/index.ts';
import { exclusionLabels } from '../records/screening.ts';
import { paperUrl } from '../identity/links.ts';
import { toCsvTable } from './csv-values.ts';
import { toRis } from './exports.ts';

// A review's screening as files a reviewer can take to another tool: every record screened, included or
// excluded, with the decision and its reason. The CSV has ASReview's columns (record_id, title, abstract,
// authors, year, doi, keywords, and `included` as 1/0, the label column ASReview reads: asreview/asreview,
// COLUMN_DEFINITIONS in asreview/config.py); the RIS carries the decision as ASReview writes it in its RIS
// export, a note "ASReview_relevant" or "ASReview_irrelevant", beside a note with the reason. Sift's own
// importers (src/sources/delimited.ts, ris.ts) read both back.
//
// An excluded record is stored with its id, title, year and reason only (ExcludedRecord in
// src/records/synthesis.ts), so its other columns are empty, apart from a DOI its id names.

export type ScreenedRecord = { paper: Paper; included: boolean; reason: string };

const DOI_ID = /^doi:(.+)$/;

function includedReason(paper: Synthesis['papers'][number]): string {
  const facets = paper.facets.length === 0 ? '' : `; mentions ${paper.facets.join(', ')}`;
  return `Included by screening: relevance ${paper.relevance}${facets}`;
}

/** Every screened record of a synthesis, the included first (in the report's order), then the excluded. */
export function screenedRecords(synthesis: Pick<Synthesis, 'papers' | 'excluded'>): ScreenedRecord[] {
  const included = synthesis.papers.map((p): ScreenedRecord => {
    const { relevance: _relevance, facets: _facets, ...paper } = p;
    return { paper, included: true, reason: includedReason(p) };
  });
  const excluded = synthesis.excluded.map((e): ScreenedRecord => {
    const doi = DOI_ID.exec(e.paper)?.[1];
    const paper: Paper = {
      id: e.paper,
      ids: doi === undefined ? {} : { doi },
      title: e.title,
      abstract: null,
      tldr: null,
      authors: [],
      year: e.year,
      venue: null,
      type: null,
      url: null,
      citationCount: null,
      keywords: [],
      sources: ['sift'],
    };
    return { paper, included: false, reason: `${exclusionLabels[e.reason]}${e.detail === null ? '' : ` (${e.detail})`}` };
  });
  return [...included, ...excluded];
}

export const SCREENING_CSV_COLUMNS = ['record_id', 'title', 'abstract', 'authors', 'year', 'doi', 'keywords', 'included', 'reason', 'paper_id', 'venue', 'url'] as const;

/**
 * The screening as ASReview-compatible CSV. record_id counts from 1 (ASReview wants whole numbers), and
 * paper_id is Sift's id; authors are "Family, Given" joined by "; ", keywords by "; ".
 */
export function toScreeningCsv(records: readonly ScreenedRecord[]): string {
  const rows = records.map(({ paper, included, reason }, i) => [
    i + 1,
    paper.title,
    paper.abstract,
    paper.authors.map((a) => (a.given === undefined ? a.family : `${a.family}, ${a.given}`)).join('; '),
    paper.year,
    paper.ids.doi ?? null,
    paper.keywords.join('; '),
    included ? 1 : 0,
    reason,
    paper.id,
    paper.venue,
    paperUrl(paper),
  ]);
  return toCsvTable(SCREENING_CSV_COLUMNS, rows);
}

/** The screening as RIS: each record with its decision as ASReview's note and its reason as a second note. */
export function toScreeningRis(records: readonly ScreenedRecord[]): string {
  const notes = new Map(records.map(({ paper, included, reason }) => [paper.id, [included ? 'ASReview_relevant' : 'ASReview_irrelevant', `Sift screening: ${reason}`]]));
  return toRis(
    records.map((r) => r.paper),
    { notes, wholeIds: true },
  );
}
