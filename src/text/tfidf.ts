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
  // Terms get provisional ids in order of appearance, then their sorted order: counting on integer ids in flat
  // arrays instead of a Map per document keeps 10,000 records well under a second.
  const provisional = new Map<string, number>();
  const ids = documents.map((doc) => {
    const row = new Int32Array(doc.length);
    doc.forEach((term, k) => {
      let id = provisional.get(term);
      if (id === undefined) {
        id = provisional.size;
        provisional.set(term, id);
      }
      row[k] = id;
    });
    return row;
  });
  const terms = [...provisional.keys()].sort();
  const vocabulary = new Map(terms.map((t, j) => [t, j]));
  const final = new Int32Array(provisional.size);
  for (const [term, id] of provisional) final[id] = vocabulary.get(term)!;

  const df = new Float64Array(terms.length);
  const seenIn = new Int32Array(terms.length).fill(-1);
  ids.forEach((row, d) => {
    for (let k = 0; k < row.length; k++) {
      const j = (row[k] = final[row[k]!]!);
      if (seenIn[j] !== d) {
        seenIn[j] = d;
        df[j]!++;
      }
    }
  });
  const n = documents.length;
  const idf = Float64Array.from(df, (m) => Math.log((1 + n) / (1 + m)) + 1);

  const counts = new Float64Array(terms.length);
  const vectors = ids.map((row) => {
    const present: number[] = [];
    for (const j of row) if (counts[j]!++ === 0) present.push(j);
    present.sort((a, b) => a - b);
    const value = new Float64Array(present.length);
    let norm = 0;
    present.forEach((j, k) => {
      value[k] = (1 + Math.log(counts[j]!)) * idf[j]!;
      norm += value[k]! ** 2;
      counts[j] = 0;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < value.length; k++) value[k]! /= norm;
    return { index: Int32Array.from(present), value };
  });
  return { vectors, vocabulary, size: terms.length };
}

export function dot(vector: SparseVector, weights: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < vector.index.length; k++) s += vector.value[k]! * weights[vector.index[k]!]!;
  return s;
}
