// The committed word vectors (src/text/word-vectors/vectors.json, made by scripts/compact-word-vectors.ts): the table
// holds what PROVENANCE.md says, and its cosines put related words near and unrelated words far.
import { describe, expect, it } from 'vitest';
import { closestRow, rowCosine, STEM_COUNT, stemRow, wordRow } from '../../src/text/word-vectors.ts';
import { MAX_ROWS } from '../../src/text/row-dots.ts';
import { mulberry32 } from '../../src/stance-model/seeded-random.ts';

const cos = (a: string, b: string) => rowCosine(wordRow(a), wordRow(b));

describe('the word-vector table', () => {
  it('has one row per kept stem, in frequency order, and none for words newer than GloVe 6B', () => {
    expect(stemRow('the')).toBe(0);
    expect(wordRow('increases')).toBe(wordRow('increased'));
    expect(wordRow('increase')).toBeLessThan(wordRow('mitigate'));
    expect(wordRow('mitigate')).toBeLessThan(STEM_COUNT);
    expect(wordRow('covid')).toBe(-1);
    expect(stemRow('no such stem here')).toBe(-1);
  });

  it('puts words about the same thing close and unrelated ones far', () => {
    expect(cos('reduces', 'lowers')).toBeGreaterThan(0.6);
    expect(cos('vulnerability', 'flaw')).toBeGreaterThan(0.45);
    expect(cos('mortality', 'death')).toBeGreaterThan(0.45);
    expect(cos('mortality', 'keyboard')).toBeLessThan(0.2);
    expect(cos('vitamin', 'compiler')).toBeLessThan(0.2);
  });

  it('gives 1 for a row with itself and 0 for a missing word', () => {
    expect(cos('drops', 'dropped')).toBe(1);
    expect(cos('covid', 'coronavirus')).toBe(0);
  });
  it('finds the first closest of a list of rows, with the cosine rowCosine gives, skipping missing words', () => {
    const rows = Int32Array.from(['covid', 'keyboard', 'lowers', 'decreases', 'lowered', 'mortality'], wordRow);
    const a = wordRow('reduces');
    const cosines = [...rows].map((b) => rowCosine(a, b));
    const best = Math.max(...cosines);
    expect(closestRow(a, rows)).toEqual({ at: cosines.indexOf(best), cosine: best });
    expect(closestRow(wordRow('lowered'), rows)).toEqual({ at: 2, cosine: 1 });
    expect(closestRow(-1, rows)).toEqual({ at: -1, cosine: 0 });
    expect(closestRow(a, Int32Array.from([-1]))).toEqual({ at: -1, cosine: 0 });
  });

  it("gives rowCosine's cosine and its first best row for any list of rows, longer than the kernel takes too", () => {
    const rand = mulberry32(11);
    const row = () => Math.floor(rand() * STEM_COUNT);
    const brute = (a: number, rows: Int32Array) => {
      let best = 0;
      let at = -1;
      rows.forEach((b, j) => {
        const cos = rowCosine(a, b);
        if (cos > best) [best, at] = [cos, j];
      });
      return { at, cosine: best };
    };
    for (let t = 0; t < 300; t++) {
      const a = row();
      const rows = Int32Array.from({ length: 1 + Math.floor(rand() * 30) }, () => (rand() < 0.1 ? -1 : rand() < 0.05 ? a : row()));
      expect(closestRow(a, rows)).toEqual(brute(a, rows));
    }
    const long = Int32Array.from({ length: MAX_ROWS + 5 }, row);
    expect(closestRow(17, long)).toEqual(brute(17, long));
  });
});
