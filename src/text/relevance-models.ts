// Two linear text models that learn "relevant or not" from labelled TF-IDF vectors (src/text/tfidf.ts): the
// screening ranker fits them on pseudo-labels (relevance feedback) and on the maintainers' decisions.
//
// Exported API
//   type LinearScorer = { weights: Float64Array; bias: number }         score(x) = dot(x, weights) + bias
//   naiveBayes(vectors, labels, size, alpha = 1): LinearScorer
//       multinomial naive Bayes on TF-IDF weights (scikit-learn's MultinomialNB, as ASReview's default model):
//       weights are log P(term | relevant) − log P(term | irrelevant) with additive smoothing alpha, bias the
//       log prior odds; the score is the log posterior odds up to the documents' length terms
//   rocchio(vectors, labels, size): LinearScorer
//       Rocchio's relevance feedback (Rocchio 1971; Manning, Raghavan & Schütze, Introduction to Information
//       Retrieval, 2008, §9.1.1): the centroid of the relevant vectors minus the centroid of the others
//   offsetLogistic(vectors, offsets, labels, size, options?): OffsetScorer
//       L2-penalised logistic regression on TF-IDF vectors with one more input, an offset (another model's score),
//       whose weight is learnt too: a ranker's prior score corrected by labelled examples. Classes are weighted to
//       equal totals (the "balanced" weighting of King & Zeng 2001 and scikit-learn), since labelled sets of
//       screening are mostly exclusions
//   scoreWithOffset(model, vector, offset): number
//   score(model, vector): number
//   standardised(scores: readonly number[]): number[]                   (x − mean) / sd, sd 0 gives all zeros
//
// Deterministic: sums run in input order and no randomness is involved. Labels are 1 (relevant) or 0.
import { dot, type SparseVector } from './tfidf.ts';

export type LinearScorer = { weights: Float64Array; bias: number };

export function naiveBayes(vectors: readonly SparseVector[], labels: readonly number[], size: number, alpha = 1): LinearScorer {
  const relevant = new Float64Array(size).fill(alpha);
  const other = new Float64Array(size).fill(alpha);
  let nRelevant = 0;
  vectors.forEach((v, i) => {
    const counts = labels[i] ? relevant : other;
    if (labels[i]) nRelevant++;
    for (let k = 0; k < v.index.length; k++) counts[v.index[k]!]! += v.value[k]!;
  });
  const totalRelevant = relevant.reduce((a, b) => a + b, 0);
  const totalOther = other.reduce((a, b) => a + b, 0);
  const weights = new Float64Array(size);
  for (let j = 0; j < size; j++) weights[j] = Math.log(relevant[j]! / totalRelevant) - Math.log(other[j]! / totalOther);
  const nOther = vectors.length - nRelevant;
  const bias = nRelevant > 0 && nOther > 0 ? Math.log(nRelevant / nOther) : 0;
  return { weights, bias };
}

export function rocchio(vectors: readonly SparseVector[], labels: readonly number[], size: number): LinearScorer {
  const weights = new Float64Array(size);
  const nRelevant = labels.filter((y) => y === 1).length;
  const nOther = labels.length - nRelevant;
  vectors.forEach((v, i) => {
    const share = labels[i] ? 1 / nRelevant : -1 / nOther;
    for (let k = 0; k < v.index.length; k++) weights[v.index[k]!]! += share * v.value[k]!;
  });
  return { weights, bias: 0 };
}

export function score(model: LinearScorer, vector: SparseVector): number {
  return dot(vector, model.weights) + model.bias;
}

export function standardised(scores: readonly number[]): number[] {
  const n = scores.length;
  if (n === 0) return [];
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return scores.map((s) => (sd > 1e-12 ? (s - mean) / sd : 0));
}

export type OffsetScorer = LinearScorer & { offsetWeight: number };

// Fitted by gradient descent with heavy-ball momentum from a start that trusts the offset fully (weight 1, text
// weights 0), for a fixed number of steps: deterministic, and cheap enough to refit after every decision.
export function offsetLogistic(
  vectors: readonly SparseVector[],
  offsets: readonly number[],
  labels: readonly number[],
  size: number,
  options: { l2?: number; iterations?: number } = {},
): OffsetScorer {
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 100;
  const n = labels.length;
  const nRelevant = labels.filter((y) => y === 1).length;
  const rowWeight = labels.map((y) => (y === 1 ? n / (2 * Math.max(1, nRelevant)) : n / (2 * Math.max(1, n - nRelevant))));
  const weights = new Float64Array(size);
  const velocity = new Float64Array(size);
  let offsetWeight = 1;
  let bias = 0;
  let vOffset = 0;
  let vBias = 0;
  const step = 0.5;
  const momentum = 0.9;
  // Text weights take larger steps: TF-IDF vectors have unit length, so each weight's gradient is small.
  const textStep = 10 * step;
  const gradient = new Float64Array(size);
  for (let it = 0; it < iterations; it++) {
    gradient.fill(0);
    let gOffset = 0;
    let gBias = 0;
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!;
      const z = offsetWeight * offsets[i]! + bias + dot(v, weights);
      const error = ((1 / (1 + Math.exp(-z)) - labels[i]!) * rowWeight[i]!) / n;
      gOffset += error * offsets[i]!;
      gBias += error;
      for (let k = 0; k < v.index.length; k++) gradient[v.index[k]!]! += error * v.value[k]!;
    }
    for (let j = 0; j < size; j++) {
      velocity[j] = momentum * velocity[j]! - textStep * (gradient[j]! + (l2 / n) * weights[j]!);
      weights[j]! += velocity[j]!;
    }
    vOffset = momentum * vOffset - step * gOffset;
    offsetWeight += vOffset;
    vBias = momentum * vBias - step * gBias;
    bias += vBias;
  }
  return { weights, bias, offsetWeight };
}

export function scoreWithOffset(model: OffsetScorer, vector: SparseVector, offset: number): number {
  return model.offsetWeight * offset + score(model, vector);
}
