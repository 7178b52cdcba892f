import type { Synthesis } from '../records/index.ts';
import type { SiteLocation } from '../publish/site-paths.ts';
import { toBibtex, toCslJson, toRis } from '../cite/exports.ts';
import { screenedRecords, toScreeningCsv, toScreeningRis } from '../cite/screening-exports.ts';
import { reviewFeed } from '../publish/feed.ts';
import { toReportJson } from '../publish/report-json.ts';

// The files each review has beside its pages: its reference and screening exports, its feed and its report JSON
// (docs/report-json.md, v1). One table, read two ways. `astro build` does not render them: src/site-downloads.ts
// writes them from a worker thread into the output folder while Astro renders the pages on the other core (at 1,000
// reviews they are 7,000 of the site's 12,000 files, and Astro renders files one at a time in one thread, issue 13).
// `astro dev` serves them as routes (components/review-download-route.ts). Both take a file's text from `text` below
// and its bytes from components/text-response.ts, so the two give the same bytes.
//
// Exported API: REVIEW_DOWNLOADS, type ReviewDownload.

export interface ReviewDownload {
  /** the route as Astro writes its pattern, for `astro dev`'s injectRoute */
  pattern: string;
  /** the file's path in the built site, from its root */
  file: (id: string) => string;
  contentType: string;
  /** the file's text, or its parts one after another (components/text-response.ts says why) */
  text: (synthesis: Synthesis, location: SiteLocation) => string | readonly string[];
}

export const REVIEW_DOWNLOADS: readonly ReviewDownload[] = [
  {
    // The included papers as BibTeX.
    pattern: '/reports/[id]/references.bib',
    file: (id) => `reports/${id}/references.bib`,
    contentType: 'application/x-bibtex; charset=utf-8',
    text: (s) => toBibtex(s.papers),
  },
  {
    // The included papers as CSL-JSON.
    pattern: '/reports/[id]/references.json',
    file: (id) => `reports/${id}/references.json`,
    contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
    text: (s) => toCslJson(s.papers),
  },
  {
    // The included papers as RIS.
    pattern: '/reports/[id]/references.ris',
    file: (id) => `reports/${id}/references.ris`,
    contentType: 'application/x-research-info-systems; charset=utf-8',
    text: (s) => toRis(s.papers),
  },
  {
    // Every screened record with its decision and reason, in ASReview's columns.
    pattern: '/reports/[id]/screening.csv',
    file: (id) => `reports/${id}/screening.csv`,
    contentType: 'text/csv; charset=utf-8; header=present',
    text: (s) => toScreeningCsv(screenedRecords(s)),
  },
  {
    // Every screened record with its decision (ASReview's note) and reason.
    pattern: '/reports/[id]/screening.ris',
    file: (id) => `reports/${id}/screening.ris`,
    contentType: 'application/x-research-info-systems; charset=utf-8',
    text: (s) => toScreeningRis(screenedRecords(s)),
  },
  {
    pattern: '/reports/[id]/feed.xml',
    file: (id) => `reports/${id}/feed.xml`,
    contentType: 'application/atom+xml; charset=utf-8',
    text: (s, location) => reviewFeed([s], { location, path: `/reports/${s.id}/feed.xml`, title: `Sift: ${s.title}` }),
  },
  {
    // The report JSON, docs/report-json.md (v1).
    pattern: '/api/reports/[id].json',
    file: (id) => `api/reports/${id}.json`,
    contentType: 'application/json; charset=utf-8',
    text: (s, location) => [JSON.stringify(toReportJson(s, location.base), null, 2), '\n'],
  },
];
