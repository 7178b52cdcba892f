import type { IncludedPaper, Paper, Question, SourceResult, Synthesis } from '../records/index.ts';
import { Synthesis as SynthesisSchema } from '../records/index.ts';
import { merge } from './merge.ts';
import { screen } from './screen.ts';
import { extractClaims } from './claims.ts';
import { verify } from './verify.ts';
import { compose } from './compose.ts';
import { review } from './review.ts';
import { nextHistory } from './history.ts';
import { formatReferences } from '../cite/references.ts';

export interface StageContext {
  engine: string;
  /** ISO time of this synthesis run */
  generated: string;
  inputHash: string;
}

// The whole pipeline from retrieved records to a Synthesis, pure: the same results, question,
// previous synthesis and context give the same record.
export function runStages(question: Question, results: readonly SourceResult[], previous: Synthesis | null, context: StageContext): Synthesis {
  const records = results.flatMap((r) => r.records);
  const bySource: Record<string, number> = {};
  for (const r of results) bySource[r.source] = (bySource[r.source] ?? 0) + r.records.length;

  const { papers, duplicates, recordNames } = merge(records);
  const { decisions, report: screening } = screen(papers, question, { recordNames });
  const byId = new Map<string, Paper>(papers.map((p) => [p.id, p]));
  const included: IncludedPaper[] = decisions
    .filter((d) => d.included)
    .map((d) => {
      const paper = byId.get(d.paper);
      if (!paper) throw new Error(`screening returned unknown paper ${d.paper}`);
      return { ...paper, relevance: d.relevance, facets: d.facets };
    });
  const { claims, dropped } = extractClaims(included, question);
  const verified = verify(claims, included, question);
  const draft = compose({
    question,
    engine: context.engine,
    generated: context.generated,
    inputHash: context.inputHash,
    retrieval: results.flatMap((r) => r.log),
    bySource,
    identified: records.length,
    duplicates,
    papers,
    decisions,
    screening,
    claims: verified,
    claimsDropped: dropped,
    references: formatReferences(included, question.citationStyle),
  });
  const reviewed = { ...draft, review: review(draft, question) };
  return SynthesisSchema.parse({ ...reviewed, history: nextHistory(previous, reviewed) });
}
