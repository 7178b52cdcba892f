import { featurize, FEATURE_NAMES } from './features.ts';
import { claimGroup, groupedFolds } from './folds.ts';
import { type FitOptions, fitLogistic, fitTemperature, LABELS, logits, softmax, type LinearModel } from './model.ts';
import type { LabelledPair } from './dataset.ts';

export const VERIFIER_NAME = 'lexical-lr-v1';

export type VerifierParams = LinearModel & {
  verifier: string;
  features: string[];
  labels: string[];
  temperature: number;
  l2: number;
  balance: number;
  folds: number;
  seed: number;
};

export type TrainingOptions = { l2: number; folds: number; seed: number; balance: number };
// Plain maximum likelihood (balance 0) keeps the probabilities calibrated to the classes' real frequencies,
// which the pipeline's confidences rely on; balance 1 trades calibration for minority-class recall.
export const DEFAULT_TRAINING: TrainingOptions = { l2: 0.01, folds: 5, seed: 20211107, balance: 0 };

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

function fitOptions(options: TrainingOptions): FitOptions {
  return { l2: options.l2, balance: options.balance };
}

/**
 * Fits the weights on all of `data`, and the temperature on out-of-fold logits from an inner grouped k-fold
 * split of that same data: calibration is always learnt on pairs the weights did not see.
 */
export function fitVerifier(data: Design, options: TrainingOptions): VerifierParams {
  const inner = groupedFolds(data.groups, options.folds, options.seed + 1);
  const heldOut: number[][] = new Array<number[]>(data.y.length);
  for (let f = 0; f < options.folds; f++) {
    const train = inner.map((g) => g !== f);
    const model = fitLogistic(subset(data.X, train), subset(data.y, train), fitOptions(options));
    inner.forEach((g, i) => {
      if (g === f) heldOut[i] = logits(model, data.X[i]!);
    });
  }
  const temperature = fitTemperature(heldOut, data.y);
  const model = fitLogistic(data.X, data.y, fitOptions(options));
  return {
    verifier: VERIFIER_NAME,
    features: [...FEATURE_NAMES],
    labels: [...LABELS],
    ...model,
    temperature,
    l2: options.l2,
    balance: options.balance,
    folds: options.folds,
    seed: options.seed,
  };
}

export function probabilities(params: VerifierParams, x: readonly number[]): number[] {
  return softmax(logits(params, x), params.temperature);
}

/**
 * Grouped k-fold cross-validation: each outer fold is scored by a verifier (weights and temperature) fitted
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
