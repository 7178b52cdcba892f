import { contradictionsAssessed, type Synthesis } from '../records/index.ts';

/** Whether this review's page may state a number of contradictions (the rule: src/records/claim.ts). */
export function contradictionsJudged(s: Synthesis): boolean {
  return contradictionsAssessed(s.claims);
}

export const NOT_JUDGED = 'contradictions not assessed (the offline verifier marks none)';
