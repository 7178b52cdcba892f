import type { Stance } from '../records/index.ts';
import type { StanceProbabilities } from './classify.ts';
import type { SupportCheck } from './specificity.ts';

/** Least calibrated probability for an evidence sentence to take a side. */
export const MIN_PROBABILITY = 0.5;

/**
 * The stance an evidence sentence is shown with. It takes a side only when the verifier finds that side more
 * likely than not (a page never says "contradicts" on a 40% reading, which the argmax of three classes would
 * allow), and only when the sentence can speak to the claim's finding at all (src/stance-model/specificity.ts):
 * a sentence sharing only the review's topic, describing a method, or reporting another system's result is
 * neutral whatever the stance model reads into it, and a claim contrasting two subjects is never contradicted
 * by an opposite word that may belong to its other subject. Its score is then the probability the model gave to
 * "not this side", so the shown number still comes from the calibrated model.
 *
 * "Contradicts" also needs an opposition a reader can find in the two sentences (`opposition`, usually
 * src/stance-model/opposition.ts over the stance cues; called only then, since it is rarely needed).
 *
 * Evidence that states the claim's finding in other words (check.sameFinding, src/stance-model/finding-frames.ts)
 * supports it unless the model reads it as contradicting: like a near-duplicate claim (src/pipeline/verify.ts),
 * it is scored by the verifier's probability that it does not contradict the claim. The lexical model cannot
 * see a paraphrase as support ("limited precision" / "high false positives"), but it can still see opposition.
 */
export function evidenceStance(p: StanceProbabilities, check: SupportCheck, opposition: () => readonly string[]): { stance: Stance; score: number } {
  if (check.blocked === null && (check.sameFinding?.length ?? 0) > 0 && p.contradicts < MIN_PROBABILITY && p.contradicts <= p.supports) {
    return { stance: 'supports', score: 1 - p.contradicts };
  }
  const side: Stance | null =
    p.supports >= MIN_PROBABILITY && p.supports > p.contradicts
      ? 'supports'
      : p.contradicts >= MIN_PROBABILITY && p.contradicts > p.supports
        ? 'contradicts'
        : null;
  if (side === null) return { stance: 'neutral', score: p.neutral };
  if (check.blocked !== null || (side === 'contradicts' && (check.claimContrasts || opposition().length === 0))) return { stance: 'neutral', score: 1 - (side === 'supports' ? p.contradicts : p.supports) };
  return side === 'supports' ? { stance: 'supports', score: p.supports } : { stance: 'contradicts', score: p.contradicts };
}
