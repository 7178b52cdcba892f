import { describe, expect, it } from 'vitest';
import { analyseText } from '../../src/text/terms.ts';
import { contentTerms } from '../../src/text/tokens.ts';
import { compileFacets, compileTerms, facetMentions, facetsMentioned, mentionCount, mentionsAny } from '../../src/text/facet-terms.ts';
import { loadCorpus, loadQuestion } from '../pipeline/screen-claims-corpus.ts';

const flagship = loadQuestion('finetuning-robustness-codestral');
const adversarial = loadQuestion('adversarial-robustness-code-models');
const security = loadCorpus('code-security.csl.json');
const ml4code = loadCorpus('ml4code.csl.json');
const title = (corpus: typeof security, local: string) => corpus.find((p) => p.ids.local === local)!.title;

describe('compileFacets', () => {
  it("keeps the question's facets in order, each with its terms compiled in the reading asked for", () => {
    for (const reading of ['stemmed', 'as-written'] as const) {
      const facets = compileFacets(flagship.facets, reading);
      expect(facets.map((f) => f.id)).toEqual(flagship.facets.map((f) => f.id));
      facets.forEach((f, i) => {
        expect(f.terms.map((t) => t.term)).toEqual(flagship.facets[i]!.terms);
        for (const t of f.terms) expect(t.reading).toBe(reading);
      });
    }
  });

  it("gives each facet the content-term stems of its terms, in order, for search queries", () => {
    const fineTuning = compileFacets(flagship.facets).find((f) => f.id === 'fine-tuning')!;
    expect(fineTuning.stems.slice(0, 6)).toEqual(['fine', 'tune', 'finetun', 'fine', 'tune', 'finetun']);
    expect(fineTuning.stems).toEqual(flagship.facets[1]!.terms.flatMap((t) => contentTerms(t)));
  });
});

describe('facetMentions and facetsMentioned', () => {
  // "Generalization-Enhanced Code Vulnerability Detection via Multi-Task Instruction Fine-Tuning"
  const vulllm = title(security, 'tp0127');

  it('count each facet\'s term occurrences in a real title, stemmed the way the stages read', () => {
    const facets = compileFacets(flagship.facets);
    // fine-tuning: "Fine-Tuning" for both fine-tuning and fine-tuned, "Multi-Task" for multi-task and multitask;
    // vulnerability-detection: "Vulnerability Detection", and "Vulnerability" for vulnerabilities and vulnerable.
    expect(facetMentions(vulllm, facets)).toEqual([
      { id: 'codestral', count: 0 },
      { id: 'fine-tuning', count: 4 },
      { id: 'robustness', count: 1 },
      { id: 'vulnerability-detection', count: 3 },
      { id: 'low-resource-languages', count: 0 },
    ]);
    expect(facetMentions(analyseText(vulllm), facets)).toEqual(facetMentions(vulllm, facets));
    expect(facetsMentioned(vulllm, facets)).toEqual(['fine-tuning', 'robustness', 'vulnerability-detection']);
  });

  it('count only the words as written for the review panel', () => {
    const facets = compileFacets(flagship.facets, 'as-written');
    expect(facetMentions(vulllm, facets).map((f) => f.count)).toEqual([0, 2, 1, 1, 0]);
    // "Vulnerability Type Prediction and Line-Level Detection": the stems of "vulnerabilities" and "vulnerable",
    // not the words.
    const typePrediction = title(security, 'tp0036');
    expect(facetsMentioned(typePrediction, compileFacets(flagship.facets))).toEqual(['fine-tuning', 'robustness', 'vulnerability-detection']);
    expect(facetsMentioned(typePrediction, facets)).toEqual(['fine-tuning', 'robustness']);
  });

  it("do not take a Transformer for a transformation as written (ahmad2020transformer)", () => {
    const text = title(ml4code, 'ahmad2020transformer'); // "A Transformer-based Approach for Source Code Summarization"
    expect(facetsMentioned(text, compileFacets(adversarial.facets, 'as-written'))).toEqual(['tasks']);
    expect(facetsMentioned(text, compileFacets(adversarial.facets))).toContain('tasks');
  });
});

describe('mentionCount and mentionsAny', () => {
  it("find a question's required and named terms in real titles", () => {
    const required = compileTerms(loadQuestion('llm-vulnerability-detection').screening.require); // ["vulnerab"]
    // "An Empirical Study of Automated Vulnerability Localization with Large Language Models"
    expect(mentionCount(title(security, 'tp0083'), required)).toBe(1);
    expect(mentionsAny(title(ml4code, 'ahmad2020transformer'), required)).toBe(false);
    const names = compileTerms(['Codestral', 'Mistral'], 'as-written');
    expect(mentionsAny(title(security, 'tp0127'), names)).toBe(false);
  });
});
