import type { Synthesis } from '../../records/index.ts';

type Contradiction = Synthesis['contradictions'][number];

// The report page's contradictions, each disagreement once. A claim contradicted by a sentence that is itself
// another paper's claim is usually contradicted by it the other way round too (the two state opposite findings):
// the two stored entries are one disagreement, shown once, strongest first, with the other reading's score. The
// page shows the strongest CONTRADICTIONS_ON_REPORT_PAGE; every claim's contradicting sentences are on the evidence
// pages, so a review with many disagreements keeps its page under its weight (tests/site/report-weight.test.ts).
export const CONTRADICTIONS_ON_REPORT_PAGE = 10;

export type ShownContradiction = Contradiction & { reverse: number | null };

export function contradictionsShown(s: Pick<Synthesis, 'claims' | 'contradictions'>): { shown: ShownContradiction[]; disagreements: number } {
  const byId = new Map(s.claims.map((c) => [c.id, c]));
  const side = (paper: string, quote: string) => `${paper}\u0000${quote}`;
  const claimSide = (c: Contradiction) => {
    const claim = byId.get(c.claim);
    return claim === undefined ? null : side(claim.paper, claim.quote.text);
  };
  // Stored order is strongest first (src/pipeline/compose-evidence.ts), so the first reading of a pair is kept.
  const kept = new Map<string, ShownContradiction>();
  const out: ShownContradiction[] = [];
  for (const c of s.contradictions) {
    const from = claimSide(c);
    const to = side(c.paper, c.quote);
    const mirror = from === null ? undefined : kept.get(`${to}\u0001${from}`);
    if (mirror !== undefined && mirror.reverse === null) {
      mirror.reverse = c.score;
      continue;
    }
    const shown = { ...c, reverse: null };
    if (from !== null) kept.set(`${from}\u0001${to}`, shown);
    out.push(shown);
  }
  return { shown: out.slice(0, CONTRADICTIONS_ON_REPORT_PAGE), disagreements: out.length };
}
