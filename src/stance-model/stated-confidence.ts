import type { Stance } from '../records/index.ts';
import type { LabelledPair } from './dataset.ts';
import { claimGroup, groupedFolds } from './folds.ts';
import { score, type Scores } from './metrics.ts';
import { LABELS } from './model.ts';

// A language model states a stance and a probability that it is right; models are often over- or under-confident
// in such statements. This maps a stated probability to a calibrated one, per stance, by Platt scaling (Platt 1999;
// Guo et al. 2017 §4.2 use its one-parameter form, temperature scaling, for the lexical model: src/stance-model/
// model.ts): P(right | stance s, stated c) = sigmoid(a_s · logit(c) + b_s), fitted by maximum likelihood on
// labelled pairs the model judged.
//
// Two parameters per stance, with a penalty pulling them toward the identity (a = 1, b = 0): with few pairs of a
// stance the mapping stays near the model's own statement instead of fitting noise, and a model that states one
// probability for everything (logit(c) constant, so a and b are not separately identifiable) still gets a
// well-defined fit. A stance with fewer than MIN_OWN_PAIRS judgements (or all right, or all wrong) takes the
// mapping fitted on all stances pooled. a is kept >= 0 so the mapping never reverses the model's ordering.

export type PlattMap = { a: number; b: number };
export type StanceMaps = Record<Stance, PlattMap & { pairs: number; own: boolean }>;
export type StatedJudgement = { stance: Stance; confidence: number; right: boolean };

export const STANCES: readonly Stance[] = ['supports', 'contradicts', 'neutral'];
/** Judgements a stance needs to get a mapping of its own. */
export const MIN_OWN_PAIRS = 20;
/** Strength of the pull toward the identity mapping, in units of one pair's log-likelihood. */
const PRIOR = 1;
// A stated 0 or 1 has no finite logit; clipped as a probability stated to two decimals at most.
const EPS = 1e-3;

const logit = (p: number) => {
  const c = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(c / (1 - c));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Penalised maximum likelihood by Newton's method on the two parameters (the problem is convex), with step halving. */
export function fitPlatt(items: readonly { confidence: number; right: boolean }[]): PlattMap {
  const xs = items.map((it) => logit(it.confidence));
  const ys = items.map((it) => (it.right ? 1 : 0));
  // The negative log-likelihood plus PRIOR/2 · ((a-1)² + b²).
  const loss = (a: number, b: number) => {
    let sum = (PRIOR / 2) * ((a - 1) ** 2 + b ** 2);
    xs.forEach((x, i) => {
      const z = a * x + b;
      // log(1 + e^z) - y·z, written to stay finite for large |z|
      sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - ys[i]! * z;
    });
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = PRIOR * (a - 1);
    let gb = PRIOR * b;
    let haa = PRIOR;
    let hab = 0;
    let hbb = PRIOR;
    xs.forEach((x, i) => {
      const p = sigmoid(a * x + b);
      const r = p - ys[i]!;
      const w = p * (1 - p);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    let da = (hbb * ga - hab * gb) / det;
    let db = (haa * gb - hab * ga) / det;
    // Newton's step can overshoot when the stated probabilities span a narrow range (x nearly collinear with
    // the intercept): halve it until the loss goes down.
    let next = loss(a - da, b - db);
    for (let k = 0; k < 30 && !(next <= current); k++) {
      da /= 2;
      db /= 2;
      next = loss(a - da, b - db);
    }
    if (!(next <= current)) break;
    a -= da;
    b -= db;
    const gain = current - next;
    current = next;
    if (gain < 1e-12) break;
  }
  if (a < 0) {
    // The best monotone mapping is then a constant: the share of right judgements, smoothed.
    const right = ys.filter((y) => y === 1).length;
    return { a: 0, b: logit((right + 0.5) / (items.length + 1)) };
  }
  return { a, b };
}

export function fitStanceMaps(judgements: readonly StatedJudgement[]): StanceMaps {
  const pooled = fitPlatt(judgements);
  const maps = {} as StanceMaps;
  for (const stance of STANCES) {
    const own = judgements.filter((j) => j.stance === stance);
    const right = own.filter((j) => j.right).length;
    const enough = own.length >= MIN_OWN_PAIRS && right > 0 && right < own.length;
    maps[stance] = { ...(enough ? fitPlatt(own) : pooled), pairs: own.length, own: enough };
  }
  return maps;
}

/** The calibrated probability that a stated stance is right. */
export function calibratedConfidence(maps: Readonly<Record<Stance, PlattMap>>, stance: Stance, stated: number): number {
  const m = maps[stance];
  return sigmoid(m.a * logit(stated) + m.b);
}

/** Stance names in LABELS order (Supports, Refutes, Neutral), as the benchmark's labels read. */
const STANCE_OF_LABEL: Record<(typeof LABELS)[number], Stance> = { Supports: 'supports', Refutes: 'contradicts', Neutral: 'neutral' };

/** A stated stance as a probability vector in LABELS order: its probability, the rest shared by the other two. */
export function statedVector(stance: Stance, confidence: number): number[] {
  return LABELS.map((l) => (STANCE_OF_LABEL[l] === stance ? confidence : (1 - confidence) / 2));
}

export type CrossValidatedCalibration = { folds: number; seed: number; judged: number; before: Scores; after: Scores };

/**
 * Grouped k-fold cross-validation of the mapping: each fold's judgements are mapped by a fit on the other folds
 * only (folds keep a claim's pairs together, src/stance-model/folds.ts), and the model's own probabilities and the
 * mapped ones are scored on the same held-out judgements. Pairs without a judgement (unanswered, or rejected by
 * the checks) are left out: the mapping only ever applies to judgements.
 */
export function crossValidateStanceMaps(
  pairs: readonly LabelledPair[],
  judgements: readonly ({ stance: Stance; confidence: number } | null)[],
  folds: number,
  seed: number,
): CrossValidatedCalibration {
  const items = pairs.flatMap((p, i) => {
    const j = judgements[i];
    if (j === null || j === undefined) return [];
    return [{ stance: j.stance, confidence: j.confidence, right: j.stance === STANCE_OF_LABEL[p.label], truth: LABELS.indexOf(p.label), group: claimGroup(p.claim) }];
  });
  const fold = groupedFolds(items.map((i) => i.group), folds, seed);
  const before: number[][] = [];
  const after: number[][] = [];
  const truth: number[] = [];
  for (let f = 0; f < folds; f++) {
    const maps = fitStanceMaps(items.filter((_, i) => fold[i] !== f));
    items.forEach((it, i) => {
      if (fold[i] !== f) return;
      before.push(statedVector(it.stance, it.confidence));
      after.push(statedVector(it.stance, calibratedConfidence(maps, it.stance, it.confidence)));
      truth.push(it.truth);
    });
  }
  return { folds, seed, judged: items.length, before: score(before, truth), after: score(after, truth) };
}

/** The judgements of labelled pairs as fitting data: right when the stated stance is the label. */
export function statedJudgements(
  pairs: readonly LabelledPair[],
  judgements: readonly ({ stance: Stance; confidence: number } | null)[],
): StatedJudgement[] {
  return pairs.flatMap((p, i) => {
    const j = judgements[i];
    return j === null || j === undefined ? [] : [{ stance: j.stance, confidence: j.confidence, right: j.stance === STANCE_OF_LABEL[p.label] }];
  });
}
