// The review panel's test cases: drafts built from real corpus records (corpora/*.csl.json) for the
// project's real questions (questions/*.yaml). The verdicts, confidences and evidence scores below stand in
// for the verify stage's output and are chosen by hand per case; the papers and every quoted sentence are real.
import type { Paper } from '../../src/records/index.ts';
import type { Draft } from '../../src/pipeline/compose.ts';
import { buildDraft, loadQuestion } from './draft-fixtures.ts';
import { corpusPaper } from './corpus-papers.ts';

const cs = (id: string): Paper => corpusPaper('code-security', id);
const ml = (id: string): Paper => corpusPaper('ml4code', id);

export const flagship = loadQuestion('finetuning-robustness-codestral');
export const llmVuln = loadQuestion('llm-vulnerability-detection');

// (a) The flagship question "answered" only by a general evaluation of large language models of code
// (Xu et al. 2022, "A Systematic Evaluation of Large Language Models of Code"): no fine-tuning, no robustness,
// no vulnerabilities, no Codestral. With one paper nothing can corroborate its claims.
export function flagshipAnsweredBySurvey(): Draft {
  const survey = ml('xu2022systematic');
  return buildDraft({
    question: flagship,
    included: [survey],
    excluded: [
      { paper: cs('tp0000'), reason: 'no-abstract' },
      { paper: cs('tp0384'), reason: 'outside-years' },
    ],
    claims: [
      { paper: survey, fragment: 'PolyCoder outperforms all models including Codex', facet: null, verdict: 'insufficient', confidence: 0.3 },
      { paper: survey, fragment: 'existing open-source models do achieve close results', facet: null, verdict: 'insufficient', confidence: 0.25 },
    ],
  });
}

// (b) The LLM vulnerability-detection question with only off-topic papers: neural source-code summarization.
// Their claims even corroborate one another (each reports beating earlier baselines), so the draft looks
// healthy on verification alone; only its relevance to the question is wrong.
export function vulnerabilityAnsweredBySummarization(): Draft {
  const ahmad = ml('ahmad2020transformer');
  const leclair = ml('leclair2019neural');
  const alon = ml('alon2018code2seq');
  const outperforms = 'it outperforms the state-of-the-art techniques by a significant margin';
  const code2seq = 'Our model significantly outperforms previous models';
  return buildDraft({
    question: llmVuln,
    included: [ahmad, leclair, alon],
    excluded: [{ paper: ml('leclair2019recommendations'), reason: 'below-relevance' }],
    claims: [
      { paper: ahmad, fragment: outperforms, facet: 'baselines', verdict: 'supported', confidence: 0.7,
        evidence: [{ paper: alon, fragment: code2seq, stance: 'supports', score: 0.6 }] },
      { paper: alon, fragment: code2seq, facet: 'baselines', verdict: 'supported', confidence: 0.65,
        evidence: [{ paper: ahmad, fragment: outperforms, stance: 'supports', score: 0.6 }] },
      { paper: leclair, fragment: 'We find improvement over two baseline techniques', facet: 'baselines', verdict: 'supported', confidence: 0.6,
        evidence: [{ paper: ahmad, fragment: outperforms, stance: 'supports', score: 0.5 }] },
      { paper: ahmad, fragment: 'relative encoding significantly improves the summarization performance', facet: null, verdict: 'insufficient', confidence: 0.4 },
    ],
  });
}

const vulnPapers = () => ({
  bench: cs('tp0252'), // Understanding the effectiveness of LLMs in detecting security vulnerabilities
  study: cs('tp0073'), // A Comprehensive Study of the Capabilities of LLMs for Vulnerability Detection
  prime: cs('tp0197'), // Vulnerability detection with code language models: How far are we?
  prompts: cs('tp0118'), // Exploration on prompting LLM with code-specific information
  finetune: cs('tp0123'), // Finetuning large language models for vulnerability detection
  icl: cs('tp0247'), // Software vulnerability detection with GPT and in-context learning
  explain: cs('tp0179'), // Towards effectively detecting and explaining vulnerabilities using LLMs
  chatgpt: cs('tp0207'), // ChatGPT for vulnerability detection, classification, and repair
  llvm: cs('tp0129'), // Harnessing the power of LLMs in source code vulnerability detection
});

// (c) On-topic papers for the LLM vulnerability-detection question, but no claim is supported: every claim is
// unverified or contradicted. A review that verifies nothing must not score well however on topic it is.
export function noSupportedClaims(): Draft {
  const p = vulnPapers();
  return buildDraft({
    question: llmVuln,
    included: [p.bench, p.study, p.prime, p.prompts, p.finetune],
    excluded: [{ paper: cs('tp0093'), reason: 'below-relevance' }],
    claims: [
      { paper: p.bench, fragment: 'obtaining an average accuracy of 62.8%', facet: 'accuracy', verdict: 'contradicted', confidence: 0.55,
        evidence: [{ paper: p.prime, fragment: 'existing benchmarks significantly overestimate', stance: 'contradicts', score: 0.6 }] },
      { paper: p.bench, fragment: 'higher accuracies on these vulnerabilities than popular static analysis tools', facet: 'baselines', verdict: 'insufficient', confidence: 0.3 },
      { paper: p.prompts, fragment: 'GPT can detect vulnerabilities more effectively', facet: 'prompting', verdict: 'insufficient', confidence: 0.35 },
      { paper: p.finetune, fragment: 'The finetuned WizardCoder model achieves improvement', facet: 'fine-tuning', verdict: 'insufficient', confidence: 0.3 },
      { paper: p.study, fragment: 'LLMs generally struggled with vulnerability detection', facet: 'accuracy', verdict: 'insufficient', confidence: 0.4 },
    ],
  });
}

// A realistic on-topic draft for the LLM vulnerability-detection question: nine relevant studies, claims on
// every facet, most corroborated by another included paper, one contradiction.
export function onTopicVulnerabilityReview(): Draft {
  const p = vulnPapers();
  const struggled = 'LLMs generally struggled with vulnerability detection';
  const balanced = 'They reported 0.5-0.63 Balanced Accuracy';
  const random = 'results akin to random guessing';
  const limited = 'we found that ChatGPT achieves limited performance';
  const stepwise = 'advanced prompting strategies that involve step-by-step analysis significantly improve performance';
  const cot = 'combined with code-specific information and CoT, GPT can detect vulnerabilities more effectively';
  const retrieval = 'combining with code retrieval and code analysis';
  const wizard = 'The finetuned WizardCoder model achieves improvement';
  const imperative = 'the process of fine-tuning remains imperative';
  const vulexp = 'LLMVulExp can effectively enable the LLMs to perform vulnerability detection';
  return buildDraft({
    question: llmVuln,
    included: [p.bench, p.study, p.prime, p.prompts, p.finetune, p.icl, p.explain, p.chatgpt, p.llvm],
    excluded: [
      { paper: cs('tp0000'), reason: 'no-abstract' },
      { paper: cs('tp0093'), reason: 'below-relevance' },
      { paper: cs('tp0384'), reason: 'outside-years' },
    ],
    duplicates: 1,
    claims: [
      { paper: p.bench, fragment: 'obtaining an average accuracy of 62.8%', facet: 'accuracy', verdict: 'supported', confidence: 0.8,
        evidence: [{ paper: p.study, fragment: balanced, stance: 'supports', score: 0.7 }, { paper: p.chatgpt, fragment: limited, stance: 'supports', score: 0.55 }] },
      { paper: p.study, fragment: struggled, facet: 'accuracy', verdict: 'supported', confidence: 0.75,
        evidence: [{ paper: p.prime, fragment: random, stance: 'supports', score: 0.7 }, { paper: p.chatgpt, fragment: limited, stance: 'supports', score: 0.65 }] },
      { paper: p.llvm, fragment: 'demonstrate high accuracy in identifying source code vulnerabilities', facet: 'accuracy', verdict: 'contradicted', confidence: 0.6,
        evidence: [{ paper: p.study, fragment: struggled, stance: 'contradicts', score: 0.6 }] },
      { paper: p.prime, fragment: 'existing benchmarks significantly overestimate', facet: 'baselines', verdict: 'supported', confidence: 0.7,
        evidence: [{ paper: p.study, fragment: balanced, stance: 'supports', score: 0.55 }] },
      { paper: p.chatgpt, fragment: limited, facet: 'baselines', verdict: 'supported', confidence: 0.65,
        evidence: [{ paper: p.study, fragment: struggled, stance: 'supports', score: 0.6 }] },
      { paper: p.bench, fragment: 'higher accuracies on these vulnerabilities than popular static analysis tools', facet: 'baselines', verdict: 'insufficient', confidence: 0.35 },
      { paper: p.bench, fragment: stepwise, facet: 'prompting', verdict: 'supported', confidence: 0.75,
        evidence: [{ paper: p.prompts, fragment: cot, stance: 'supports', score: 0.7 }, { paper: p.icl, fragment: retrieval, stance: 'supports', score: 0.55 }] },
      { paper: p.prompts, fragment: cot, facet: 'prompting', verdict: 'supported', confidence: 0.7,
        evidence: [{ paper: p.bench, fragment: stepwise, stance: 'supports', score: 0.7 }] },
      { paper: p.finetune, fragment: wizard, facet: 'fine-tuning', verdict: 'supported', confidence: 0.7,
        evidence: [{ paper: p.chatgpt, fragment: imperative, stance: 'supports', score: 0.65 }, { paper: p.explain, fragment: vulexp, stance: 'supports', score: 0.6 }] },
      { paper: p.chatgpt, fragment: imperative, facet: 'fine-tuning', verdict: 'supported', confidence: 0.65,
        evidence: [{ paper: p.finetune, fragment: wizard, stance: 'supports', score: 0.65 }] },
    ],
    claimsDropped: 2,
  });
}

// The flagship question with the corpus's genuinely relevant papers: fine-tuning strategies (multi-task,
// two-stage), robustness and generalisation, vulnerability detection, Solidity smart contracts. Codestral is
// still studied by none of them, so the review must stay short of a good score and say why.
export function flagshipOnTopic(): Draft {
  const vulllm = cs('tp0127');
  const iaudit = cs('tp0098');
  const solidity = cs('tp0106');
  const finetune = cs('tp0123');
  const chatgpt = cs('tp0207');
  const prime = cs('tp0197');
  const multitask = 'VulLLM surpasses seven state-of-the-art models in terms of effectiveness, generalization, and robustness';
  const wizard = 'The finetuned WizardCoder model achieves improvement';
  const imperative = 'the process of fine-tuning remains imperative';
  const smartvd = 'After fine-tuning, the closed-source models';
  const iauditF1 = 'iAudit achieves an F1 score of 91.21%';
  return buildDraft({
    question: flagship,
    included: [vulllm, iaudit, solidity, finetune, chatgpt, prime],
    excluded: [{ paper: cs('tp0000'), reason: 'no-abstract' }, { paper: cs('tp0384'), reason: 'outside-years' }],
    claims: [
      { paper: finetune, fragment: wizard, facet: 'fine-tuning', verdict: 'supported', confidence: 0.7,
        evidence: [{ paper: chatgpt, fragment: imperative, stance: 'supports', score: 0.65 }] },
      { paper: chatgpt, fragment: imperative, facet: 'fine-tuning', verdict: 'supported', confidence: 0.65,
        evidence: [{ paper: finetune, fragment: wizard, stance: 'supports', score: 0.6 }] },
      { paper: vulllm, fragment: multitask, facet: 'robustness', verdict: 'supported', confidence: 0.6,
        evidence: [{ paper: finetune, fragment: wizard, stance: 'supports', score: 0.5 }] },
      { paper: prime, fragment: 'existing benchmarks significantly overestimate', facet: 'vulnerability-detection', verdict: 'supported', confidence: 0.65,
        evidence: [{ paper: chatgpt, fragment: 'we found that ChatGPT achieves limited performance', stance: 'supports', score: 0.6 }] },
      { paper: solidity, fragment: smartvd, facet: 'low-resource-languages', verdict: 'supported', confidence: 0.6,
        evidence: [{ paper: iaudit, fragment: iauditF1, stance: 'supports', score: 0.55 }] },
      { paper: iaudit, fragment: iauditF1, facet: 'low-resource-languages', verdict: 'insufficient', confidence: 0.4 },
    ],
  });
}
