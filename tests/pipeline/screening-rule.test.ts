import { describe, expect, it } from 'vitest';
import { bulkPercentile, CUT_OFF_Z, MIN_NULL_RECORDS, normalCdf, NULL_TAIL, offTopicBulk, placeAgainstBulk, shareBelow } from '../../src/pipeline/screening-rule.ts';
import { coverage, type FacetReading } from '../../src/pipeline/facet-coverage.ts';
import { mulberry32 } from '../../src/stance-model/seeded-random.ts';

// Invented scores (a rule about distributions needs distributions with known parts): a bulk drawn from N(0, 1) and
// a minority from N(4, 1), by Box-Muller from a seeded generator.
function normals(n: number, mean: number, seed: number): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => mean + Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
}

describe('offTopicBulk', () => {
  it("finds the bulk's centre and spread with a relevant minority in its upper tail", () => {
    const bulk = offTopicBulk([...normals(900, 0, 1), ...normals(100, 4, 2)])!;
    // The mode of a sample is noisy (a normal density is flat at its top): within a fifth of a spread here.
    expect(Math.abs(bulk.mode)).toBeLessThan(0.2);
    expect(bulk.spread).toBeGreaterThan(0.85);
    expect(bulk.spread).toBeLessThan(1.15);
    // About NULL_TAIL of the off-topic records pass the cut-off (0.155 with this sample's mode, 0.14 low).
    const passing = normals(5000, 0, 3).filter((s) => bulkPercentile(s, bulk) >= 1 - NULL_TAIL).length / 5000;
    expect(passing).toBeGreaterThan(0.05);
    expect(passing).toBeLessThan(0.2);
  });

  it('needs MIN_NULL_RECORDS scores', () => {
    expect(offTopicBulk(normals(MIN_NULL_RECORDS - 1, 0, 4))).toBeNull();
    expect(offTopicBulk(new Array(MIN_NULL_RECORDS).fill(2))).toEqual({ mode: 2, spread: 1, records: MIN_NULL_RECORDS });
  });

  it('uses the standard normal quantile of the tail it names', () => {
    expect(normalCdf(CUT_OFF_Z)).toBeCloseTo(1 - NULL_TAIL, 4);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.96)).toBeCloseTo(0.025, 4);
  });
});

describe('placeAgainstBulk', () => {
  const reading = (strengths: number[], titleOnly = false): FacetReading => ({ strengths, mentioned: [], titleOnly });

  it('estimates the bulk from the records that miss a required facet, so a mostly relevant corpus is not cut down to its top tenth', () => {
    // Invented: 300 records meet the required facet (scores around 2), 100 miss it (scores around 0).
    const scores = [...normals(300, 2, 5), ...normals(100, 0, 6)];
    const readings = [...scores.slice(0, 300).map(() => reading([1, 0])), ...scores.slice(300).map(() => reading([0, 1]))];
    const placed = placeAgainstBulk(scores, readings, ['required', 'aspect'], new Set());
    expect(placed.method).toBe('off-topic-bulk');
    const included = placed.relevance.filter((r) => r >= 0.9).length;
    expect(included).toBeGreaterThan(200);
    // Against the bulk of all scores, the 300 would be the bulk and most would be cut.
    const naive = placeAgainstBulk(scores, scores.map(() => reading([1, 1])), ['required', 'aspect'], new Set());
    expect(naive.relevance.filter((r) => r >= 0.9).length).toBeLessThan(included);
  });

  it('places title-only records against their own bulk when both groups are large enough, and falls back to facet coverage when nothing is', () => {
    const scores = [...normals(60, 0, 7), ...normals(40, -2, 8)];
    const readings = scores.map((_, i) => reading([i % 3 === 0 ? 0 : 1], i >= 60));
    const placed = placeAgainstBulk(scores, readings, ['required'], new Set());
    expect(placed.groups.map((g) => [g.group, g.members.length])).toEqual([['with-abstract', 60], ['title-only', 40]]);
    const few = placeAgainstBulk(scores.slice(0, 10), readings.slice(0, 10), ['required'], new Set());
    expect(few.method).toBe('facet-coverage');
    expect(few.relevance).toEqual(readings.slice(0, 10).map((r) => coverage(r.strengths, ['required'], new Set())));
  });
});

describe('placeAgainstBulk: referenceShare', () => {
  const reading = (strengths: number[]): FacetReading => ({ strengths, mentioned: [], titleOnly: false });

  it("places each reference record among the reference records themselves, and only them", () => {
    // Invented: 200 records meet the required facet, 100 miss it; the reference scores are skewed (a right tail a
    // normal fitted below the mode does not see), as feedback scores are on the development reviews.
    const meet = normals(200, 3, 9);
    const miss = normals(100, 0, 10).map((s) => (s > 0 ? s * 3 : s));
    const scores = [...meet, ...miss];
    const readings = [...meet.map(() => reading([1, 1])), ...miss.map(() => reading([0, 1]))];
    const placed = placeAgainstBulk(scores, readings, ['required', 'aspect'], new Set());
    expect(placed.referenceShare.slice(0, 200).every((s) => s === null)).toBe(true);
    const shares = placed.referenceShare.slice(200) as number[];
    expect([...shares].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, k) => k / 100));
    // The model lets more of the skewed reference through than the tail it names; the observed share does not.
    expect(placed.relevance.slice(200).filter((r) => r >= 1 - NULL_TAIL).length).toBeGreaterThan(15);
    expect(shares.filter((s) => s >= 1 - NULL_TAIL).length).toBe(10);
  });

  it('has no share when the bulk is not estimated from reference records', () => {
    const scores = normals(40, 0, 11);
    const placed = placeAgainstBulk(scores, scores.map(() => reading([1])), ['required'], new Set());
    expect(placed.method).toBe('off-topic-bulk');
    expect(placed.referenceShare.every((s) => s === null)).toBe(true);
  });

  it('counts only scores strictly below', () => {
    const sorted = Float64Array.from([1, 2, 2, 3]);
    expect([0, 1, 2, 2.5, 3, 4].map((s) => shareBelow(s, sorted))).toEqual([0, 0, 0.25, 0.75, 0.75, 1]);
  });
});

describe('coverage', () => {
  it('counts the required facets and the best aspect, and leaves gaps out', () => {
    const roles = ['required', 'aspect', 'aspect', 'aspect'] as const;
    // Required met in the title, one aspect in the abstract twice: (1 + 0.75) / 2.
    expect(coverage([1, 0, 0.75, 0], roles, new Set())).toBe(0.875);
    // The old mean over every facet would give 0.4375.
    expect(coverage([1, 0, 0.75, 0], ['required', 'required', 'required', 'required'], new Set())).toBe(0.4375);
    // A gap (facet 0, met by no record) is not a part of the question any record can cover.
    expect(coverage([0, 1, 0, 0], roles, new Set([0]))).toBe(1);
    expect(coverage([0, 0], ['aspect', 'aspect'], new Set([0, 1]))).toBe(0);
  });
});
