// Top-label calibration (Gupta & Ramdas, "Top-label calibration and multiclass-to-binary reductions", ICLR 2022):
// the label stays the model's argmax, and only the probability shown on it is remapped, by a monotone map from
// the raw top probability to the observed rate at which that label was right. Fitted by isotonic regression
// (pool-adjacent-violators; Zadrozny & Elkan, KDD 2002) on out-of-fold predictions.
//
// Why not temperature or vector scaling alone: the class weighting that buys macro-F1 shifts probability away
// from the majority class, and a temperature cannot undo a prior shift, while re-fitting per-class biases
// (vector scaling) moves the argmax back to the majority class. A map on the top probability fixes the number
// ECE reads without touching the decision.
//
// Exported API: TopLabelMap, fitTopLabelMap, fitTopLabelMapToRows, calibrateTopLabel.

/** Knots of a non-decreasing piecewise-linear map, flat beyond the first and last knot. */
export type TopLabelMap = { x: number[]; y: number[] };

/**
 * Isotonic regression of `correct` (1 or 0) on `confidence`, each pooled block reduced to one knot at its mean
 * confidence. `minBlock` rows at least per block: PAV alone makes blocks of one row at the extremes, whose 0 or 1
 * would be read as certainty.
 */
export function fitTopLabelMap(confidence: readonly number[], correct: readonly boolean[], minBlock = 20): TopLabelMap {
  const order = confidence.map((_, i) => i).sort((a, b) => confidence[a]! - confidence[b]! || a - b);
  type Block = { n: number; sx: number; sy: number };
  const blocks: Block[] = [];
  const mean = (b: Block) => b.sy / b.n;
  const merge = (a: Block, b: Block): Block => ({ n: a.n + b.n, sx: a.sx + b.sx, sy: a.sy + b.sy });
  for (const i of order) {
    blocks.push({ n: 1, sx: confidence[i]!, sy: correct[i] ? 1 : 0 });
    while (blocks.length > 1 && mean(blocks[blocks.length - 2]!) >= mean(blocks[blocks.length - 1]!)) {
      const last = blocks.pop()!;
      blocks.push(merge(blocks.pop()!, last));
    }
  }
  // Small blocks join a neighbour (the one whose rate is closer); merging adjacent blocks of a monotone
  // sequence keeps it monotone.
  for (let changed = true; changed && blocks.length > 1; ) {
    changed = false;
    for (let k = 0; k < blocks.length; k++) {
      if (blocks[k]!.n >= minBlock) continue;
      const left = k > 0 ? Math.abs(mean(blocks[k - 1]!) - mean(blocks[k]!)) : Infinity;
      const right = k < blocks.length - 1 ? Math.abs(mean(blocks[k + 1]!) - mean(blocks[k]!)) : Infinity;
      const j = left <= right ? k - 1 : k + 1;
      const [a, b] = j < k ? [j, k] : [k, j];
      blocks.splice(a, 2, merge(blocks[a]!, blocks[b]!));
      changed = true;
      break;
    }
  }
  return { x: blocks.map((b) => b.sx / b.n), y: blocks.map(mean) };
}

/** fitTopLabelMap on probability rows: each row's top probability, and whether its label (the first top) is `truth`'s. */
export function fitTopLabelMapToRows(rows: readonly (readonly number[])[], truth: readonly number[], minBlock = 20): TopLabelMap {
  const top = rows.map((p) => Math.max(...p));
  return fitTopLabelMap(top, rows.map((p, i) => p.indexOf(top[i]!) === truth[i]), minBlock);
}

function evaluateMap(map: TopLabelMap, t: number): number {
  const { x, y } = map;
  if (x.length === 0) return t;
  if (t <= x[0]!) return y[0]!;
  const last = x.length - 1;
  if (t >= x[last]!) return y[last]!;
  let k = 1;
  while (x[k]! < t) k++;
  const w = (t - x[k - 1]!) / (x[k]! - x[k - 1]!);
  return y[k - 1]! + w * (y[k]! - y[k - 1]!);
}

/**
 * The row with its top probability replaced by the mapped one and the rest shared among the other labels in
 * proportion to their raw probabilities. The argmax never changes: a mapped value that would fall to or below
 * the runner-up's share is raised to just above it (the point where top and runner-up tie, plus 1e-6), since a
 * calibration step must not decide the label; on HealthVer the map stays above that floor for nearly all rows.
 */
export function calibrateTopLabel(map: TopLabelMap, p: readonly number[]): number[] {
  let top = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[top]!) top = c;
  const t = p[top]!;
  const rest = 1 - t;
  if (rest <= 0) return [...p];
  let runnerUp = 0;
  p.forEach((v, c) => {
    if (c !== top && v > runnerUp) runnerUp = v;
  });
  // With the others scaled by (1 - m) / rest, the runner-up equals m when m = r / (rest + r).
  const floor = runnerUp / (rest + runnerUp) + 1e-6;
  const m = Math.min(1, Math.max(evaluateMap(map, t), floor));
  return p.map((v, c) => (c === top ? m : (v * (1 - m)) / rest));
}
