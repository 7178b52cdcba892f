import { describe, expect, it } from 'vitest';
import type { Synthesis } from '../../src/records/index.ts';
import { nextHistory } from '../../src/pipeline/history.ts';
import { review } from '../../src/pipeline/review.ts';
import { flagship, flagshipOnTopic, flagshipAnsweredBySurvey } from './review-cases.ts';

const withReview = (d: ReturnType<typeof flagshipOnTopic>) => ({ ...d, review: review(d, flagship) });

describe('nextHistory', () => {
  const first = withReview(flagshipOnTopic());
  const v1: Synthesis = { ...first, history: nextHistory(null, first) };

  it('starts at version 1 with every paper and claim added, sorted', () => {
    expect(v1.history).toHaveLength(1);
    const h = v1.history[0];
    expect(h).toMatchObject({ version: 1, date: '2026-11-26', engine: 'sift 0.1.0', score: first.review.score, papersRemoved: [], claimsRemoved: [] });
    expect(h?.papersAdded).toEqual(first.papers.map((p) => p.id).sort());
    expect(h?.claimsAdded).toEqual(first.claims.map((c) => c.id).sort());
  });

  it('keeps the history when nothing changed', () => {
    const again = withReview(flagshipOnTopic());
    expect(nextHistory(v1, again)).toBe(v1.history);
  });

  it('appends a version listing what was added and removed', () => {
    const next = { ...withReview(flagshipAnsweredBySurvey()), updated: '2026-12-26' };
    const h = nextHistory(v1, next);
    expect(h).toHaveLength(2);
    expect(h[1]).toMatchObject({ version: 2, date: '2026-12-26', score: next.review.score, papersAdded: ['ml4code:xu2022systematic'] });
    expect(h[1]?.papersRemoved).toEqual(v1.papers.map((p) => p.id).sort());
    expect(h[1]?.claimsRemoved).toEqual(v1.claims.map((c) => c.id).sort());
    expect(h[1]?.claimsAdded).toEqual(next.claims.map((c) => c.id).sort());
  });

  it('appends a version when only the score changed', () => {
    const rescored = { ...first, updated: '2026-12-01', review: { ...first.review, score: first.review.score - 1 } };
    const h = nextHistory(v1, rescored);
    expect(h.map((x) => x.version)).toEqual([1, 2]);
    expect(h[1]).toMatchObject({ papersAdded: [], papersRemoved: [], claimsAdded: [], claimsRemoved: [], score: first.review.score - 1 });
  });
});
