import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { facetsFromQuestion, searchQueryFromFacets } from '../../src/questions/question-facets.ts';
import { Facet } from '../../src/records/question.ts';
import { parseBooleanQuery } from '../../src/text/boolean-query.ts';

const demo = (id: string): string => (parse(readFileSync(new URL(`../../questions/${id}.yaml`, import.meta.url), 'utf8')) as { question: string }).question;

// Real research questions from published systematic reviews.
const published = {
  // Bannach-Brown et al. (2019), Systematic Reviews 8:23, doi:10.1186/s13643-019-0942-7, the review question as
  // ../shared/data/screening/bannach-brown-2019.yaml words it.
  bannachBrown:
    'How is depression modelled in vivo in non-human animals: which animal models of depression are used, how is the depression-like state induced, and how is it measured?',
  // Nagtegaal et al. (2019), Journal of Behavioral Public Administration 2(2), doi:10.30636/jbpa.22.71, as
  // ../shared/data/screening/nagtegaal-2019.yaml words it.
  nagtegaal:
    'Which nudges (softly steering choices, for example reminders, defaults or social reference points) have been tested on healthcare professionals to move their behaviour towards evidence-based medicine, which behaviours did they target, how well were they studied, and does their success depend on the context?',
  // Ansems et al. (2021), "Remdesivir for the treatment of COVID-19", Cochrane Database of Systematic Reviews,
  // doi:10.1002/14651858.CD014962, its objective as a question.
  remdesivir:
    'What are the effects of remdesivir compared to placebo or standard care alone on clinical outcomes in hospitalised patients with SARS-CoV-2 infection?',
  // Wynants et al. (2020), "Prediction models for diagnosis and prognosis of covid-19", BMJ 369:m1328,
  // doi:10.1136/bmj.m1328, its aim as a question.
  wynants: 'Which prediction models for diagnosis and prognosis of COVID-19 have been developed, and what is their risk of bias?',
  // Gillespie et al. (2012), "Interventions for preventing falls in older people living in the community",
  // Cochrane Database of Systematic Reviews, doi:10.1002/14651858.CD007146.pub3, its objective as a question.
  gillespie: 'What is the effect of interventions designed to reduce the incidence of falls in older people living in the community?',
};

// Words that frame a question and name no topic: none may be a facet, or a facet's only term.
const FRAMING = ['what', 'how', 'which', 'impact', 'effect', 'effects', 'reduce', 'models', 'use', 'used', 'different', 'robust', 'measured', 'studied', 'the', 'it', 'them', 'their'];

const ids = (question: string) => facetsFromQuestion(question).map((f) => f.id);
const termsOf = (question: string, id: string) => facetsFromQuestion(question).find((f) => f.id === id)?.terms ?? [];

describe('facetsFromQuestion', () => {
  const all = [demo('finetuning-robustness-codestral'), demo('adversarial-robustness-code-models'), demo('llm-vulnerability-detection'), ...Object.values(published)];

  it.each(all)('gives valid facets with no framing word as a facet: %s', (question) => {
    const facets = facetsFromQuestion(question);
    expect(facets.length).toBeGreaterThanOrEqual(2);
    expect(facets.length).toBeLessThanOrEqual(6);
    for (const facet of facets) {
      expect(() => Facet.parse(facet)).not.toThrow();
      expect(FRAMING).not.toContain(facet.id);
      expect(FRAMING).not.toContain(facet.label.toLowerCase());
    }
    expect(new Set(facets.map((f) => f.id)).size).toBe(facets.length);
  });

  it('finds Codestral as a named model, and the fine-tuning strategies the question lists as terms of one facet', () => {
    const question = demo('finetuning-robustness-codestral');
    expect(ids(question)).toEqual(['codestral', 'fine-tuning', 'robustness', 'vulnerabilities', 'low-resource-programming-languages']);
    expect(termsOf(question, 'codestral')).toEqual(['Codestral']);
    expect(termsOf(question, 'fine-tuning')).toEqual(expect.arrayContaining(['fine-tuning', 'fine tuning', 'finetuning', 'multi-task learning', 'sequential fine-tuning']));
    expect(termsOf(question, 'vulnerabilities')).toEqual(['vulnerabilities', 'vulnerability']);
  });

  it('takes the first noun phrase for the required core and makes named models and the rest aspects', () => {
    const facets = facetsFromQuestion(demo('finetuning-robustness-codestral'));
    expect(facets.filter((f) => f.role === 'required').map((f) => f.id)).toEqual(['fine-tuning']);
    expect(facets.find((f) => f.id === 'codestral')?.role).toBe('aspect');
  });

  it('reads the other demo questions into their subjects', () => {
    expect(ids(demo('adversarial-robustness-code-models'))).toEqual(expect.arrayContaining(['neural-models', 'source-code', 'robustness', 'defences']));
    expect(ids(demo('llm-vulnerability-detection'))).toEqual(
      expect.arrayContaining(['large-language-models', 'software-vulnerabilities', 'static-analysis-tools', 'prompting', 'fine-tuning']),
    );
  });

  it('reads published review questions: populations, interventions, comparators, outcomes, and named diseases', () => {
    expect(ids(published.bannachBrown)).toEqual(expect.arrayContaining(['depression', 'non-human-animals', 'animal-models']));
    expect(ids(published.nagtegaal).slice(0, 2)).toEqual(['nudges', 'healthcare-professionals']);
    // The examples in parentheses are what "nudges" covers.
    expect(termsOf(published.nagtegaal, 'nudges')).toEqual(expect.arrayContaining(['nudges', 'nudge', 'defaults', 'social reference points']));
    expect(ids(published.remdesivir)).toEqual(['sars-cov-2', 'remdesivir', 'placebo', 'standard-care', 'clinical-outcomes', 'patients']);
    expect(ids(published.wynants)).toEqual(expect.arrayContaining(['covid-19', 'diagnosis', 'prognosis']));
    expect(ids(published.gillespie)).toEqual(expect.arrayContaining(['interventions', 'falls', 'older-people', 'community']));
    expect(ids(published.gillespie)).not.toContain('incidence');
  });
});

describe('searchQueryFromFacets', () => {
  it('ANDs the first three facets, each an OR of its terms, in the neutral Boolean syntax', () => {
    const query = searchQueryFromFacets(facetsFromQuestion(demo('finetuning-robustness-codestral')));
    expect(query).toBe('(Codestral) AND ("fine-tuning" OR "fine tuning" OR finetuning OR "multi-task learning" OR "multi task learning" OR "multitask learning") AND (robustness)');
    expect(parseBooleanQuery(query)).toEqual([
      ['Codestral'],
      ['fine-tuning', 'fine tuning', 'finetuning', 'multi-task learning', 'multi task learning', 'multitask learning'],
      ['robustness'],
    ]);
  });

  it('fits the schema: at most 500 characters, dropping terms of the largest facet first', () => {
    // Invented: facets with many long terms.
    const long = (id: string) => ({ id, label: id, terms: Array.from({ length: 12 }, (_, i) => `${id} term number ${i} with many words`) });
    const query = searchQueryFromFacets([long('a'), long('b'), long('c')]);
    expect(query.length).toBeLessThanOrEqual(500);
    const sizes = parseBooleanQuery(query)!.map((g) => g.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});
