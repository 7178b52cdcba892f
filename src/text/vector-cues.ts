import { contentStems, scanTokens } from './stance.ts';
import { remembered } from './remembered.ts';
import { closestRow, STEM_COUNT, stemRow } from './word-vectors.ts';

// Cues between a claim and one evidence text read through word vectors (word-vectors.ts): how well the claim's content
// words find a close word in the evidence, and whether that word is negated on one side only. Like stance.ts, only
// counts and shares of the two texts: no topic, no prior. The stance model uses what src/stance-model/features.ts
// lists; the cues it tried and dropped (the evidence-side alignment; direction words placed by their nearest listed
// neighbour, cosine >= 0.6 and 0.1 nearer than the opposite class) are no longer computed, and the figures are there.
//
// Exported API
//   vectorCues(claim: string, evidence: string): VectorCues

export type VectorCues = {
  /** weighted mean over the claim's content stems of the best cosine with an evidence stem (same stem = 1) */
  alignedClaim: number;
  /** alignedClaim less the part that identical stems give: what only the vectors see */
  alignedClaimGain: number;
  /** weighted share of claim stems whose best evidence match has cosine >= CLOSE (same stems included) */
  softOverlap: number;
  /** weighted share of claim stems whose closest evidence stem (cosine >= CLOSE, same stem included) is negated on one side only */
  negationMismatch: number;
};

/** A cosine at which two words are taken to be about the same thing (GloVe 100-d: "reduces"/"lowers" 0.75). */
const CLOSE = 0.6;

// A stem's weight: the rarer a word in general English, the more it says about what a text is about. The table's
// rows are in frequency order, so by Zipf's law log(rank) stands in for an IDF that the pipeline does not have for
// the evidence; a stem outside the table is rarer than all of them.
function weightOfRow(row: number): number {
  return Math.log(2 + (row < 0 ? STEM_COUNT * 2 : row));
}

type Side = {
  stems: string[];
  rows: Int32Array;
  weights: Float64Array;
  /** each stem's place in stems: membership and index in one lookup */
  index: Map<string, number>;
  /** 1 where stems[i] is negated somewhere in the text */
  negatedAt: Uint8Array;
  /**
   * As evidence: for a row of the other text, its closest stem here (index) and their cosine, remembered, since one
   * evidence sentence meets many claims of a review and their words recur.
   */
  closest: Map<number, { at: number; cosine: number }>;
};

const side = remembered((text: string): Side => {
  const stems = [...contentStems(text)];
  const rows = Int32Array.from(stems, (s) => stemRow(s));
  const weights = Float64Array.from(rows, (r) => weightOfRow(r));
  const negated = new Set<string>();
  for (const t of scanTokens(text)) if (t.negated) negated.add(t.stem);
  const index = new Map(stems.map((s, i) => [s, i]));
  const negatedAt = Uint8Array.from(stems, (s) => (negated.has(s) ? 1 : 0));
  return { stems, rows, weights, index, negatedAt, closest: new Map() };
});

function closestIn(to: Side, row: number): { at: number; cosine: number } {
  let found = to.closest.get(row);
  if (found === undefined) to.closest.set(row, (found = closestRow(row, to.rows)));
  return found;
}

/** Weighted mean best cosine of `from`'s stems with `to`'s, and the part of it that identical stems give. */
function aligned(from: Side, to: Side): { mean: number; exact: number; close: number; negationMismatch: number } {
  let total = 0;
  let sum = 0;
  let exact = 0;
  let close = 0;
  let mismatch = 0;
  // Built once per text (side), not per pair: a review pairs each evidence sentence with many claims.
  const { index, negatedAt: toNegated } = to;
  for (let i = 0; i < from.stems.length; i++) {
    const w = from.weights[i]!;
    total += w;
    const same = index.get(from.stems[i]!);
    if (same !== undefined) {
      sum += w;
      exact += w;
      close += w;
      if (from.negatedAt[i] !== toNegated[same]) mismatch += w;
      continue;
    }
    const r = from.rows[i]!;
    if (r < 0) continue;
    const { at: bestAt, cosine: best } = closestIn(to, r);
    sum += w * best;
    if (best >= CLOSE) {
      close += w;
      if (from.negatedAt[i] !== toNegated[bestAt]) mismatch += w;
    }
  }
  return total === 0
    ? { mean: 0, exact: 0, close: 0, negationMismatch: 0 }
    : { mean: sum / total, exact: exact / total, close: close / total, negationMismatch: mismatch / total };
}

export function vectorCues(claim: string, evidence: string): VectorCues {
  const c = side(claim);
  const e = side(evidence);
  const forward = aligned(c, e);
  return {
    alignedClaim: forward.mean,
    alignedClaimGain: forward.mean - forward.exact,
    softOverlap: forward.close,
    negationMismatch: forward.negationMismatch,
  };
}
