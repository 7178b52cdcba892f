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

/**
 * A stricter fold group: claims joined whenever they share an evidence passage, transitively (connected
 * components). In HealthVer one passage is paired with several claims of a topic, and the label of a passage's
 * other pairs predicts a pair's label 62% of the time, so claim-grouped folds let a model recognise passages it
 * was trained on. Grouping by these components keeps every passage, and in practice nearly every topic, on one
 * side; the gap between the two figures is how much of the claim-grouped one rests on passages seen in training.
 * Returns one group key per pair (the smallest claim group of its component), in input order.
 */
export function passageLinkedGroups(pairs: readonly { claim: string; evidence: string }[]): string[] {
  const parent = new Map<string, string>();
  const root = (g: string): string => {
    let r = g;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const claimOf = pairs.map((p) => claimGroup(p.claim));
  for (const g of claimOf) parent.set(g, g);
  const firstClaimOfPassage = new Map<string, string>();
  pairs.forEach((p, i) => {
    const passage = p.evidence.trim().replace(/\s+/g, ' ');
    const other = firstClaimOfPassage.get(passage);
    if (other === undefined) {
      firstClaimOfPassage.set(passage, claimOf[i]!);
      return;
    }
    const a = root(other);
    const b = root(claimOf[i]!);
    // The smaller key becomes the root, so the group key does not depend on row order.
    if (a !== b) {
      if (a < b) parent.set(b, a);
      else parent.set(a, b);
    }
  });
  return claimOf.map(root);
}
