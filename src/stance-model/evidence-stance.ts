import type { Stance } from '../records/index.ts';
import type { StanceProbabilities } from './classify.ts';
import type { SupportCheck } from './specificity.ts';

/** Least calibrated probability for an evidence sentence to take a side. */
export const MIN_PROBABILITY = 0.5;

/**
 * The stance an evidence sentence is shown with. Offline, a sentence takes a side only where it states the claim's
 * finding in other words, or its opposite, and passes the support gate (src/stance-model/specificity.ts):
 * - supports: the same finding (check.sameFinding, src/stance-model/finding-frames.ts: the same kind of subject, the
 *   same aspect, the same direction; or, on any topic, general-frames.ts: the same subject, outcome and direction),
 *   scored like a near-duplicate claim (src/pipeline/verify.ts) by the model's probability that it does not
 *   contradict the claim. The model is no veto: its "contradicts" was wrong on every labelled in-domain pair it gave
 *   it to (a restated finding on high false positives read 0.53 "contradicts");
 * - contradicts: the opposite finding (check.opposingFinding: the same subject named in both, the same aspect or
 *   outcome, the opposite direction, a comparison read by its sides: "pre-trained LMs are generally superior to
 *   LLMs"), scored by the model's probability that it does not support the claim. The model is no veto here: it reads
 *   shared topic words as support, and gave 0.52-0.56 to "supports" on labelled contradictions.
 * A sentence on which both are found states a mixed finding and takes no side.
 *
 * The stance model's own "supports" and "contradicts" readings are never shown as such. Fitted on HealthVer, where
 * annotators paired each claim with evidence on the same question, it reads shared topic words as support and an
 * unshared negation as refutation. Inside a review, on the hand-labelled pairs of bench/stance/ (two development
 * topics, labelled blind), the "supports" it passed through the gate on shared rare terms were right 6 times in 30
 * (the terms were the measure both studies report: LDL cholesterol, the forced swim test), and every
 * "contradicts" it gave there, on the demo reviews and on their labelled pairs was wrong (0 of 13). Such a reading
 * is shown as neutral, with the probability the model gave to "not this side", so the shown number still comes from
 * the calibrated model. A language model's stance (src/pipeline/llm-stance.ts), under its own checks, may take
 * either side.
 */
export function evidenceStance(p: StanceProbabilities, check: SupportCheck): { stance: Stance; score: number } {
  const same = (check.sameFinding?.length ?? 0) > 0;
  const opposing = (check.opposingFinding?.length ?? 0) > 0;
  if (check.blocked === null && same && !opposing) {
    return { stance: 'supports', score: 1 - p.contradicts };
  }
  if (check.blocked === null && opposing && !same) {
    return { stance: 'contradicts', score: 1 - p.supports };
  }
  const side: Stance | null =
    p.supports >= MIN_PROBABILITY && p.supports > p.contradicts
      ? 'supports'
      : p.contradicts >= MIN_PROBABILITY && p.contradicts > p.supports
        ? 'contradicts'
        : null;
  if (side === null) return { stance: 'neutral', score: p.neutral };
  return { stance: 'neutral', score: 1 - (side === 'supports' ? p.contradicts : p.supports) };
}
