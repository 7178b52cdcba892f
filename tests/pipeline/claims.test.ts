import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractClaims, statesFinding, worthiness, MAX_CLAIMS_PER_PAPER, MIN_WORTHINESS } from '../../src/pipeline/claims.ts';
import { screen } from '../../src/pipeline/screen.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { Claim, type IncludedPaper, type Paper, type Question } from '../../src/records/index.ts';
import { loadCorpus, loadQuestion, papersFor } from './screen-claims-corpus.ts';

function included(question: Question, papers: Paper[]): IncludedPaper[] {
  const byId = new Map(papers.map((p) => [p.id, p]));
  return screen(papers, question).decisions
    .filter((d) => d.included)
    .map((d) => ({ ...byId.get(d.paper)!, relevance: d.relevance, facets: d.facets }));
}

const flagship = loadQuestion('finetuning-robustness-codestral');
const flagshipIncluded = included(flagship, papersFor(flagship));
const flagshipResult = extractClaims(flagshipIncluded, flagship);
const llmVuln = loadQuestion('llm-vulnerability-detection');
const llmVulnIncluded = included(llmVuln, papersFor(llmVuln));
const llmVulnResult = extractClaims(llmVulnIncluded, llmVuln);

describe('extractClaims on the demo questions', () => {
  it('emits valid claims whose quotes are whole sentences at exact offsets', () => {
    for (const [question, papers, { claims, dropped }] of [
      [flagship, flagshipIncluded, flagshipResult],
      [llmVuln, llmVulnIncluded, llmVulnResult],
    ] as const) {
      // Title-only papers (no abstract) give a claim only when their title states a finding.
      expect(claims.length).toBeGreaterThan(papers.filter((p) => p.abstract !== null).length);
      expect(dropped).toBe(0);
      for (const c of claims) {
        Claim.parse(c);
        const paper = papers.find((p) => p.id === c.paper)!;
        const source = c.quote.field === 'title' ? paper.title : paper.abstract!;
        expect(source.slice(c.quote.start, c.quote.end)).toBe(c.quote.text);
        expect(c.text).toBe(c.quote.text);
        if (c.quote.field === 'abstract') {
          expect(splitSentences(source)).toContainEqual({ text: c.text, start: c.quote.start, end: c.quote.end });
        }
        expect(c.id).toBe(createHash('sha256').update(`${c.paper}\n${c.quote.text}`).digest('hex').slice(0, 16));
        expect(c.question).toBe(question.id);
        expect(c.method).toBe('lexical-v1');
        expect(c.worthiness).toBeGreaterThanOrEqual(MIN_WORTHINESS);
      }
      const perPaper = new Map<string, number>();
      for (const c of claims) perPaper.set(c.paper, (perPaper.get(c.paper) ?? 0) + 1);
      expect(Math.max(...perPaper.values())).toBeLessThanOrEqual(MAX_CLAIMS_PER_PAPER);
      expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
    }
  });

  it('picks findings over background and method sentences (khare2023understanding)', () => {
    const khare = llmVulnIncluded.find((p) => /^Understanding the effectiveness of large language models in detecting security/.test(p.title))!;
    const texts = llmVulnResult.claims.filter((c) => c.paper === khare.id).map((c) => c.text);
    expect(texts).toHaveLength(3);
    expect(texts).toContain(
      'We find that advanced prompting strategies that involve step-by-step analysis significantly improve performance of LLMs on real-world datasets in terms of F1 score (by upto 0.18 on average).',
    );
    expect(texts.some((t) => t.startsWith('Overall, LLMs across all scales and families show modest effectiveness'))).toBe(true);
    for (const t of texts) {
      expect(t).not.toMatch(/^While automated vulnerability detection techniques have made promising progress/);
      expect(t).not.toMatch(/^In this paper, we perform a more comprehensive study/);
      expect(t).not.toMatch(/^We expect our insights to guide future work/);
    }
  });

  it('picks the results of a Solidity study, not its motivation (Detection Made Easy)', () => {
    const paper = flagshipIncluded.find((p) => /^Detection Made Easy/.test(p.title))!;
    const claims = flagshipResult.claims.filter((c) => c.paper === paper.id);
    expect(claims.map((c) => c.text.slice(0, 40))).toEqual([
      'Our findings reveal that SmartVD outperf',
      'After fine-tuning, the closed-source mod',
      "Notably, SmartVD performs best with the ",
    ]);
    expect(claims[1]!.facet).toBe('fine-tuning');
  });

  it('orders claims by paper relevance, then position', () => {
    // Papers by relevance, ties by id (screening breaks its own ties by its ranking score; claims need not).
    const byRelevance = [...flagshipIncluded].sort((a, b) => b.relevance - a.relevance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rank = new Map(byRelevance.map((p, i) => [p.id, i]));
    const claims = flagshipResult.claims;
    for (let i = 1; i < claims.length; i++) {
      const [a, b] = [claims[i - 1]!, claims[i]!];
      const ra = rank.get(a.paper)!;
      const rb = rank.get(b.paper)!;
      expect(ra < rb || (ra === rb && (a.quote.field === 'title' || a.quote.start < b.quote.start))).toBe(true);
    }
    expect(extractClaims([...flagshipIncluded].reverse(), flagship)).toEqual(flagshipResult);
  });

  it('flags hedged claims and keeps them', () => {
    const hedged = [...flagshipResult.claims, ...llmVulnResult.claims].filter((c) => c.hedged);
    expect(hedged.length).toBeGreaterThan(0);
    for (const c of hedged) expect(c.text).toMatch(/\b(may|might|could|suggests?|suggested|appears? to|seems? to|likely|possibly|potentially|perhaps|indicates? that|tends? to|believe)\b/i);
  });
});

describe('extractClaims: near-duplicates across papers', () => {
  it('groups the claims of the same study listed by two sources under the first claim', () => {
    // Real duplicate: "Detection Made Easy" as code-security.csl.json and llm4swsec.bib each hold it. merge() joins
    // these two on their arXiv id; the ids here are set apart to stand for a pair it could not join (e.g. a
    // preprint and a journal version whose abstracts were edited).
    const a = loadCorpus('code-security.csl.json').find((p) => /^Detection Made Easy/.test(p.title))!;
    const b = loadCorpus('llm4swsec.bib').find((p) => /^Detection Made Easy/.test(p.title))!;
    const papers: IncludedPaper[] = [
      { ...a, id: 'test:code-security', relevance: 0.6, facets: [] },
      { ...b, id: 'test:llm4swsec', relevance: 0.5, facets: [] },
    ];
    const { claims } = extractClaims(papers, flagship);
    const first = claims.filter((c) => c.paper === 'test:code-security');
    const second = claims.filter((c) => c.paper === 'test:llm4swsec');
    expect(first.length).toBe(3);
    expect(second.length).toBe(3);
    first.forEach((c, i) => {
      expect(c.group).toBe(c.id);
      expect(second[i]!.group).toBe(c.id);
    });
  });

  it('leaves claims of different studies ungrouped', () => {
    const grouped = llmVulnResult.claims.filter((c) => c.group !== null);
    expect(grouped.length).toBeLessThan(llmVulnResult.claims.length / 10);
  });
});

describe('worthiness and titles', () => {
  it('ranks findings high and background or bare method low', () => {
    // Sentences from the corpora's abstracts (GRACE, FELLMVP, khare2023understanding).
    expect(worthiness('The results demonstrate that GRACE outperforms six state-of-the-art vulnerability detection baselines by at least 28.65% in terms of the F1 score across these three datasets.').score).toBe(1);
    expect(worthiness('FELLMVP also outperforms other LLMs such as Llama2-7b, CodeLlama, and Falcon-7b by 5 % -12 % on F1 score.').score).toBeGreaterThanOrEqual(0.6);
    expect(worthiness('In this paper, we propose iAudit, a general framework that combines fine-tuning and LLM-based agents for intuitive smart contract auditing with justifications.').score).toBeLessThan(MIN_WORTHINESS);
    expect(worthiness('Large language models (LLMs) have emerged as a promising tool for vulnerability detection in recent studies.').score).toBeLessThan(MIN_WORTHINESS);
    expect(worthiness('We expect our insights to guide future work on LLM-augmented vulnerability detection systems.').score).toBe(0);
    // Background that looks like a result: others' findings, a trend, a risk.
    expect(worthiness('Several recent studies have demonstrated promising results achieving an accuracy of up to 95% at detecting vulnerabilities.').score).toBeLessThan(MIN_WORTHINESS);
    expect(worthiness('Smart contracts are susceptible to various vulnerabilities that can lead to significant financial losses.').score).toBeLessThan(MIN_WORTHINESS);
    expect(worthiness('The significant increase in software production driven by automation and faster development lifecycles has resulted in a corresponding surge in software vulnerabilities.').score).toBeLessThan(MIN_WORTHINESS);
    expect(worthiness('In addition, we conduct a case study to demonstrate the effectiveness of VulntHunt-GPT in detecting real-world smart contract vulnerabilities.').score).toBeLessThan(MIN_WORTHINESS);
    expect(worthiness('This is likely because off-the-shelf LLMs were primarily pre-trained on a general text/code corpus.').hedged).toBe(true);
  });

  it('quotes a finding title as a claim of field "title", before the abstract claims (li2023think)', () => {
    const paper = loadCorpus('ml4code.csl.json').find((p) => /Brainstorming Boosts/.test(p.title))!;
    const { claims } = extractClaims([{ ...paper, relevance: 0.5, facets: [] }], llmVuln);
    expect(claims[0]!.quote).toEqual({ text: paper.title, field: 'title', start: 0, end: paper.title.length });
    expect(claims.slice(1).map((c) => c.quote.field)).toEqual(['abstract', 'abstract']);
    expect(claims[1]!.text).toMatch(/^We demonstrate that Brainstorm significantly enhances/);
  });

  it('takes a title as a claim only when it states a finding', () => {
    expect(statesFinding('Think Outside the Code: Brainstorming Boosts Large Language Models in Code Generation')).toBe(true);
    expect(statesFinding('LLMs Cannot Reliably Identify and Reason About Security Vulnerabilities (Yet?): A Comprehensive Evaluation, Framework, and Benchmarks')).toBe(true);
    expect(statesFinding('Improved Code Summarization via a Graph Neural Network')).toBe(false);
    expect(statesFinding('Learning to Reduce False Positives in Analytic Bug Detectors')).toBe(false);
    expect(statesFinding('When chatgpt meets smart contract vulnerability detection: How far are we?')).toBe(false);
  });
});
