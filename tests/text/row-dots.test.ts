// The dot-product kernel of the word vectors (src/text/row-dots.ts): its products are the exact integers a plain loop
// gives, on the committed vectors and on rows of the extreme values Int8 holds (invented: no real vector is all -128).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MAX_ROWS, rowDots } from '../../src/text/row-dots.ts';
import { mulberry32 } from '../../src/stance-model/seeded-random.ts';

const stored = createRequire(import.meta.url)('../../src/text/word-vectors/vectors.json') as { dimensions: number; stems: string; vectors: string };
const bytes = Buffer.from(stored.vectors, 'base64');
const vectors = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const dims = stored.dimensions;
const count = stored.stems.split(' ').length;

function plainDot(data: Int8Array, width: number, a: number, b: number): number {
  let sum = 0;
  for (let d = 0; d < width; d++) sum += data[a * width + d]! * data[b * width + d]!;
  return sum;
}

describe('rowDots', () => {
  it('gives the exact dot products of the word vectors, 0 for a row below 0', () => {
    const kernel = rowDots(vectors, dims, count);
    expect(kernel.stride % 8).toBe(0);
    expect(kernel.table.subarray(kernel.stride, kernel.stride + dims)).toEqual(vectors.subarray(dims, 2 * dims));
    const rand = mulberry32(3);
    const row = () => Math.floor(rand() * count);
    for (let t = 0; t < 300; t++) {
      const a = row();
      const rows = Int32Array.from({ length: 1 + Math.floor(rand() * 40) }, () => (rand() < 0.1 ? -1 : row()));
      rows[0] = count - 1;
      const got = [...kernel.dots(a, rows)!.subarray(0, rows.length)];
      expect(got).toEqual([...rows].map((b) => (b < 0 ? 0 : plainDot(vectors, dims, a, b))));
    }
  });

  it('sums rows of extreme values and of widths that are no multiple of 8 without overflow', () => {
    for (const width of [1, 7, 100, 301]) {
      const data = new Int8Array(4 * width);
      data.fill(-128, 0, width);
      data.fill(-128, width, 2 * width);
      data.fill(127, 2 * width, 3 * width);
      for (let d = 0; d < width; d++) data[3 * width + d] = d % 2 === 0 ? 127 : -128;
      const kernel = rowDots(data, width, 4);
      for (let a = 0; a < 4; a++) {
        const rows = Int32Array.from([0, 1, 2, 3]);
        expect([...kernel.dots(a, rows)!.subarray(0, 4)]).toEqual([0, 1, 2, 3].map((b) => plainDot(data, width, a, b)));
      }
    }
    expect(plainDot(Int8Array.from({ length: 301 }, () => -128), 301, 0, 0)).toBe(301 * 128 * 128);
  });

  it('declines more rows than it holds (its callers then compute those cosines themselves)', () => {
    const kernel = rowDots(vectors, dims, count);
    expect(kernel.dots(5, new Int32Array(MAX_ROWS + 1))).toBeNull();
    expect(kernel.dots(5, new Int32Array(MAX_ROWS))).not.toBeNull();
  });
});
