import { shuffled } from './seeded-random.ts';

/**
 * Assigns each row a fold in 0..k-1 so that rows sharing a group key (the claim text) always share a fold:
 * the same claim never sits in both training and test data. Groups are shuffled with a seed, then each
 * goes to the fold with the fewest rows so far, which keeps folds about equal in size.
 */
export function groupedFolds(groups: readonly string[], k: number, seed: number): number[] {
  const sizes = new Map<string, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const order = shuffled([...sizes.keys()].sort(), seed);
  const foldOf = new Map<string, number>();
  const load = new Array<number>(k).fill(0);
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(g, best);
    load[best]! += sizes.get(g)!;
  }
  return groups.map((g) => foldOf.get(g)!);
}

/** The normalised claim text used as the fold group: case and spacing differences are the same claim. */
export function claimGroup(claim: string): string {
  return claim.trim().replace(/\s+/g, ' ').toLowerCase();
}
