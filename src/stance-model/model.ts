// Multinomial logistic regression (softmax over three stances) with L2 penalty, fitted by L-BFGS, and
// temperature scaling for calibration (Guo et al., "On Calibration of Modern Neural Networks", ICML 2017).
// The objective is strictly convex, so the optimum does not depend on the optimiser; the fit is deterministic.

export const LABELS = ['Supports', 'Refutes', 'Neutral'] as const;
export type Label = (typeof LABELS)[number];

export type LinearModel = {
  /** per-feature mean and scale used to standardise inputs */
  mean: number[];
  scale: number[];
  /** weights[class][feature] on standardised features */
  weights: number[][];
  bias: number[];
};

export type FitOptions = {
  l2: number;
  maxIterations?: number;
  /**
   * How far to even out class frequencies in the loss: each row weighs (n / (K * n_class))^balance, so 0 is
   * plain maximum likelihood and 1 is the "balanced" weighting of King & Zeng (2001) / scikit-learn.
   */
  balance?: number;
};

function standardiser(X: readonly number[][]): { mean: number[]; scale: number[] } {
  const d = X[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) mean[j]! += row[j]! / X.length;
  for (const row of X) for (let j = 0; j < d; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / X.length;
  // A constant feature gets scale 1, not 0: it then contributes nothing instead of dividing by zero.
  return { mean, scale: scale.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

function standardise(x: readonly number[], mean: readonly number[], scale: readonly number[]): number[] {
  return x.map((v, j) => (v - mean[j]!) / scale[j]!);
}

export function softmax(z: readonly number[], temperature = 1): number[] {
  const s = z.map((v) => v / temperature);
  const m = Math.max(...s);
  const e = s.map((v) => Math.exp(v - m));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

export function logits(model: LinearModel, x: readonly number[]): number[] {
  const z = standardise(x, model.mean, model.scale);
  return model.weights.map((w, c) => w.reduce((a, wj, j) => a + wj * z[j]!, model.bias[c]!));
}

/**
 * Fits softmax regression by L-BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 7.4/7.5)
 * with a backtracking Armijo line search. Parameters are laid out class by class, each [bias, w_1..w_d]. The
 * bias gets a tiny penalty too: softmax is invariant to adding a constant to every class, and the penalty
 * picks the minimum-norm solution so the problem is strictly convex.
 */
export function fitLogistic(X: readonly number[][], y: readonly number[], options: FitOptions): LinearModel {
  const { mean, scale } = standardiser(X);
  const Z = X.map((x) => [1, ...standardise(x, mean, scale)]);
  const K = LABELS.length;
  const D = Z[0]?.length ?? 1;
  const P = K * D;
  const n = Z.length;
  const penalty = (i: number) => (i % D === 0 ? 1e-4 : options.l2);
  const counts = LABELS.map((_, c) => y.filter((v) => v === c).length);
  const classWeight = counts.map((m) => (m === 0 ? 0 : (n / (K * m)) ** (options.balance ?? 0)));
  const rowWeight = y.map((c) => classWeight[c]!);

  const evaluate = (t: readonly number[]): { value: number; grad: number[] } => {
    let loss = 0;
    const grad = t.map((v, i) => penalty(i) * v);
    for (let i = 0; i < n; i++) {
      const z = Z[i]!;
      const s = new Array<number>(K);
      for (let c = 0; c < K; c++) {
        let acc = 0;
        for (let j = 0; j < D; j++) acc += z[j]! * t[c * D + j]!;
        s[c] = acc;
      }
      const m = Math.max(...s);
      let total = 0;
      for (let c = 0; c < K; c++) total += Math.exp(s[c]! - m);
      const w = rowWeight[i]! / n;
      loss += w * (m + Math.log(total) - s[y[i]!]!);
      for (let c = 0; c < K; c++) {
        const r = w * (Math.exp(s[c]! - m) / total - (y[i] === c ? 1 : 0));
        if (r === 0) continue;
        for (let j = 0; j < D; j++) grad[c * D + j]! += r * z[j]!;
      }
    }
    return { value: loss + t.reduce((a, v, i) => a + 0.5 * penalty(i) * v * v, 0), grad };
  };

  const dot = (a: readonly number[], b: readonly number[]) => a.reduce((acc, v, i) => acc + v * b[i]!, 0);
  const memory = 10;
  const sHist: number[][] = [];
  const yHist: number[][] = [];
  let theta = new Array<number>(P).fill(0);
  let current = evaluate(theta);
  for (let iter = 0; iter < (options.maxIterations ?? 500); iter++) {
    // Two-loop recursion: direction = -H_k * grad.
    const q = [...current.grad];
    const alpha: number[] = [];
    for (let k = sHist.length - 1; k >= 0; k--) {
      const a = dot(sHist[k]!, q) / dot(yHist[k]!, sHist[k]!);
      alpha[k] = a;
      for (let i = 0; i < P; i++) q[i]! -= a * yHist[k]![i]!;
    }
    const last = sHist.length - 1;
    const gamma = last >= 0 ? dot(sHist[last]!, yHist[last]!) / dot(yHist[last]!, yHist[last]!) : 1;
    for (let i = 0; i < P; i++) q[i]! *= gamma;
    for (let k = 0; k < sHist.length; k++) {
      const b = dot(yHist[k]!, q) / dot(yHist[k]!, sHist[k]!);
      for (let i = 0; i < P; i++) q[i]! += sHist[k]![i]! * (alpha[k]! - b);
    }
    const direction = q.map((v) => -v);
    const slope = dot(direction, current.grad);
    if (slope >= 0) break;
    let step = 1;
    let next = current;
    let candidate = theta;
    for (let k = 0; k < 40; k++) {
      candidate = theta.map((v, i) => v + step * direction[i]!);
      next = evaluate(candidate);
      if (next.value <= current.value + 1e-4 * step * slope) break;
      step /= 2;
    }
    const sk = candidate.map((v, i) => v - theta[i]!);
    const yk = next.grad.map((v, i) => v - current.grad[i]!);
    const improvement = current.value - next.value;
    theta = candidate;
    current = next;
    if (dot(sk, yk) > 1e-12) {
      sHist.push(sk);
      yHist.push(yk);
      if (sHist.length > memory) {
        sHist.shift();
        yHist.shift();
      }
    }
    if (improvement < 1e-10 || Math.sqrt(dot(current.grad, current.grad)) < 1e-7) break;
  }
  return {
    mean,
    scale,
    weights: Array.from({ length: K }, (_, c) => theta.slice(c * D + 1, (c + 1) * D)),
    bias: Array.from({ length: K }, (_, c) => theta[c * D]!),
  };
}

function negativeLogLikelihood(rows: readonly number[][], y: readonly number[], temperature: number): number {
  let total = 0;
  rows.forEach((z, i) => {
    total -= Math.log(Math.max(softmax(z, temperature)[y[i]!]!, 1e-15));
  });
  return total / Math.max(rows.length, 1);
}

/**
 * The temperature T minimising held-out negative log-likelihood of softmax(z / T). Golden-section search on
 * log T in [e^-3, e^3]: NLL is unimodal in T for fixed logits.
 */
export function fitTemperature(heldOutLogits: readonly number[][], y: readonly number[]): number {
  let lo = -3;
  let hi = 3;
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = negativeLogLikelihood(heldOutLogits, y, Math.exp(a));
  let fb = negativeLogLikelihood(heldOutLogits, y, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = negativeLogLikelihood(heldOutLogits, y, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = negativeLogLikelihood(heldOutLogits, y, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

