// Multinomial logistic regression (softmax over three stances) with L2 penalty, fitted by Newton's method,
// and temperature scaling for calibration (Guo et al., "On Calibration of Modern Neural Networks", ICML 2017).
// The problem is tiny (about 2,000 rows, under 50 features, 3 classes), so an exact Newton step with a
// dense Hessian converges in a few iterations and is fully deterministic.

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

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small, dense, positive definite). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r]![col]!) > Math.abs(M[pivot]![col]!)) pivot = r;
    [M[col], M[pivot]] = [M[pivot]!, M[col]!];
    const p = M[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const f = M[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) M[r]![c]! -= f * M[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= M[r]![c]! * x[c]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/**
 * Fits softmax regression. Parameters are laid out class by class, each [bias, w_1..w_d]. The bias gets a
 * tiny penalty too: softmax is invariant to adding a constant to every class, and the penalty picks the
 * minimum-norm solution so the Hessian stays invertible.
 */
export function fitLogistic(X: readonly number[][], y: readonly number[], options: FitOptions): LinearModel {
  const { mean, scale } = standardiser(X);
  const Z = X.map((x) => [1, ...standardise(x, mean, scale)]);
  const K = LABELS.length;
  const D = (Z[0]?.length ?? 1);
  const P = K * D;
  const n = Z.length;
  const penalty = (i: number) => (i % D === 0 ? 1e-4 : options.l2);
  const counts = LABELS.map((_, c) => y.filter((v) => v === c).length);
  const classWeight = counts.map((m) => (m === 0 ? 0 : (n / (K * m)) ** (options.balance ?? 0)));
  const rowWeight = y.map((c) => classWeight[c]!);
  let theta = new Array<number>(P).fill(0);

  const objective = (t: readonly number[]) => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const z = Z[i]!;
      const s = Array.from({ length: K }, (_, c) => z.reduce((a, v, j) => a + v * t[c * D + j]!, 0));
      const m = Math.max(...s);
      const lse = m + Math.log(s.reduce((a, v) => a + Math.exp(v - m), 0));
      loss += rowWeight[i]! * (lse - s[y[i]!]!);
    }
    return loss / n + t.reduce((a, v, i) => a + 0.5 * penalty(i) * v * v, 0);
  };

  let current = objective(theta);
  for (let iter = 0; iter < (options.maxIterations ?? 50); iter++) {
    const grad = theta.map((v, i) => penalty(i) * v);
    const H = Array.from({ length: P }, (_, i) => {
      const row = new Array<number>(P).fill(0);
      row[i] = penalty(i);
      return row;
    });
    for (let i = 0; i < n; i++) {
      const z = Z[i]!;
      const p = softmax(Array.from({ length: K }, (_, c) => z.reduce((a, v, j) => a + v * theta[c * D + j]!, 0)));
      for (let c = 0; c < K; c++) {
        const r = (rowWeight[i]! * (p[c]! - (y[i] === c ? 1 : 0))) / n;
        for (let j = 0; j < D; j++) grad[c * D + j]! += r * z[j]!;
        for (let c2 = 0; c2 < K; c2++) {
          const w = (rowWeight[i]! * ((c === c2 ? p[c]! : 0) - p[c]! * p[c2]!)) / n;
          if (w === 0) continue;
          for (let j = 0; j < D; j++) {
            const row = H[c * D + j]!;
            const wz = w * z[j]!;
            for (let j2 = 0; j2 < D; j2++) row[c2 * D + j2]! += wz * z[j2]!;
          }
        }
      }
    }
    const step = solve(H, grad);
    // Backtracking line search keeps each Newton step a descent step.
    let t = 1;
    let next = theta;
    let value = current;
    for (let k = 0; k < 30; k++) {
      next = theta.map((v, i) => v - t * step[i]!);
      value = objective(next);
      if (value <= current) break;
      t /= 2;
    }
    const improvement = current - value;
    theta = next;
    current = value;
    if (improvement < 1e-10) break;
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

