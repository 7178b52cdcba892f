import type { FacetEvidence, IncludedPaper, Question, Synthesis, VerifiedClaim } from '../records/index.ts';

type Contradiction = Synthesis['contradictions'][number];

// Evidence by facet, for the facet chart and the facet sections. `papers` counts included papers whose
// screening matched the facet; papersSupporting counts distinct papers that back a claim on the facet (the
// claim's own paper when the claim is supported, and every paper whose evidence supports it);
// papersContradicting counts distinct papers whose evidence contradicts a claim on the facet.
export function composeFacetEvidence(
  question: Question,
  papers: readonly IncludedPaper[],
  claims: readonly VerifiedClaim[],
): FacetEvidence[] {
  return question.facets.map((f) => {
    const onFacet = claims.filter((c) => c.facet === f.id);
    const supporting = new Set<string>();
    const contradicting = new Set<string>();
    for (const c of onFacet) {
      if (c.verification.verdict === 'supported') supporting.add(c.paper);
      for (const e of c.verification.evidence) {
        if (e.stance === 'supports') supporting.add(e.paper);
        if (e.stance === 'contradicts') contradicting.add(e.paper);
      }
    }
    const verdict = (v: string) => onFacet.filter((c) => c.verification.verdict === v).length;
    return {
      facet: f.id,
      label: f.label,
      papers: papers.filter((p) => p.facets.includes(f.id)).length,
      claims: onFacet.length,
      supported: verdict('supported'),
      contradicted: verdict('contradicted'),
      insufficient: verdict('insufficient'),
      papersSupporting: supporting.size,
      papersContradicting: contradicting.size,
    };
  });
}

// Every contradicting evidence item, strongest first (score, then claim and paper ids for a stable order).
export function composeContradictions(claims: readonly VerifiedClaim[]): Contradiction[] {
  const out: Contradiction[] = [];
  for (const c of claims) {
    for (const e of c.verification.evidence) {
      if (e.stance === 'contradicts') out.push({ claim: c.id, paper: e.paper, quote: e.quote, score: e.score });
    }
  }
  return out.sort((a, b) => b.score - a.score || cmp(a.claim, b.claim) || cmp(a.paper, b.paper) || cmp(a.quote, b.quote));
}

// Design §4, rule 3: a facet with no supported claim is a gap, named, in the question's facet order.
export function composeGaps(question: Question, claims: readonly VerifiedClaim[]): string[] {
  const covered = new Set(claims.filter((c) => c.verification.verdict === 'supported').map((c) => c.facet));
  return question.facets.filter((f) => !covered.has(f.id)).map((f) => f.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
