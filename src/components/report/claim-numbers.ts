import type { Synthesis } from '../../records/index.ts';

// The claims table numbers claims C1, C2, … in their stored order; other sections link to those rows by the
// same numbers. A claim id the synthesis does not hold has no number and gets no link.
export function claimNumbers(synthesis: Pick<Synthesis, 'claims'>): ReadonlyMap<string, number> {
  return new Map(synthesis.claims.map((claim, index) => [claim.id, index + 1]));
}
