import type { Evidence, IncludedPaper, VerifiedClaim } from '../records/index.ts';

// The last gate before a claim reaches a page (design §4, rules 1 and 2): its paper is included, its quote is
// the paper's text at the stated offsets, and every evidence item names an included paper and quotes it
// verbatim. Upstream stages promise this; re-checking here costs little and keeps docs/report-json.md's invariants
// true even when a stage slips. Claims that fail are counted as dropped, evidence that fails is left out.
export function citableClaims(
  claims: readonly VerifiedClaim[],
  papers: readonly IncludedPaper[],
): { claims: VerifiedClaim[]; dropped: number } {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const kept: VerifiedClaim[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const claim of claims) {
    const paper = byId.get(claim.paper);
    const source = paper ? paper[claim.quote.field] : null;
    const verbatim = typeof source === 'string' && source.slice(claim.quote.start, claim.quote.end) === claim.quote.text;
    if (!paper || !verbatim || !claim.verification.checks.quoteVerbatim || seen.has(claim.id)) {
      dropped++;
      continue;
    }
    seen.add(claim.id);
    const evidence = claim.verification.evidence.filter((e) => quotable(e, byId));
    kept.push(
      evidence.length === claim.verification.evidence.length
        ? claim
        : { ...claim, verification: { ...claim.verification, evidence } },
    );
  }
  return { claims: kept, dropped };
}

function quotable(e: Evidence, byId: ReadonlyMap<string, IncludedPaper>): boolean {
  const p = byId.get(e.paper);
  // docs/report-json.md: "every evidence quote occurs verbatim in the text of the paper it names" (title + abstract).
  return p !== undefined && `${p.title}\n${p.abstract ?? ''}`.includes(e.quote);
}
