// The verifier's math and data handling on small invented inputs whose right answers are known by hand
// (the benchmark data itself may not be copied into the repository; see benchmark.test.ts for it).
import { describe, expect, it } from 'vitest';
import { parseVerificationCsv } from '../../src/stance-model/dataset.ts';
import { FEATURE_NAMES, featurize } from '../../src/stance-model/features.ts';
import { claimGroup, groupedFolds, passageLinkedGroups } from '../../src/stance-model/folds.ts';
import { expectedCalibrationError, score } from '../../src/stance-model/metrics.ts';
import { fitLogistic, fitTemperature, logits, softmax } from '../../src/stance-model/model.ts';
import { COMMITTED_PARAMS, stanceProbabilities, verifierName } from '../../src/stance-model/classify.ts';
import { mulberry32 } from '../../src/stance-model/seeded-random.ts';

describe('softmax regression', () => {
  // Three clusters in two dimensions, one per class, with a little overlap.
  const rand = mulberry32(7);
  const centres = [
    [2, 0],
    [-2, 0],
    [0, 2],
  ];
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 300; i++) {
    const c = i % 3;
    X.push([centres[c]![0]! + rand() * 2 - 1, centres[c]![1]! + rand() * 2 - 1]);
    y.push(c);
  }
  const model = fitLogistic(X, y, { l2: 0.01 });

  it('separates separable classes', () => {
    const predicted = X.map((x) => {
      const p = softmax(logits(model, x));
      return p.indexOf(Math.max(...p));
    });
    expect(predicted.filter((p, i) => p === y[i]).length / y.length).toBeGreaterThan(0.97);
  });

  it('is deterministic', () => {
    expect(fitLogistic(X, y, { l2: 0.01 })).toEqual(model);
  });

  it('gives probabilities that sum to one', () => {
    const p = softmax(logits(model, [0.3, 0.4]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('temperature scaling', () => {
  it('cools overconfident logits and leaves calibrated ones near T = 1', () => {
    // Logits that say 99.99% but are right 2 times in 3 need T > 1.
    const z = Array.from({ length: 300 }, () => [10, 0, 0]);
    const y = z.map((_, i) => (i % 3 === 2 ? 1 : 0));
    const T = fitTemperature(z, y);
    expect(T).toBeGreaterThan(3);
    expect(softmax(z[0]!, T)[0]).toBeCloseTo(2 / 3, 2);
  });
});

describe('metrics', () => {
  it('computes accuracy, per-class F1 and macro-F1 by the textbook formulas', () => {
    // truth S S R N, predicted S R R N: Supports P=1 R=.5, Refutes P=.5 R=1, Neutral P=R=1.
    const probs = [
      [0.8, 0.1, 0.1],
      [0.2, 0.7, 0.1],
      [0.1, 0.8, 0.1],
      [0.1, 0.1, 0.8],
    ];
    const s = score(probs, [0, 0, 1, 2]);
    expect(s.accuracy).toBe(0.75);
    expect(s.per_class.Supports.f1).toBeCloseTo(2 / 3, 12);
    expect(s.per_class.Refutes.f1).toBeCloseTo(2 / 3, 12);
    expect(s.macro_f1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
  });

  it('measures calibration error on max-probability confidence', () => {
    // All at confidence 0.8; 3 of 4 right: ECE = |0.75 - 0.8| = 0.05.
    const probs = [[0.8, 0.1, 0.1], [0.8, 0.1, 0.1], [0.8, 0.1, 0.1], [0.8, 0.1, 0.1]];
    expect(expectedCalibrationError(probs, [0, 0, 0, 1])).toBeCloseTo(0.05, 12);
  });
});

describe('grouped folds', () => {
  const claims = ['A', 'a ', 'B', 'C', 'C', 'D', 'E', 'E', 'E', 'F'].map(claimGroup);
  const folds = groupedFolds(claims, 3, 42);

  it('never splits a claim across folds', () => {
    claims.forEach((g, i) => claims.forEach((h, j) => g === h && expect(folds[i]).toBe(folds[j])));
  });

  it('uses every fold and is the same on every run', () => {
    expect(new Set(folds).size).toBe(3);
    expect(groupedFolds(claims, 3, 42)).toEqual(folds);
  });
});

describe('passage-linked fold groups', () => {
  // Invented pairs: claims A and B share passage p1, B and C share p2, so A, B and C form one group even though
  // A and C share nothing; D stands alone. Real HealthVer rows are checked in benchmark.test.ts.
  const pairs = [
    { claim: 'A', evidence: 'p1' },
    { claim: 'B', evidence: 'p1 ' },
    { claim: 'B', evidence: 'p2' },
    { claim: 'C', evidence: 'p2' },
    { claim: 'D', evidence: 'p3' },
    { claim: 'C', evidence: 'p4' },
  ];

  it('joins claims that share a passage, transitively, and no others', () => {
    expect(passageLinkedGroups(pairs)).toEqual(['a', 'a', 'a', 'a', 'd', 'a']);
  });

  it('does not depend on row order', () => {
    expect(passageLinkedGroups([...pairs].reverse())).toEqual(['a', 'd', 'a', 'a', 'a', 'a']);
  });
});

describe('reading a benchmark CSV', () => {
  it('reads claim, evidence and label only', () => {
    const csv = 'id,evidence,claim,label,topic_ip,question\n1,"Masks cut spread, a lot.",Masks work,Supports,7,q?\n';
    expect(parseVerificationCsv(csv)).toEqual([{ claim: 'Masks work', evidence: 'Masks cut spread, a lot.', label: 'Supports' }]);
  });

  it('says which row has an unknown label and which columns are missing', () => {
    expect(() => parseVerificationCsv('claim,evidence,label\na,b,Maybe\n', 'x.csv')).toThrow(/x\.csv: row 2 has label "Maybe"/);
    expect(() => parseVerificationCsv('claim,label\na,Supports\n', 'x.csv')).toThrow(/missing column "evidence"/);
  });
});

describe('the committed verifier', () => {
  it('matches the feature list it was fitted on and names itself', () => {
    expect(COMMITTED_PARAMS.features).toEqual(FEATURE_NAMES);
    expect(featurize('a claim', 'some evidence')).toHaveLength(FEATURE_NAMES.length);
    expect(verifierName()).toBe(`lexical-lr-v1 (${FEATURE_NAMES.length} features, fitted on HealthVer dev)`);
  });

  // Hand-written minimal pairs: the same evidence with and without a negation or an opposite direction.
  const claim = 'Face masks reduce the transmission of the virus.';
  const same = stanceProbabilities(claim, 'Wearing face masks reduced transmission of the virus in households.');
  const negated = stanceProbabilities(claim, 'Wearing face masks did not reduce transmission of the virus in households.');
  const unrelated = stanceProbabilities(claim, 'The hospital opened a new cardiology ward in 2019.');

  it('gives a pair asked again the same probabilities, in an object of its own (issue 13: remembered per pair)', () => {
    const again = stanceProbabilities(claim, 'Wearing face masks reduced transmission of the virus in households.');
    expect(again).toEqual(same);
    expect(again).not.toBe(same);
    again.supports = -1;
    expect(stanceProbabilities(claim, 'Wearing face masks reduced transmission of the virus in households.')).toEqual(same);
  });

  it('reads a paraphrase as support', () => {
    expect(same.supports).toBeGreaterThan(0.5);
    expect(same.supports).toBeGreaterThan(same.contradicts);
  });

  it('reads the negated paraphrase as contradiction', () => {
    expect(negated.contradicts).toBeGreaterThan(negated.supports);
    expect(negated.contradicts).toBeGreaterThan(same.contradicts);
  });

  it('reads an unrelated sentence as more neutral than either', () => {
    expect(unrelated.neutral).toBeGreaterThan(same.neutral);
    expect(unrelated.neutral).toBeGreaterThan(negated.neutral);
  });

  it('reads "did not improve" against "improves" as contradiction', () => {
    const p = stanceProbabilities('Fine-tuning improves vulnerability detection.', 'Fine-tuning did not improve vulnerability detection.');
    expect(p.contradicts).toBeGreaterThan(p.supports);
  });
});
