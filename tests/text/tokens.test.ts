import { describe, expect, it } from 'vitest';
import { contentTerms, isStopword, stem, stemToken, tokenSpans, tokenize } from '../../src/text/tokens.ts';

// A sentence of khare2023understanding (corpora/llm4swsec.bib).
const KHARE =
  'Overall, LLMs across all scales and families show modest effectiveness in detecting vulnerabilities, obtaining an average accuracy of 62.8% and F1 score of 0.71 across datasets.';

describe('tokenize', () => {
  it('lower-cases words and keeps numbers, percentages and hyphenated words whole', () => {
    const t = tokenize(KHARE);
    expect(t).toContain('62.8%');
    expect(t).toContain('0.71');
    expect(t).toContain('f1');
    expect(t).toContain('llms');
    expect(t.at(-1)).toBe('datasets');
    expect(tokenize('We fine-tuned GPT-4o on 5,000 samples (p < 0.05).')).toEqual(['we', 'fine-tuned', 'gpt-4o', 'on', '5,000', 'samples', 'p', '0.05']);
  });

  it('gives offsets into the source', () => {
    for (const s of tokenSpans(KHARE)) expect(KHARE.slice(s.start, s.end).toLowerCase()).toBe(s.token);
  });
});

describe('stemming and content terms', () => {
  it('stems with Porter2 and leaves numbers alone', () => {
    expect(stem('vulnerabilities')).toBe(stem('vulnerability'));
    expect(stem('Robustness')).toBe('robust');
    expect(stem('62.8%')).toBe('62.8%');
    expect(stemToken('fine-tuned')).toEqual(stemToken('fine-tuning'));
  });

  it('drops stopwords and single letters, splits hyphenated words and adds their closed form', () => {
    expect(isStopword('The')).toBe(true);
    expect(isStopword('model')).toBe(false);
    expect(contentTerms('The fine-tuning of a model improves its robustness')).toEqual(['fine', 'tune', 'finetun', 'model', 'improv', 'robust']);
    expect(contentTerms('finetuning')).toEqual(['finetun']);
    expect(contentTerms('C/C++ code')).toEqual(['code']);
  });
});
