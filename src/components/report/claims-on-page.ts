import type { Synthesis } from '../../records/index.ts';
import { claimAnchor, evidencePageOfClaim, evidencePagePath } from '../../publish/report-pages.ts';
import { siteHref } from '../site-href.ts';

// The report page lists at most CLAIMS_ON_REPORT_PAGE claims, so that it stays under 100 KB at 150 included
// papers (a row is about 750 bytes; the rest of such a page is about 72 KB). Every claim, with its full
// evidence, is on the evidence pages (src/publish/report-pages.ts). When a review has more claims than
// that, the page keeps the ones a reader meets elsewhere on it first: those the summary cites or a
// contradiction names, then those that reached a verdict, then the rest, each group in stored order, and
// lists them in stored order under their stored numbers. Nothing is scored here: the order comes from
// stored verdicts and references.
export const CLAIMS_ON_REPORT_PAGE = 30;

type ClaimsOf = Pick<Synthesis, 'claims' | 'summary' | 'contradictions'>;

export function claimsOnReportPage(s: ClaimsOf): ReadonlySet<string> {
  if (s.claims.length <= CLAIMS_ON_REPORT_PAGE) return new Set(s.claims.map((c) => c.id));
  const named = new Set([...s.summary.flatMap((sentence) => sentence.claims), ...s.contradictions.map((c) => c.claim)]);
  const rank = (c: ClaimsOf['claims'][number]) => (named.has(c.id) ? 0 : c.verification.verdict !== 'insufficient' ? 1 : 2);
  const ordered = s.claims.map((claim, index) => ({ claim, index })).sort((a, b) => rank(a.claim) - rank(b.claim) || a.index - b.index);
  return new Set(ordered.slice(0, CLAIMS_ON_REPORT_PAGE).map(({ claim }) => claim.id));
}

/** The claim's place on its evidence page, from the site's root under the base path. */
export function claimEvidenceHref(id: string, claimIndex: number, claimId: string): string {
  return `${siteHref(evidencePagePath(id, evidencePageOfClaim(claimIndex)))}#${claimAnchor(claimId)}`;
}

/**
 * Where a link on the report page to a claim goes: its row on the page when the page lists it, else its
 * place on the evidence pages; undefined for an id the synthesis does not hold.
 */
export function claimLinker(s: ClaimsOf & Pick<Synthesis, 'id'>): (claimId: string) => string | undefined {
  const shown = claimsOnReportPage(s);
  const index = new Map(s.claims.map((c, i) => [c.id, i]));
  return (claimId) => {
    const i = index.get(claimId);
    if (i === undefined) return undefined;
    return shown.has(claimId) ? `#${claimAnchor(claimId)}` : claimEvidenceHref(s.id, i, claimId);
  };
}
