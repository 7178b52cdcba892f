// Mapping a measured quantity onto the 1-5 scale of a criterion, with the cut points written where the
// reviewer uses them so a reader can recompute the score from the numbers in its reasons.

/** 1 + the number of cut points the value reaches: cuts [a,b,c,d] give 1 below a, 5 at d or above. */
export function atLeast(value: number, cuts: readonly [number, number, number, number]): number {
  return 1 + cuts.filter((c) => value >= c).length;
}

/** 5 − the number of cut points the value exceeds: cuts [a,b,c,d] give 5 up to a, 1 above d. */
export function atMost(value: number, cuts: readonly [number, number, number, number]): number {
  return 5 - cuts.filter((c) => value > c).length;
}

export function fraction(n: number, of: number): string {
  return of === 0 ? `${n} of 0` : `${n} of ${of} (${Math.round((n / of) * 100)}%)`;
}
