import { describe, expect, it } from 'vitest';
import { screen } from '../../src/pipeline/screen.ts';
import { Question, ScreeningDecision, type Paper } from '../../src/records/index.ts';
import { merge } from '../../src/pipeline/merge.ts';
import { loadCorpus, loadQuestion, papersFor } from './screen-claims-corpus.ts';

const flagship = loadQuestion('finetuning-robustness-codestral');
const flagshipPapers = papersFor(flagship);
const flagshipDecisions = screen(flagshipPapers, flagship);
const decisionFor = (decisions: ScreeningDecision[], papers: Paper[], title: RegExp) => {
  const paper = papers.find((p) => title.test(p.title));
  if (!paper) throw new Error(`no paper titled ${title}`);
  return decisions.find((d) => d.paper === paper.id)!;
};

describe('screen: the flagship question (finetuning-robustness-codestral) on its corpora', () => {
  it('gives one valid decision per paper', () => {
    expect(flagshipDecisions).toHaveLength(flagshipPapers.length);
    expect(new Set(flagshipDecisions.map((d) => d.paper)).size).toBe(flagshipPapers.length);
    for (const d of flagshipDecisions) {
      ScreeningDecision.parse(d);
      expect(d.included).toBe(d.reason === null);
      expect(d.detail).toBeTruthy();
    }
  });

  it('includes papers on vulnerability detection with fine-tuning or robustness', () => {
    const included = (title: RegExp) => decisionFor(flagshipDecisions, flagshipPapers, title);
    const vulllm = included(/^Generalization-Enhanced Code Vulnerability Detection via Multi-Task Instruction Fine-Tuning/);
    expect(vulllm.included).toBe(true);
    expect(vulllm.facets).toEqual(['fine-tuning', 'robustness', 'vulnerability-detection']);
    expect(included(/^Finetuning large language models for vulnerability detection/).included).toBe(true);
    expect(included(/^Detection Made Easy: Potentials of Large Language Models for Solidity Vulnerabilities/).facets).toContain('low-resource-languages');
    const inc = flagshipDecisions.filter((d) => d.included);
    expect(inc.length).toBeGreaterThanOrEqual(20);
    // Every included paper speaks to at least two of the question's facets.
    for (const d of inc) expect(d.facets.length).toBeGreaterThanOrEqual(2);
  });

  it('excludes off-topic papers, each with the first criterion it fails and a plain-words detail', () => {
    const d = (title: RegExp) => decisionFor(flagshipDecisions, flagshipPapers, title);
    const mulcode = d(/^MulCode: A Multi-task Learning Approach/);
    expect(mulcode.reason).toBe('missing-required-term');
    expect(mulcode.detail).toBe('neither title nor abstract mentions any of "vulnerab"');
    // Binary clone search mentions vulnerabilities in passing but none of the question's facets much.
    const summarization = d(/^Asm2Vec: Boosting Static Representation Robustness/);
    expect(summarization.reason).toBe('below-relevance');
    expect(summarization.detail).toMatch(/^relevance 0\.\d{3} is below the threshold 0\.30; mentions \d of 5 facets/);
    const old = d(/^Deep Learning to Find Bugs/);
    expect(old.reason).toBe('outside-years');
    expect(old.detail).toBe('published 2017; the review covers 2018 onwards');
    const noAbstract = flagshipDecisions.find((x) => x.reason === 'no-abstract')!;
    expect(flagshipPapers.find((p) => p.id === noAbstract.paper)!.abstract).toBeNull();
    const reasons = new Set(flagshipDecisions.map((x) => x.reason));
    for (const r of ['outside-years', 'no-abstract', 'missing-required-term', 'below-relevance']) expect(reasons).toContain(r);
  });

  it('orders included papers first by relevance, then excluded ones, ties by id', () => {
    const firstExcluded = flagshipDecisions.findIndex((d) => !d.included);
    expect(flagshipDecisions.slice(firstExcluded).every((d) => !d.included)).toBe(true);
    for (const part of [flagshipDecisions.slice(0, firstExcluded), flagshipDecisions.slice(firstExcluded)]) {
      for (let i = 1; i < part.length; i++) {
        const [a, b] = [part[i - 1]!, part[i]!];
        expect(a.relevance > b.relevance || (a.relevance === b.relevance && a.paper < b.paper)).toBe(true);
      }
    }
  });

  it('is deterministic: shuffled input gives the same decisions', () => {
    const reversed = [...flagshipPapers].reverse();
    expect(JSON.stringify(screen(reversed, flagship))).toBe(JSON.stringify(flagshipDecisions));
  });
});

describe('screen: relevance is absolute', () => {
  it('stays low for every paper when the corpus is off-topic', () => {
    // Invented question (the corpora hold no biology): protein folding asked of the code corpora.
    const protein = Question.parse({
      id: 'protein-folding',
      title: 'Protein structure prediction',
      question: 'How accurately does deep learning predict protein structure from amino acid sequences?',
      facets: [
        { id: 'structure', label: 'Protein structure prediction', terms: ['protein', 'folding', 'AlphaFold'] },
        { id: 'sequence', label: 'Amino acid sequences', terms: ['amino acid', 'residue', 'multiple sequence alignment'] },
      ],
      sources: [{ type: 'csl-json', path: 'corpora/code-security.csl.json' }],
    });
    const papers = merge([...loadCorpus('code-security.csl.json'), ...loadCorpus('ml4code.csl.json')]).papers;
    const decisions = screen(papers, protein);
    const relevance = decisions.map((d) => d.relevance).sort((a, b) => a - b);
    expect(relevance.at(-1)!).toBeLessThan(0.45);
    expect(relevance[Math.floor(relevance.length * 0.9)]!).toBeLessThan(0.2);
    expect(decisions.filter((d) => d.included).length).toBeLessThanOrEqual(5);
  });

  it('does not lift the least bad paper of a weak batch', () => {
    // The flagship question screened against only its ten least relevant papers with an abstract: a relative
    // score would give the best of them 1.0.
    const weakest = flagshipDecisions
      .filter((d) => d.reason === 'missing-required-term')
      .slice(-10)
      .map((d) => flagshipPapers.find((p) => p.id === d.paper)!);
    const alone = screen(weakest, flagship);
    expect(Math.max(...alone.map((d) => d.relevance))).toBeLessThan(0.2);
    expect(alone.every((d) => !d.included)).toBe(true);
  });

  it('keeps the flagship question low on the general ML-for-code corpus', () => {
    const decisions = screen(merge(loadCorpus('ml4code.csl.json')).papers, flagship);
    const relevance = decisions.map((d) => d.relevance).sort((a, b) => a - b);
    expect(relevance[Math.floor(relevance.length / 2)]!).toBeLessThan(0.1);
  });
});

describe('screen: criteria', () => {
  it('caps the included papers at maxIncluded, keeping the most relevant (over-limit)', () => {
    const capped = Question.parse({ ...flagship, screening: { ...flagship.screening, maxIncluded: 5 } });
    const decisions = screen(flagshipPapers, capped);
    const included = decisions.filter((d) => d.included);
    expect(included.map((d) => d.paper)).toEqual(flagshipDecisions.filter((d) => d.included).slice(0, 5).map((d) => d.paper));
    const over = decisions.filter((d) => d.reason === 'over-limit');
    expect(over.length).toBe(flagshipDecisions.filter((d) => d.included).length - 5);
    expect(over[0]!.detail).toMatch(/^relevance 0\.\d{3} ranks 6; the review includes the 5 most relevant$/);
    expect(Math.max(...over.map((d) => d.relevance))).toBeLessThanOrEqual(Math.min(...included.map((d) => d.relevance)));
  });

  it('excludes on an excluded term before the required-term and relevance checks', () => {
    const noContracts = Question.parse({ ...flagship, screening: { ...flagship.screening, exclude: ['smart contract'] } });
    const decisions = screen(flagshipPapers, noContracts);
    const fellmvp = decisionFor(decisions, flagshipPapers, /^FELLMVP/);
    expect(fellmvp.reason).toBe('excluded-term');
    expect(fellmvp.detail).toBe('the title mentions "Smart Contract" (excluded term "smart contract")');
    expect(decisions.filter((d) => d.included).length).toBeLessThan(flagshipDecisions.filter((d) => d.included).length);
  });

  it('screens a repeated id without failing (one decision per record)', () => {
    // Invented: merge() never passes a repeated id, but screening must not crash if a caller does.
    const twice = [flagshipPapers[0]!, flagshipPapers[0]!];
    expect(screen(twice, flagship)).toHaveLength(2);
  });

  it('does not exclude a record with an unknown year on the year criterion', () => {
    // Invented record: real retrieval returns some without a year.
    const paper = { ...flagshipPapers.find((p) => /^FELLMVP/.test(p.title))!, id: 'test:no-year', year: null };
    const [d] = screen([paper], flagship);
    expect(d!.reason).not.toBe('outside-years');
  });
});
