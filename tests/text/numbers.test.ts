import { describe, expect, it } from 'vitest';
import { numbersIn, unquotedNumbers } from '../../src/text/numbers.ts';

// Sentences from corpora/code-security.csl.json (Khare et al.; Chakraborty et al.), and model sentences about them.
const KHARE = 'Overall, LLMs across all scales and families show modest effectiveness in detecting vulnerabilities, obtaining an average accuracy of 62.8% and F1 score of 0.71 across all datasets.';
const CHAKRABORTY = 'To our surprise, we find that their performance drops by more than 50%.';

describe('numbersIn', () => {
  it('reads percentages, decimals, thousands, numbers inside names and number words', () => {
    expect(numbersIn(KHARE)).toEqual(['62.8', '1', '0.71']);
    expect(numbersIn('5,000 code samples, 0.70 F1, GPT-4, CWE-79, twelve languages, twice as many')).toEqual(['5000', '0.7', '1', '4', '79', '12', '2']);
  });

  it('leaves "one" alone: prose uses it as a word', () => {
    expect(numbersIn('One study reports this, and one other.')).toEqual([]);
  });
});

describe('unquotedNumbers', () => {
  it('finds a number stated in none of the quotes', () => {
    expect(unquotedNumbers('Models reach 93% accuracy.', [KHARE])).toEqual(['93']);
    expect(unquotedNumbers('Performance drops by more than 50% on real data, from an accuracy of 62.8%.', [KHARE, CHAKRABORTY])).toEqual([]);
  });

  it('allows the numbers given (how many claims a sentence cites)', () => {
    expect(unquotedNumbers('Two studies report modest effectiveness.', [KHARE, CHAKRABORTY], [2])).toEqual([]);
    expect(unquotedNumbers('Two studies report modest effectiveness.', [KHARE])).toEqual(['2']);
  });
});
