import type { Paper, Question, Reference, SourceResult, Synthesis } from '../records/index.ts';
import { Synthesis as SynthesisSchema } from '../records/index.ts';
import { merge } from './merge.ts';
import { screen } from './screen.ts';
import { extractClaims } from './claims.ts';
import { verify } from './verify.ts';
import { compose, includedPapers } from './compose.ts';
import { review } from './review.ts';
import { nextHistory } from './history.ts';

export interface StageContext {
  engine: string;
  /** ISO time of this synthesis run */
  generated: string;
  inputHash: string;
  /**
   * The reference list of the included papers in the question's citation style, each entry with its
   * in-text citation. Formatting needs citation-js and the CSL styles the runner loaded from disk
   * (src/cite), which a stage may not import; the runner builds this function and hands it in.
   */
  formatReferences: (papers: readonly Paper[], style: Question['citationStyle']) => Reference[];
}

// The whole pipeline from retrieved records to a Synthesis, pure: the same results, question,
// previous synthesis and context give the same record.
export function runStages(question: Question, results: readonly SourceResult[], previous: Synthesis | null, context: StageContext): Synthesis {
  const records = results.flatMap((r) => r.records);
  const bySource: Record<string, number> = {};
  for (const r of results) bySource[r.source] = (bySource[r.source] ?? 0) + r.records.length;

  const { papers, duplicates } = merge(records);
  const decisions = screen(papers, question);
  const included = includedPapers(papers, decisions);
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
    included,
    claims: verified,
    claimsDropped: dropped,
    references: context.formatReferences(included, question.citationStyle),
  });
  const reviewed = { ...draft, review: review(draft, question) };
  // The one schema check of a new synthesis: the store writes what this returns as it is.
  return SynthesisSchema.parse({ ...reviewed, history: nextHistory(previous, reviewed) });
}
