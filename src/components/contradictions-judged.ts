import type { Synthesis } from '../records/index.ts';

/**
 * Whether anything in this review could mark a contradiction: offline, the verifier never does
 * (src/stance-model/evidence-stance.ts), so its "0 contradicted" is not a finding and the page says so instead.
 * A language model's stance step may.
 */
export function contradictionsJudged(s: Synthesis): boolean {
  return s.claims.some((c) => c.verification.verifier.startsWith('llm:'));
}

export const NOT_JUDGED = 'contradictions not assessed (the offline verifier marks none)';
