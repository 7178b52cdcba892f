import type { Paper, Question, Reference, SourceResult, Synthesis } from '../records/index.ts';
import { Synthesis as SynthesisSchema } from '../records/index.ts';
import { merge } from './merge.ts';
import { screen } from './screen.ts';
import { extractClaims } from './claims.ts';
import { verifyWithCandidates } from './verify.ts';
import { compose, includedPapers } from './compose.ts';
import { review, REVIEWERS } from './review.ts';
import { nextHistory } from './history.ts';
import { LlmLedger, type LlmContext, type LlmRequest } from './llm-request.ts';
import { modelClaims } from './llm-claims.ts';
import { modelStance } from './llm-stance.ts';
import { modelSummary } from './llm-summary.ts';
import { modelReviewer } from './llm-reviewer.ts';
import { llmMethods } from './llm-methods.ts';

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
  /**
   * A language model's cached answers, for the steps the question gives it (src/pipeline/llm-request.ts). Absent,
   * or with no steps, the synthesis is exactly the offline one.
   */
  llm?: LlmContext;
}

/** What the model's steps asked for: every request this synthesis needed, and the keys of the answers it read. */
export type LlmDemand = { wanted: LlmRequest[]; used: string[] };

// The whole pipeline from retrieved records to a Synthesis, pure: the same results, question,
// previous synthesis and context give the same record.
export function runStages(question: Question, results: readonly SourceResult[], previous: Synthesis | null, context: StageContext): Synthesis {
  return runStagesDetailed(question, results, previous, context).synthesis;
}

// The same, also saying what a language model was asked for: the runner that asks (src/synthesize-llm.ts) answers
// what is missing and runs the stages again.
export function runStagesDetailed(
  question: Question,
  results: readonly SourceResult[],
  previous: Synthesis | null,
  context: StageContext,
): { synthesis: Synthesis; llm: LlmDemand } {
  const ledger = context.llm && context.llm.steps.length > 0 ? new LlmLedger(context.llm) : null;
  const records = results.flatMap((r) => r.records);
  const bySource: Record<string, number> = {};
  for (const r of results) bySource[r.source] = (bySource[r.source] ?? 0) + r.records.length;

  const { papers, duplicates, recordNames } = merge(records);
  const { decisions, report: screening } = screen(papers, question, { recordNames });
  const included = includedPapers(papers, decisions);
  const lexical = extractClaims(included, question);
  const { claims, dropped } = ledger?.has('claims') ? modelClaims(lexical, included, question, ledger) : lexical;
  // The support gate reads the review's topic from every screened record by rank, not from the included ones
  // (screen() ranks every record; rank is optional only in older stored syntheses).
  const byId = new Map(papers.map((p) => [p.id, p]));
  const ranked = [...decisions].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((d) => byId.get(d.paper)!);
  const checked = verifyWithCandidates(claims, included, question, ranked);
  const verified = ledger?.has('stance') ? modelStance(checked.verified, checked.candidates, ledger) : checked.verified;
  const composed = compose({
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
    included,
    claims: verified,
    claimsDropped: dropped,
    references: context.formatReferences(included, question.citationStyle),
  });
  const draft = ledger?.has('summary') ? { ...composed, summary: modelSummary(composed, question, ledger) } : composed;
  const reviewer = ledger?.has('review') ? modelReviewer(draft, question, ledger) : null;
  const reviewed = { ...draft, review: review(draft, question, reviewer ? [...REVIEWERS, reviewer] : REVIEWERS) };
  const provenance = ledger?.provenance();
  const told = provenance ? { ...reviewed, methods: [...reviewed.methods, ...llmMethods(provenance)], llm: provenance } : reviewed;
  // The one schema check of a new synthesis: the store writes what this returns as it is.
  const synthesis = SynthesisSchema.parse({ ...told, history: nextHistory(previous, told) });
  return { synthesis, llm: { wanted: ledger?.wanted ?? [], used: [...(ledger?.used ?? [])] } };
}
