import type { StanceCues } from '../text/stance.ts';

// What in two sentences opposes them, in words a reader can find: a review page may show "contradicts" only where
// one of these is there. The stance model (src/stance-model/) was fitted on HealthVer, where annotators paired each
// claim with evidence on the same question; there, a negation anywhere in one text but not the other often marks a
// refutation. Inside one review every sentence shares the topic, and such a negation is usually a detail ("state of
// the art among models NOT trained on OpenAI outputs, 46.2% pass@1" against "StarCoder can be prompted to achieve
// 40% pass@1" is two results of two set-ups, not a contradiction). The stance model's probability still decides;
// this only says whether there is anything for it to have seen.
//
// Exported API
//   oppositionCues(cues: StanceCues): string[]       the kinds of opposition present, [] when none

export function oppositionCues(cues: StanceCues): string[] {
  const out: string[] = [];
  if (cues.negatedSharedMismatch > 0) out.push('a shared term negated on one side only');
  if (cues.antonymPairs > 0) out.push('opposite words');
  if (cues.claimValence * cues.evidenceValence < 0) out.push('opposite valence');
  if (cues.claimQuantity * cues.evidenceQuantity < 0) out.push('opposite direction of change');
  if (cues.claimRelation * cues.evidenceRelation < 0) out.push('a relation asserted and denied');
  if (cues.evidenceNullFinding > 0 && cues.claimDenial === 0) out.push('a null finding against an effect');
  return out;
}
