import type { Counts, IncludedPaper, Paper, ScreeningDecision, Synthesis, VerifiedClaim } from '../records/index.ts';
import { ExclusionReason } from '../records/index.ts';

type Prisma = Synthesis['prisma'];
type ExcludedRecord = Synthesis['excluded'][number];

// PRISMA 2020 flow counts. They are computed once, here, from the screening decisions, and the methods text,
// the diagram and the JSON all read them (design §4, rule 5). A mismatch between the stages' numbers is a
// bug upstream, so it stops the run instead of publishing counts that do not add up.
export function composeCounts(input: {
  bySource: Record<string, number>;
  identified: number;
  duplicates: number;
  papers: readonly Paper[];
  decisions: readonly ScreeningDecision[];
  included: readonly IncludedPaper[];
  claims: readonly VerifiedClaim[];
  claimsDropped: number;
}): { counts: Counts; prisma: Prisma; excluded: ExcludedRecord[] } {
  const { identified, duplicates, decisions, included, claims } = input;
  const fromSources = Object.values(input.bySource).reduce((a, b) => a + b, 0);
  if (fromSources !== identified) {
    throw new Error(`compose: records by source sum to ${fromSources}, but ${identified} were identified`);
  }
  const screened = identified - duplicates;
  if (decisions.length !== screened) {
    throw new Error(
      `compose: ${decisions.length} screening decisions for ${screened} screened records (${identified} identified − ${duplicates} duplicates)`,
    );
  }
  const byId = new Map(input.papers.map((p) => [p.id, p]));
  const excluded: ExcludedRecord[] = [];
  const byReason = new Map<string, number>();
  for (const d of decisions) {
    if (d.included) continue;
    // A decision that excludes without a reason would leave the PRISMA box unexplained.
    if (d.reason === null) throw new Error(`compose: paper "${d.paper}" is excluded without a reason`);
    const p = byId.get(d.paper);
    if (!p) throw new Error(`compose: screening decision names paper "${d.paper}", which is not among the screened records`);
    excluded.push({ paper: d.paper, title: p.title, year: p.year, reason: d.reason, detail: d.detail, relevance: d.relevance });
    byReason.set(d.reason, (byReason.get(d.reason) ?? 0) + 1);
  }
  // Reasons in the schema's order (the order screening applies them), so the diagram reads top to bottom.
  const excludedByReason: Record<string, number> = {};
  for (const r of ExclusionReason.options) {
    const n = byReason.get(r);
    if (n) excludedByReason[r] = n;
  }
  const bySource: Record<string, number> = {};
  for (const k of Object.keys(input.bySource).sort()) bySource[k] = input.bySource[k] ?? 0;

  const verdicts = (v: string) => claims.filter((c) => c.verification.verdict === v).length;
  const counts: Counts = {
    identified,
    duplicates,
    screened,
    excluded: screened - included.length,
    included: included.length,
    claims: claims.length,
    supported: verdicts('supported'),
    contradicted: verdicts('contradicted'),
    insufficient: verdicts('insufficient'),
    claimsDropped: input.claimsDropped,
  };
  return { counts, prisma: { bySource, excludedByReason }, excluded };
}
