import type { LabelledPair } from '../stance-model/dataset.ts';
import { StanceAnswer } from '../records/index.ts';
import { checkJudgements, judgementProbabilities, stanceRequest, type Judgement } from '../pipeline/llm-stance.ts';
import { LlmLedger, readAnswer, requestKey } from '../pipeline/llm-request.ts';
import type { LlmAsker } from './client.ts';

// The verification benchmark through the language model (`npm run bench:verify -- <csv> --llm`): each labelled
// claim/evidence pair is sent as the stance step sends a claim with one evidence sentence, and the answer goes
// through the same checks. The model's probabilities are scored like the lexical model's (in LABELS order:
// Supports, Refutes, Neutral), so the figures compare. A pair the model did not answer, or whose answer the
// checks rejected, counts as a neutral abstention: the benchmark scores the path as the pipeline would use it.

export type StanceBench = {
  probabilities: number[][];
  /** per pair, the judgement the checks let through (the model's own probability), or null */
  judgements: (Judgement | null)[];
  answered: number;
  rejected: number;
  failed: string[];
  budgetStopped: string | null;
};

const ABSTAIN = [0, 0, 1];

export async function benchStance(pairs: readonly LabelledPair[], asker: LlmAsker, model: string): Promise<StanceBench> {
  const ledger = new LlmLedger({ model, steps: ['stance'], entries: new Map() });
  const out: StanceBench = { probabilities: [], judgements: [], answered: 0, rejected: 0, failed: [], budgetStopped: null };
  const outcomes = await Promise.all(
    pairs.map(async (pair, i) => {
      const partial = stanceRequest(pair.claim, [pair.evidence], `pair ${i + 1}`);
      return asker.ask({ ...partial, key: requestKey(model, partial) });
    }),
  );
  outcomes.forEach((outcome, i) => {
    const pair = pairs[i]!;
    if (outcome.status !== 'answered') {
      if (outcome.status === 'failed') out.failed.push(`pair ${i + 1}: ${outcome.message}`);
      else out.budgetStopped = outcome.message;
      out.probabilities.push(ABSTAIN);
      out.judgements.push(null);
      return;
    }
    const answer = readAnswer(outcome.entry, StanceAnswer);
    const judged = answer.ok ? checkJudgements(answer.value, pair.claim, [pair.evidence], ledger).get(0) : undefined;
    if (judged === undefined) {
      out.rejected++;
      out.probabilities.push(ABSTAIN);
      out.judgements.push(null);
      return;
    }
    out.answered++;
    out.judgements.push(judged);
    const p = judgementProbabilities(judged);
    out.probabilities.push([p.supports, p.contradicts, p.neutral]);
  });
  return out;
}
