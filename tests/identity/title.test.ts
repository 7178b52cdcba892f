// Titles folded for matching: British and American spellings of one word become one form.
import { describe, expect, it } from 'vitest';
import { foldSpelling, normaliseTitle } from '../../src/identity/index.ts';

const folded = (title: string) => foldSpelling(normaliseTitle(title));

describe('foldSpelling', () => {
  it('folds the spellings of one title in the nagtegaal-2019 export (n0500, n0600) to one', () => {
    expect(folded('Using implementation intentions to teach practitioners: changing practice behaviors via continuing education')).toBe(
      folded('Using implementation intentions to teach practitioners: changing practice behaviours via continuing education. '),
    );
  });

  it('folds -our, -ise, -yse, doubled l, -tre, ae/oe and the listed words', () => {
    const pairs = [
      ['behavioural colour', 'behavioral color'],
      ['randomised optimisation', 'randomized optimization'],
      ['analysed', 'analyzed'],
      ['modelling labelled signalling', 'modeling labeled signaling'],
      ['centre fibres', 'center fibers'],
      ['paediatric oestrogen anaemia', 'pediatric estrogen anemia'],
      ['defence programme ageing', 'defense program aging'],
    ];
    for (const [british, american] of pairs) expect(folded(british!)).toBe(folded(american!));
  });

  it('leaves words that only look like variants apart from the words they are not', () => {
    expect(folded('four hours')).not.toBe(folded('for hors'));
    expect(folded('analysis basis')).toBe('analysis basis');
    expect(folded('filling')).not.toBe(folded('filing'));
  });
});
