import { featurize, FEATURE_NAMES } from './features.ts';
import { claimGroup, groupedFolds } from './folds.ts';
import { fitLogistic, fitTemperature, LABELS, logits, softmax, type LinearModel } from './model.ts';
import type { LabelledPair } from './dataset.ts';
import { expectedCalibrationError, score } from './metrics.ts';
import { calibrateTopLabel, fitTopLabelMapToRows, type TopLabelMap } from './top-label-calibration.ts';

export const VERIFIER_NAME = 'lexical-lr-v1';

export type VerifierParams = LinearModel & {
  verifier: string;
  features: string[];
  labels: string[];
  temperature: number;
  /** Top-label confidence map applied after the temperature (top-label-calibration.ts); the label is unchanged. */
  confidenceMap: TopLabelMap;
  /** Least rows per block of that map, chosen by inner cross-fitted ECE. */
  minBlock: number;
  l2: number;
  balance: number;
  folds: number;
  seed: number;
};

/**
 * `l2` and `balance` list the settings to choose from: the pair with the best inner held-out macro-F1 (the
 * benchmark's own figure; held-out log-loss prefers heavy penalties that collapse toward the majority class) is
 * used. `minBlock` lists the least block sizes for the top-label confidence map, chosen by the ECE of maps fitted
 * on the other inner folds' held-out predictions.
 */
export type TrainingOptions = {
  l2: readonly number[];
  folds: number;
  seed: number;
  balance: readonly number[];
  minBlock: readonly number[];
};
// Class weighting evens out the loss between the classes: balance 0 is plain maximum likelihood, 1 the fully
// balanced weighting. Partial weighting raises minority-class recall (macro-F1) but moves probability away from
// Neutral, which a temperature cannot undo; the top-label map restores calibration without touching the label,
// so the weighting is chosen on macro-F1 alone. Before the map, selection was held to inner ECE <= 0.04 and
// reached 0.429 / 0.075 (macro-F1 / ECE, HealthVer dev, passage-grouped, mean of 8 fold seeds); with it
// 0.436 / 0.051.
// Tried with this selection and not adopted (8-seed means, against 0.436 / 0.051): one map per predicted class
// (pooled under 150 rows), ECE 0.086; equal-mass histogram binning, 4 or 8 bins, 0.050 / 0.051 (no better than PAV);
// fixed least blocks 20-400 without the cross-fitted choice, 0.046-0.059 (seen on the scored folds, so not a choice); the temperature and map fitted on 2 or 3
// repeated inner splits, 0.435 / 0.054 and 0.436 / 0.044 (not monotone in the repeats, and 2-3x the time); weighting
// up to 1 (fully balanced), 0.438 / 0.054; keeping the inner ECE <= 0.04 rule and adding the map, 0.429 / 0.060-0.065.
// Model classes: pairwise products of 6 or 11 stance cues appended, 0.435 / 0.058 and 0.430 / 0.058; a one-hidden-
// layer network (8 tanh units, L2 0.05-0.2 and weighting 0.5-0.75 chosen by the same inner CV, same map), 0.437 /
// 0.058 at 37-87 s per run.
// Block sizes: PAV's blocks of a few rows at the extremes read as certainty and do not carry over to unseen
// topics. A single block (one confidence for every pair) is left out: its pooled cross-fitted ECE is about zero
// by construction (each inner fold gets the mean accuracy of the others), whatever it does on new topics (outer
// ECE 0.077).
export const DEFAULT_TRAINING: TrainingOptions = {
  l2: [0.03, 0.1, 0.3, 1],
  folds: 5,
  seed: 20211107,
  balance: [0, 0.25, 0.5, 0.75],
  minBlock: [20, 50, 100, 200, 400],
};

export type Design = { X: number[][]; y: number[]; groups: string[] };

export function design(pairs: readonly LabelledPair[]): Design {
  return {
    X: pairs.map((p) => featurize(p.claim, p.evidence)),
    y: pairs.map((p) => LABELS.indexOf(p.label)),
    groups: pairs.map((p) => claimGroup(p.claim)),
  };
}

function subset<T>(items: readonly T[], keep: readonly boolean[]): T[] {
  return items.filter((_, i) => keep[i]);
}

/**
 * Fits the weights on all of `data`; the L2 penalty, class weighting, temperature and confidence map are chosen
 * on out-of-fold logits from an inner grouped k-fold split of that same data, so all are learnt on pairs the
 * weights did not see.
 */
export function fitVerifier(data: Design, options: TrainingOptions): VerifierParams {
  const inner = groupedFolds(data.groups, options.folds, options.seed + 1);
  type Candidate = { l2: number; balance: number; temperature: number; f1: number; heldOut: number[][] };
  let chosen: Candidate | null = null;
  for (const balance of options.balance) {
    for (const l2 of options.l2) {
      const heldOut = heldOutLogits(data, inner, options.folds, { l2, balance });
      const temperature = fitTemperature(heldOut, data.y);
      const f1 = score(heldOut.map((z) => softmax(z, temperature)), data.y).macro_f1;
      // Grid order, strict improvement: ties keep the least weighting and smallest penalty (deterministic).
      if (chosen === null || f1 > chosen.f1) chosen = { l2, balance, temperature, f1, heldOut };
    }
  }
  if (chosen === null) throw new Error('fitVerifier: empty l2 or balance grid');
  const { temperature } = chosen;
  const heldOut = chosen.heldOut.map((z) => softmax(z, temperature));
  const { map: confidenceMap, minBlock } = fitConfidenceMap(heldOut, data.y, inner, options);
  const model = fitLogistic(data.X, data.y, { l2: chosen.l2, balance: chosen.balance });
  return {
    verifier: VERIFIER_NAME,
    features: [...FEATURE_NAMES],
    labels: [...LABELS],
    ...model,
    temperature,
    confidenceMap,
    minBlock,
    l2: chosen.l2,
    balance: chosen.balance,
    folds: options.folds,
    seed: options.seed,
  };
}

/**
 * The top-label map on held-out probability rows, with the least block size whose maps, each fitted on the
 * other inner folds and applied to one, give the lowest ECE (ties keep the smaller size).
 */
function fitConfidenceMap(
  heldOut: readonly number[][],
  y: readonly number[],
  inner: readonly number[],
  options: TrainingOptions,
): { map: TopLabelMap; minBlock: number } {
  let best = { minBlock: options.minBlock[0] ?? 1, ece: Infinity };
  for (const minBlock of options.minBlock) {
    const rows: number[][] = new Array<number[]>(y.length);
    for (let f = 0; f < options.folds; f++) {
      const keep = inner.map((g) => g !== f);
      const map = fitTopLabelMapToRows(subset(heldOut, keep), subset(y, keep), minBlock);
      inner.forEach((g, i) => {
        if (g === f) rows[i] = calibrateTopLabel(map, heldOut[i]!);
      });
    }
    const ece = expectedCalibrationError(rows, y);
    if (ece < best.ece) best = { minBlock, ece };
  }
  return { map: fitTopLabelMapToRows(heldOut, y, best.minBlock), minBlock: best.minBlock };
}

/** Each row's logits from a model fitted, with `setting`, on the inner folds other than its own. */
function heldOutLogits(data: Design, inner: readonly number[], folds: number, setting: { l2: number; balance: number }): number[][] {
  const out: number[][] = new Array<number[]>(data.y.length);
  for (let f = 0; f < folds; f++) {
    const train = inner.map((g) => g !== f);
    const model = fitLogistic(subset(data.X, train), subset(data.y, train), setting);
    inner.forEach((g, i) => {
      if (g === f) out[i] = logits(model, data.X[i]!);
    });
  }
  return out;
}

/**
 * The inner held-out rows (temperature-scaled, before the map) that `fitVerifier` fitted the confidence map of
 * `params` on: the same inner folds, penalty and weighting, refitted. `data` must be the data `params` was fitted on.
 */
export function innerHeldOutProbabilities(data: Design, params: VerifierParams): number[][] {
  const inner = groupedFolds(data.groups, params.folds, params.seed + 1);
  return heldOutLogits(data, inner, params.folds, { l2: params.l2, balance: params.balance }).map((z) => softmax(z, params.temperature));
}

export function probabilities(params: VerifierParams, x: readonly number[]): number[] {
  return calibrateTopLabel(params.confidenceMap, softmax(logits(params, x), params.temperature));
}

/**
 * Grouped k-fold cross-validation: each outer fold is scored by a verifier (weights, temperature and confidence map) fitted
 * only on the other folds, so no pair is ever scored by parameters fitted on it, and no claim text appears
 * on both sides. Returns one probability row per input row, in input order.
 */
export function crossValidatedProbabilities(data: Design, options: TrainingOptions): number[][] {
  const outer = groupedFolds(data.groups, options.folds, options.seed);
  const out: number[][] = new Array<number[]>(data.y.length);
  for (let f = 0; f < options.folds; f++) {
    const train = outer.map((g) => g !== f);
    const params = fitVerifier(
      { X: subset(data.X, train), y: subset(data.y, train), groups: subset(data.groups, train) },
      options,
    );
    outer.forEach((g, i) => {
      if (g === f) out[i] = probabilities(params, data.X[i]!);
    });
  }
  return out;
}
