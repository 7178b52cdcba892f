import { LABELS, type Label } from './model.ts';

export type ClassFigures = { precision: number; recall: number; f1: number; support: number };
export type Scores = {
  n: number;
  accuracy: number;
  macro_f1: number;
  ece: number;
  per_class: Record<Label, ClassFigures>;
};

/**
 * Expected calibration error (Naeini et al. 2015; Guo et al. 2017): the confidence of each prediction is its
 * largest probability; predictions fall into `bins` equal-width confidence bins, and ECE is the row-weighted
 * mean gap |accuracy - mean confidence| over bins.
 */
export function expectedCalibrationError(probabilities: readonly number[][], truth: readonly number[], bins = 15): number {
  const count = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  probabilities.forEach((p, i) => {
    const conf = Math.max(...p);
    const pred = p.indexOf(conf);
    // Bins are (lo, hi]: a confidence of exactly 1 falls in the last bin.
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(conf * bins) - 1));
    count[b]! += 1;
    confidence[b]! += conf;
    if (pred === truth[i]) correct[b]! += 1;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    ece += (count[b]! / probabilities.length) * Math.abs(correct[b]! / count[b]! - confidence[b]! / count[b]!);
  }
  return ece;
}

export function score(probabilities: readonly number[][], truth: readonly number[]): Scores {
  const predicted = probabilities.map((p) => p.indexOf(Math.max(...p)));
  const perClass = {} as Record<Label, ClassFigures>;
  let f1Sum = 0;
  LABELS.forEach((label, c) => {
    const tp = predicted.filter((p, i) => p === c && truth[i] === c).length;
    const fp = predicted.filter((p, i) => p === c && truth[i] !== c).length;
    const fn = predicted.filter((p, i) => p !== c && truth[i] === c).length;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support: tp + fn };
    f1Sum += f1;
  });
  return {
    n: truth.length,
    accuracy: predicted.filter((p, i) => p === truth[i]).length / Math.max(truth.length, 1),
    macro_f1: f1Sum / LABELS.length,
    ece: expectedCalibrationError(probabilities, truth),
    per_class: perClass,
  };
}
