import type { Synthesis } from '../records/index.ts';
import { sitePath } from './site-paths.ts';

// A report's long lists live on pages of their own beside the report page, so that the report page stays
// under 100 KB of HTML however many papers a review includes (issue 13): the references, every claim with
// its full evidence, and every excluded record. The page sizes are chosen for a 150-paper review: about
// 1.6 claims per included paper with up to five evidence quotes each, about 600 excluded records. The site
// lays these pages out, and the report JSON names them, from this one rule.

/** Excluded records per page: about 250 bytes each as a table row, so a page stays near 60 KB. */
export const EXCLUDED_PER_PAGE = 200;

/** Claims per evidence page: a claim with five evidence quotes is about 3 KB, so a page stays under 100 KB. */
export const CLAIMS_PER_EVIDENCE_PAGE = 25;

/** How many pages a list of n items takes at `perPage` a page; an empty list still has its one page saying so. */
export function pageCount(n: number, perPage: number): number {
  return Math.max(1, Math.ceil(n / perPage));
}

// Page 1 is the folder itself, so its address is the one a reader would guess; later pages are numbered.
function numberedPath(folder: string, page: number): string {
  return page === 1 ? folder : `${folder}${page}/`;
}

/** The path from the site's root of the references page. */
export function referencesPagePath(id: string): string {
  return `/reports/${id}/references/`;
}

/** The path from the site's root of page `page` (1-based) of the excluded records. */
export function excludedPagePath(id: string, page: number): string {
  return numberedPath(`/reports/${id}/excluded/`, page);
}

/** The path from the site's root of page `page` (1-based) of the claims with their evidence. */
export function evidencePagePath(id: string, page: number): string {
  return numberedPath(`/reports/${id}/evidence/`, page);
}

/** The evidence page (1-based) that holds the claim at `index` in the stored order. */
export function evidencePageOfClaim(index: number): number {
  return Math.floor(index / CLAIMS_PER_EVIDENCE_PAGE) + 1;
}

/** The id of a claim's anchor, on the evidence page and on the report page alike. */
export function claimAnchor(claimId: string): string {
  return `claim-${claimId}`;
}

export interface ReportPages {
  references: string;
  evidence: string[];
  excluded: string[];
}

/** Every page of a report's long lists, as addresses from the host's root under the site's base path. */
export function reportPages(s: Pick<Synthesis, 'id' | 'claims' | 'excluded'>, base = '/'): ReportPages {
  const pages = (count: number, path: (id: string, page: number) => string) =>
    Array.from({ length: count }, (_, i) => sitePath(base, path(s.id, i + 1)));
  return {
    references: sitePath(base, referencesPagePath(s.id)),
    evidence: pages(pageCount(s.claims.length, CLAIMS_PER_EVIDENCE_PAGE), evidencePagePath),
    excluded: pages(pageCount(s.excluded.length, EXCLUDED_PER_PAGE), excludedPagePath),
  };
}
