// The numbers a sentence states, so a sentence written by a model can be held to the numbers of the quotes
// it cites.
//
// Exported API
//   numbersIn(text: string): string[]       each number stated, normalised ("62.8%" → "62.8", "5,000" → "5000",
//                                           "0.70" → "0.7", "twelve" → "12"), in text order, repeats kept
//   unquotedNumbers(sentence: string, sources: readonly string[], allowed?: readonly number[]): string[]
//                                           numbers of `sentence` found in none of `sources` (nor in `allowed`)
import { tokenize } from './tokens.ts';

// Number words a summary might use in place of digits. "one" is left out: prose uses it as a pronoun and
// determiner ("one study reports …") far more often than as a count.
const WORDS: Readonly<Record<string, number>> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
  million: 1_000_000, billion: 1_000_000_000, dozen: 12, twice: 2, double: 2, doubled: 2, triple: 3, tripled: 3,
  thrice: 3, half: 0.5, halved: 0.5, quarter: 0.25,
};

const NUMERIC = /^\p{N}[\p{N}.,]*%?$/u;

function normalise(token: string): string {
  // A comma between digit groups of three is a thousands separator ("5,000"); any other comma is kept
  // as written, and so can only match the same spelling.
  const plain = token.replace(/%$/, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  const value = Number(plain);
  return Number.isFinite(value) ? String(value) : plain;
}

export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    // Hyphenated tokens ("gpt-4o", "top-5") carry numbers in their parts.
    for (const part of token.split(/[-'’]/)) {
      if (NUMERIC.test(part)) out.push(normalise(part));
      else if (WORDS[part] !== undefined) out.push(String(WORDS[part]));
      else {
        // Digits glued to letters name things ("GPT-4", "CWE-79", "3x"): their number still has to be quoted.
        const digits = /\d+(?:\.\d+)?/.exec(part);
        if (digits) out.push(normalise(digits[0]));
      }
    }
  }
  return out;
}

export function unquotedNumbers(sentence: string, sources: readonly string[], allowed: readonly number[] = []): string[] {
  const quoted = new Set([...sources.flatMap(numbersIn), ...allowed.map(String)]);
  return [...new Set(numbersIn(sentence).filter((n) => !quoted.has(n)))];
}
