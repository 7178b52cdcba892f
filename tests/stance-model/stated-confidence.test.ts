import { describe, expect, it } from 'vitest';
import { calibratedConfidence, fitPlatt, fitStanceMaps, MIN_OWN_PAIRS, statedVector, type StatedJudgement } from '../../src/stance-model/stated-confidence.ts';

// The mapping's arithmetic on judgements built to a known right-rate: invented on purpose, since only invented
// data has a known true calibration. The same mapping on a model's answers to real labelled pairs is tested in
// tests/llm/stance-calibration.test.ts.

function judgements(stance: StatedJudgement['stance'], stated: number, n: number, rightShare: number): StatedJudgement[] {
  return Array.from({ length: n }, (_, i) => ({ stance, confidence: stated, right: i < Math.round(n * rightShare) }));
}

describe('stated-confidence calibration', () => {
  it('maps an overconfident statement to how often it is right', () => {
    const m = fitPlatt(judgements('supports', 0.95, 200, 0.6));
    expect(calibratedConfidence({ supports: m, contradicts: m, neutral: m }, 'supports', 0.95)).toBeCloseTo(0.6, 1);
  });

  it('leaves an already calibrated model about where it was', () => {
    const items = [0.6, 0.7, 0.8, 0.9].flatMap((c) => judgements('neutral', c, 100, c));
    const m = fitPlatt(items);
    for (const c of [0.6, 0.7, 0.8, 0.9]) expect(Math.abs(calibratedConfidence({ supports: m, contradicts: m, neutral: m }, 'neutral', c) - c)).toBeLessThan(0.03);
  });

  it('never reverses the order of stated probabilities', () => {
    // Stating more makes this pretend model right less often: the best monotone mapping is a constant.
    const items = [...judgements('supports', 0.6, 50, 0.9), ...judgements('supports', 0.99, 50, 0.2)];
    const m = fitPlatt(items);
    expect(m.a).toBe(0);
    const maps = { supports: m, contradicts: m, neutral: m };
    expect(calibratedConfidence(maps, 'supports', 0.6)).toBeCloseTo(calibratedConfidence(maps, 'supports', 0.99), 10);
    expect(calibratedConfidence(maps, 'supports', 0.6)).toBeCloseTo(0.55, 1);
  });

  it('gives a stance with few judgements the pooled mapping, and one with enough its own', () => {
    const items = [...judgements('neutral', 0.9, 100, 0.85), ...judgements('supports', 0.9, 60, 0.4), ...judgements('contradicts', 0.9, MIN_OWN_PAIRS - 1, 0.1)];
    const maps = fitStanceMaps(items);
    expect(maps.neutral).toMatchObject({ own: true, pairs: 100 });
    expect(maps.supports).toMatchObject({ own: true, pairs: 60 });
    expect(maps.contradicts).toMatchObject({ own: false, pairs: MIN_OWN_PAIRS - 1 });
    expect(calibratedConfidence(maps, 'supports', 0.9)).toBeCloseTo(0.4, 1);
    expect(calibratedConfidence(maps, 'neutral', 0.9)).toBeCloseTo(0.85, 1);
    // Pooled over all 179: about 62% right.
    expect(calibratedConfidence(maps, 'contradicts', 0.9)).toBeCloseTo(0.62, 1);
  });

  it('writes a stated stance as a probability vector in the benchmark label order', () => {
    expect(statedVector('contradicts', 0.8)).toEqual([0.09999999999999998, 0.8, 0.09999999999999998]);
    expect(statedVector('supports', 1)).toEqual([1, 0, 0]);
  });
});
