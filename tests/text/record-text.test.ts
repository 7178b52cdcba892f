import { describe, expect, it } from 'vitest';
import { contentTermsOf, readRecordText, recordTerms } from '../../src/text/record-text.ts';
import { analyseText } from '../../src/text/terms.ts';
import { contentTerms } from '../../src/text/tokens.ts';
import { loadCorpus } from '../pipeline/screen-claims-corpus.ts';

const security = loadCorpus('code-security.csl.json');

describe('contentTermsOf', () => {
  it("gives contentTerms' terms from an analysed text, for every title and abstract of a corpus", () => {
    for (const p of security) {
      for (const text of [p.title, p.abstract ?? '']) expect(contentTermsOf(analyseText(text))).toEqual(contentTerms(text));
    }
    // Invented edge cases the corpus may lack: stopword parts, one-letter parts, numbers, apostrophes.
    const odd = "fine-tuning don't C++ multi-task 62.8% x-ray a-b 3-d e.g. the-end";
    expect(contentTermsOf(analyseText(odd))).toEqual(contentTerms(odd));
  });
});

describe('readRecordText and recordTerms', () => {
  it('reads title, keywords and abstract once; a record without an abstract is title-only', () => {
    const titleOnly = security.find((p) => p.abstract === null && p.keywords.length > 0)!;
    const text = readRecordText(titleOnly);
    expect(text.abstract).toBeNull();
    expect(text.keywords.source).toBe(titleOnly.keywords.join('; '));
    const title = contentTerms(titleOnly.title);
    expect(recordTerms(text)).toEqual([...title, ...title, ...contentTerms(titleOnly.keywords.join('; '))]);
  });

  it('reads a record again as it read it first, whatever screening did with the first reading', () => {
    const fresh = security.slice(0, 60).map((p) => ({ title: analyseText(p.title), abstract: p.abstract?.trim() ? analyseText(p.abstract) : null }));
    const first = security.slice(0, 60).map(readRecordText);
    // What screening reads from each record (its ranking terms), then every record read a second time.
    for (const text of first) recordTerms(text);
    const again = security.slice(0, 60).map(readRecordText);
    again.forEach((text, i) => {
      expect(text.title).toEqual(fresh[i]!.title);
      expect(text.abstract).toEqual(fresh[i]!.abstract);
    });
  });
});
