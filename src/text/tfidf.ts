// TF-IDF vectors over already-analysed terms, for the screening ranker and its feedback models.
//
// Exported API
//   type SparseVector = { index: Int32Array; value: Float64Array }     sorted by index; unit length (or empty)
//   type TfidfSpace = { vectors: SparseVector[]; vocabulary: Map<string, number>; size: number }
//   tfidfSpace(documents: readonly (readonly string[])[]): TfidfSpace
//   dot(vector: SparseVector, weights: ArrayLike<number>): number
//
// The weighting is scikit-learn's TfidfVectorizer with sublinear_tf=True, smooth_idf=True, norm='l2' (the feature
// extractor ASReview's models use): tf = 1 + ln(count), idf = ln((1 + N) / (1 + df)) + 1, each vector scaled to
// unit length, so a title-only record and a long abstract sit on the same scale. The vocabulary is sorted, so the
// same documents give the same vectors whatever order Map iteration would have given.

export type SparseVector = { index: Int32Array; value: Float64Array };

export type TfidfSpace = { vectors: SparseVector[]; vocabulary: Map<string, number>; size: number };

export function tfidfSpace(documents: readonly (readonly string[])[]): TfidfSpace {
  const df = new Map<string, number>();
  for (const doc of documents) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const terms = [...df.keys()].sort();
  const vocabulary = new Map(terms.map((t, j) => [t, j]));
  const n = documents.length;
  const idf = terms.map((t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);

  const vectors = documents.map((doc) => {
    const counts = new Map<number, number>();
    for (const term of doc) {
      const j = vocabulary.get(term)!;
      counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
    const value = new Float64Array(entries.length);
    let norm = 0;
    entries.forEach(([j, c], k) => {
      value[k] = (1 + Math.log(c)) * idf[j]!;
      norm += value[k]! ** 2;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < value.length; k++) value[k]! /= norm;
    return { index: Int32Array.from(entries, ([j]) => j), value };
  });
  return { vectors, vocabulary, size: terms.length };
}

export function dot(vector: SparseVector, weights: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < vector.index.length; k++) s += vector.value[k]! * weights[vector.index[k]!]!;
  return s;
}
