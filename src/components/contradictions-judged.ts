import { contradictionsJudgedByModel, type Synthesis } from '../records/index.ts';

/** Whether a language model judged this review's contradictions (the rule: src/records/claim.ts). */
export function contradictionsByModel(s: Synthesis): boolean {
  return contradictionsJudgedByModel(s.claims);
}

/** What an offline count of contradictions covers, said wherever the count is. */
export const OFFLINE_CONTRADICTIONS = 'offline, only opposite findings the verifier can read are marked';
