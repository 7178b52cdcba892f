// Stance cues on hand-written claim/evidence pairs: each pair isolates one cue (negation and its scope,
// antonyms and direction words, numbers, entities, hedging). Invented text on purpose: real abstracts rarely
// give a minimal pair that differs in exactly one cue.
import { describe, expect, it } from 'vitest';
import { scanTokens, stanceCues } from '../../src/text/stance.ts';

const negated = (text: string) => scanTokens(text).filter((t) => t.negated).map((t) => t.word);

describe('negation and its scope', () => {
  it('marks the words after a cue, up to a clause boundary', () => {
    expect(negated('The treatment did not improve survival, but it reduced fever.')).toEqual(['improve', 'survival']);
    expect(negated('Masks were not associated with harm; they lowered infection rates.')).toEqual(['associated', 'with', 'harm']);
  });

  it("reads n't, never, without, no and fail to as negation", () => {
    expect(negated("The drug doesn't work")).toEqual(['work']);
    expect(negated('Models never outperform the baseline')).toEqual(['outperform', 'the', 'baseline']);
    expect(negated('Patients recovered without treatment')).toEqual(['treatment']);
    expect(negated('There was no benefit')).toEqual(['benefit']);
    expect(negated('The tool failed to detect injections')).toEqual(['to', 'detect', 'injections']);
  });

  it('ends the scope after a few words', () => {
    expect(negated('It did not in any of the six large trials change mortality')).toHaveLength(6);
  });

  it('flags a shared word negated on one side only', () => {
    const plain = stanceCues('Fine-tuning improves detection accuracy.', 'Fine-tuning improves detection accuracy on Devign.');
    const flipped = stanceCues('Fine-tuning improves detection accuracy.', 'Fine-tuning did not improve detection accuracy on Devign.');
    expect(plain.negatedSharedMismatch).toBe(0);
    expect(flipped.negatedSharedMismatch).toBeGreaterThan(0);
    expect(flipped.evidenceNegations).toBe(1);
  });

  it('turns "did not improve" into the opposite valence', () => {
    const c = stanceCues('Fine-tuning improves detection.', 'Fine-tuning did not improve detection.');
    expect(c.claimValence).toBe(1);
    expect(c.evidenceValence).toBe(-1);
  });

  it('reads "not associated" as a denied relation and a null finding', () => {
    const c = stanceCues('Ibuprofen is associated with higher mortality.', 'Ibuprofen use was not associated with worse outcomes.');
    expect(c.claimRelation).toBe(1);
    expect(c.evidenceRelation).toBe(-1);
    expect(c.evidenceNullFinding).toBe(1);
  });
});

describe('antonyms and direction words', () => {
  it('counts antonym pairs split across the texts', () => {
    expect(stanceCues('Vitamin D increases risk.', 'Vitamin D decreases risk.').antonymPairs).toBe(1);
    expect(stanceCues('GPT-4 outperforms static analysers.', 'GPT-4 underperforms static analysers.').antonymPairs).toBe(1);
    expect(stanceCues('The vaccine is safe.', 'The vaccine is unsafe in children.').antonymPairs).toBe(1);
    expect(stanceCues('Vitamin D increases risk.', 'Vitamin D increases risk.').antonymPairs).toBe(0);
  });

  it('gives quantity and valence a direction, and agreement a sign', () => {
    const agree = stanceCues('Masks reduce transmission.', 'Masks lowered transmission by half.');
    expect([agree.claimQuantity, agree.evidenceQuantity]).toEqual([-1, -1]);
    const disagree = stanceCues('Masks reduce transmission.', 'Masks raised transmission.');
    expect(disagree.claimQuantity * disagree.evidenceQuantity).toBe(-1);
    const valence = stanceCues('The patch improves robustness.', 'The patch degrades robustness.');
    expect([valence.claimValence, valence.evidenceValence]).toEqual([1, -1]);
  });

  it('reads a claim that denies something', () => {
    expect(stanceCues('There is no evidence that pets spread the virus.', 'Cats can be infected.').claimDenial).toBe(1);
    expect(stanceCues('Pets spread the virus.', 'Cats can be infected.').claimDenial).toBe(0);
  });
});

describe('overlap, numbers, entities, hedging', () => {
  it('measures content-word overlap on stems, ignoring stop words', () => {
    expect(stanceCues('Masks reduce transmission.', 'Wearing a mask reduced the transmission.').overlap).toBe(1);
    expect(stanceCues('Masks reduce transmission.', 'The hospital opened a new ward.').overlap).toBe(0);
  });

  it('matches numbers as written, across thousands separators', () => {
    const c = stanceCues('The model reaches 62.8% F1 on 5,000 functions.', 'On 5000 functions it reached 62.8 F1 and 70.1 recall.');
    expect(c.claimNumbers).toBe(2);
    expect(c.sharedNumbers).toBe(2);
    expect(stanceCues('Accuracy was 91%.', 'Accuracy was 73%.').sharedNumbers).toBe(0);
  });

  it('finds named entities and codes the evidence shares', () => {
    const c = stanceCues('ACE2 receptors in Wuhan patients', 'Expression of ACE2 was measured in Beijing.');
    expect(c.claimEntities).toBe(2);
    expect(c.sharedEntities).toBe(0.5);
  });

  it('counts hedges, questions and absolute wording', () => {
    const c = stanceCues('Can vitamin C cure COVID-19?', 'Vitamin C may possibly reduce symptoms.');
    expect(c.claimQuestion).toBe(1);
    expect(c.claimAbsolute).toBe(1);
    expect(c.evidenceHedges).toBe(2);
    expect(stanceCues('Can pets spread it? The answer is no.', 'x').claimAnswer).toBe(-1);
  });
});
