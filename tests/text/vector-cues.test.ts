// Vector cues between a claim and evidence. Minimal pairs written for the test (each differs from the other in one
// respect), since real abstracts rarely give one; the words themselves are general English the vectors know.
import { describe, expect, it } from 'vitest';
import { vectorCues } from '../../src/text/vector-cues.ts';

describe('aligned similarity', () => {
  it('meets a claim worded differently from its evidence', () => {
    const same = vectorCues('Zinc lowers mortality in elderly patients.', 'Zinc reduces deaths among older adults.');
    const other = vectorCues('Zinc lowers mortality in elderly patients.', 'The compiler rejects malformed programs.');
    expect(same.alignedClaim).toBeGreaterThan(other.alignedClaim + 0.2);
    expect(same.alignedClaimGain).toBeGreaterThan(0.2);
    expect(same.softOverlap).toBeGreaterThan(other.softOverlap);
  });

  it('is 1 for identical texts, and gains nothing over shared stems then', () => {
    const c = vectorCues('Masks reduce transmission.', 'Masks reduce transmission.');
    expect(c.alignedClaim).toBeCloseTo(1, 6);
    expect(c.alignedClaimGain).toBeCloseTo(0, 6);
  });

  it('flags a close word negated on one side only', () => {
    const plain = vectorCues('Vitamin D lowers mortality.', 'Vitamin D reduced deaths.');
    const denied = vectorCues('Vitamin D lowers mortality.', 'Vitamin D did not reduce deaths.');
    expect(plain.negationMismatch).toBe(0);
    expect(denied.negationMismatch).toBeGreaterThan(0);
  });
});
