// Paraphrased findings on real sentences: every sentence below is verbatim from an abstract in the repository's
// corpora (corpora/*.csl.json, corpora/llm4swsec.bib; see corpora/PROVENANCE.md), as the demo reviews pair them.
import { describe, expect, it } from 'vitest';
import { findingFrames, opposingFindings, sameFinding } from '../../src/stance-model/finding-frames.ts';
import { evidenceStance } from '../../src/stance-model/evidence-stance.ts';

import type { SupportCheck } from '../../src/stance-model/specificity.ts';

const chatgptPrecision = 'Our findings discover that while ChatGPT achieves a high recall rate, its precision in pinpointing smart contract vulnerabilities is limited.';
const llmFalsePositives =
  'The experimental results showed that SAST tools obtain low vulnerability detection rates with relatively low false positives, while LLMs can detect up 90% to 100% of vulnerabilities but suffer from high false positives.';
const code2vecFooled =
  'However, experimentation with code2vec shows that it learns to rely on variable names for prediction, causing it to be easily fooled by typos or adversarial attacks.';
const damp = "We show that DAMP has up to 89% success rate in changing a prediction to the adversary's choice (\"targeted attack\"), and a success rate of up to 94% in changing a given prediction to any incorrect prediction (\"non-targeted attack\").";

describe('not the same finding, though the words are', () => {
  it('an increase in precision is the opposite of limited precision', () => {
    expect(
      sameFinding(
        'Preliminary evaluation of this approach indicates a 13.48% increase in the precision rate, an 18.25% increase in the recall rate, and a 16.13% increase in the F1 score.',
        chatgptPrecision,
      ),
    ).toEqual([]);
  });

  it('evidence naming no subject cannot restate a claim that sets two subjects apart on the aspect', () => {
    expect(
      sameFinding(
        llmFalsePositives,
        'For the task of smart contract vulnerability detection, achieving practical usability hinges on identifying as many true vulnerabilities as possible while minimizing the number of false positives.',
      ),
    ).toEqual([]);
  });

  it('an "effective" adversarial learning method is not an attack that succeeds', () => {
    expect(
      sameFinding(
        'We demonstrate that the proposed adversarial learning approach is an effective technique for repairing software vulnerabilities, performing close to seq2seq approaches that require labeled pairs.',
        'In this paper, we show that these models are vulnerable to adversarial examples, and introduce a novel approach for attacking trained models of code with adversarial examples.',
      ),
    ).toEqual([]);
  });

  it('CodeBERT "robustly" telling correct from incorrect code is robustness, not an attack\'s success', () => {
    expect(
      sameFinding(damp, 'Finally, our experiments with semantic perturbations in code reveal that CodeBERT is able to robustly distinguish between semantically correct and incorrect code.'),
    ).toEqual([]);
  });
});

// arXiv:2401.16310 (LLMs "the future", in corpora/code-security.csl.json), the LLM4SVD study of pre-trained LMs against
// LLMs, and a prompting study whose LLMs struggled: labelled "contradicts" in tests/fixtures/stance-model/in-domain-pairs.csv.
const future =
  'We demonstrate that large language models (LLMs) are the future for vulnerability detection, outperforming Graph Neural Networks (GNNs) with manual feature engineering.';
const lmsSuperior = 'We find that the existing state-of-the-art approaches and pre-trained Language Models (LMs) are generally superior to LLMs in software vulnerability detection.';
const struggled = 'Our results show that while our prompting methods improved the models’ performance, LLMs generally struggled with vulnerability detection.';
const wizardCoder =
  'The finetuned WizardCoder model achieves improvement in ROC AUC and F1 measures on balanced and imbalanced vulnerability datasets over CodeBERT-like model, demonstrating the effectiveness of adapting pretrained LLMs for vulnerability detection in source code.';
const deepLearningNotReady =
  'Our results show that deep learning is still not ready for vulnerability detection, due to high false positive rate, low F1 score, and difficulty of detecting hard CWEs.';

describe('the same finding in other words', () => {
  it('a comparison read by its sides: ChatGPT "trailing behind other language models" and LLMs beaten by pre-trained LMs', () => {
    const trailing =
      'Through an empirical assessment employing extensive real-world datasets featuring over 190,000 C/C++ functions, we found that ChatGPT achieves limited performance, trailing behind other language models in vulnerability contexts by a significant margin.';
    expect(sameFinding(lmsSuperior, trailing)).toEqual(['llm/detection']);
    expect(sameFinding(trailing, lmsSuperior)).toEqual(['llm/detection']);
  });

  it('"achieves improvement … over CodeBERT-like model" and "superior performance compared to pre-trained LMs" say which side wins', () => {
    const superiorCompared =
      'However, in software vulnerability assessment and location, certain LLMs (e.g., CodeLlama and WizardCoder) have demonstrated superior performance compared to pre-trained LMs, and providing more contextual information can enhance the vulnerability assessment capabilities of LLMs.';
    expect(sameFinding(wizardCoder, superiorCompared)).toContain('llm/detection');
  });

  it('LLMs are deep learning models: both found weak at detecting vulnerabilities is one finding', () => {
    const modest =
      'Overall, LLMs across all scales and families show modest effectiveness in detecting vulnerabilities, obtaining an average accuracy of 62.8% and F1 score of 0.71 across datasets.';
    expect(sameFinding(modest, deepLearningNotReady)).toEqual(['llm/detection']);
    expect(sameFinding(deepLearningNotReady, modest)).toEqual(['code-model/detection']);
    expect(sameFinding(deepLearningNotReady, struggled)).toEqual(['code-model/detection']);
  });

  it('but not where a factor explains the direction: more training data helping deep learning is no finding on how LLMs do', () => {
    expect(
      sameFinding(
        'We show that increasing the diversity and volume of training data improves the performance of deep learning models for vulnerability detection.',
        'Our experimental results showed that GPT-3.5 achieves competitive performance with the prior state-of-the-art vulnerability detection approach and GPT-4 consistently outperformed the state-of-the-art.',
      ),
    ).toEqual([]);
  });

  it('but only on detection: both suffering false positives is each its own detectors\' finding', () => {
    expect(sameFinding(llmFalsePositives, deepLearningNotReady)).toEqual([]);
  });

  it('"limited precision" of ChatGPT and "high false positives" of LLMs: ChatGPT is an LLM, and the false-positive clause inherits its subject', () => {
    expect(sameFinding(chatgptPrecision, llmFalsePositives)).toEqual(['llm/false-positives']);
  });

  it('an attack that succeeds and models "easily fooled" state that models of code are not robust', () => {
    expect(sameFinding(damp, code2vecFooled)).toEqual(['any/adversarial']);
  });

  // heldout3's pairs (design data since heldout4): the study's own words before "find that" ("robustness") had left
  // the fooling without a direction, and "semantically preserving" changes were no adversarial aspect.
  const randomAttackFools =
    'Furthermore, we perform the first study for natural language-programming language pre-trained model robustness via adversarial attacks and find that a simple random attack approach can easily fool the state-of-the-art pre-trained models and thus incur security issues.';
  it('an attack that "can easily fool" models, read after "find that", is an attack that works', () => {
    expect(findingFrames(randomAttackFools).get('code-model/adversarial')).toBe(-1);
    expect(sameFinding(damp, randomAttackFools)).toEqual(['any/adversarial']);
  });

  it('"semantically preserving changes" that models fail on are an adversarial finding', () => {
    expect(
      sameFinding(
        'Our results show that even with small semantically preserving changes to the programs, these neural program models often fail to generalize their performance.',
        damp,
      ),
    ).toEqual(['any/adversarial']);
  });

  it('step-by-step prompting and chain-of-thought both improve LLM detection', () => {
    expect(
      sameFinding(
        'Our experiment results demonstrate that, combined with code-specific information and CoT, GPT can detect vulnerabilities more effectively.',
        'We find that advanced prompting strategies that involve step-by-step analysis significantly improve performance of LLMs on real-world datasets in terms of F1 score (by upto 0.18 on average).',
      ),
    ).toEqual(['any/prompting']);
  });
});

describe('what a sentence says of a subject', () => {
  it('"only marginally better than random guessing" is a weak result, not a win', () => {
    const marginal =
      'In contrast, Large Language Models (LLMs) such as GPT-4, are not trained on labelled data, but when prompted to detect vulnerabilities, LLM prediction accuracy is only marginally better than random guessing.';
    expect(findingFrames(marginal).get('llm/detection')).toBe(-1);
  });

  it('a benchmark that "effectively evaluates" LLMs, "for future research and improvements", says nothing of how they do', () => {
    const benchmark =
      'Our benchmark effectively evaluates the capabilities of various LLMs at different levels in the specific task of vulnerability detection, providing a foundation for future research and improvements in this critical area of code security.';
    expect(findingFrames(benchmark).get('llm/detection') ?? 0).toBe(0);
  });
});

describe('not the same finding', () => {
  it('the opposite direction on the same aspect', () => {
    // The SAST tools' LOW false positives against ChatGPT's limited precision: the static-analysis clause is not
    // about an LLM, and "reduces false alarms" is the opposite direction.
    expect(sameFinding(chatgptPrecision, 'Further, IRIS also significantly reduces the number of false alarms (by more than 80% in the best case).')).toEqual([]);
  });

  it('neural networks in general are background for a finding about models of code', () => {
    expect(
      sameFinding(
        'We demonstrate that neural code autocompleters are vulnerable to poisoning attacks.',
        'Deep neural networks are vulnerable to adversarial examples - small input perturbations that result in incorrect predictions.',
      ),
    ).toEqual([]);
  });

  it('a comparative claim that does not say which side does better ("vulnerable versus non-vulnerable code")', () => {
    const versus =
      'Leveraging this perspective, we demonstrate that LLMs trained for code generation exhibit a significant gap in prediction accuracy when prompted to reconstruct vulnerable versus non-vulnerable code.';
    expect(sameFinding(versus, struggled)).toEqual([]);
  });
});

describe('how a paraphrase takes the "supports" side', () => {
  const check: SupportCheck = { sharedSpecific: [], claimContrasts: false, sameFinding: ['llm/false-positives'], blocked: null };
  it('scored by the probability the model does not read it as contradicting', () => {
    expect(evidenceStance({ supports: 0.3, contradicts: 0.25, neutral: 0.45 }, check)).toEqual({ stance: 'supports', score: 0.75 });
  });
  it('never past a block', () => {
    expect(evidenceStance({ supports: 0.38, contradicts: 0.07, neutral: 0.55 }, { ...check, blocked: 'evidence-not-a-finding' }).stance).toBe('neutral');
  });
});

describe('fine-tuning as something done to a model', () => {
  // arXiv:2312.12450 (code editing) and arXiv:2105.14038 (program graphs), both in corpora/code-security.csl.json.
  // Engine 0.2.0 read "fine-tuned edges" as fine-tuning and supported the first with the second.
  it('is not a graph\'s "fine-tuned edges"', () => {
    expect(
      sameFinding(
        'Using this training dataset, we show that we can fine-tune open Code LLMs to significantly improve their code editing capabilities, closing the gap between open and closed models.',
        'We demonstrate that training relation-aware models with fine-tuned edges consistently leads to improved performance on both tasks.',
      ),
    ).toEqual([]);
  });

  it('is the verb, its noun, and "fine-tuned" before a preposition or a model', () => {
    // The hand-written aspect only: a sentence set against itself also matches its own general frame (general-frames.ts).
    const finding = (s: string) => sameFinding(s, s).filter((f) => !f.startsWith('general:'));
    expect(finding('Fine-tuning on a held-out portion of the dataset improves performance by about 10 percentage points across most model sizes.')).toEqual(['any/fine-tuning']);
    expect(finding('The finetuned WizardCoder model achieves improvement in ROC AUC and F1 measures on balanced and imbalanced vulnerability datasets.')).toContain('llm/fine-tuning');
    expect(finding('Models fine-tuned on our dataset improve markedly.')).toEqual(['any/fine-tuning']);
  });
});

describe('the opposite finding about the same subject (contradictions)', () => {

  it('reads a comparison by its sides: LLMs do better than GNNs in one, worse than pre-trained LMs in the other', () => {
    expect(opposingFindings(future, lmsSuperior)).toEqual(['llm/detection']);
    expect(opposingFindings(lmsSuperior, future)).toEqual(['llm/detection']);
  });

  it('keeps a finding set against its own factor ("while prompting improved …, LLMs struggled")', () => {
    expect(opposingFindings(future, struggled)).toEqual(['llm/detection']);
  });

  it('agrees where both sides say LLMs do worse, one of them by a comparison', () => {
    expect(sameFinding(struggled, lmsSuperior)).toEqual(['llm/detection']);
  });

  it('a factor explains a direction only in the clause that gives it: "…, demonstrating the effectiveness of adapting pretrained LLMs"', () => {
    expect(opposingFindings(wizardCoder, lmsSuperior)).toEqual(['llm/detection']);
    expect(opposingFindings(lmsSuperior, wizardCoder)).toEqual(['llm/detection']);
  });

  it('a factor that helps a subject says nothing of how well the subject does', () => {
    expect(
      opposingFindings(
        'We show that increasing the diversity and volume of training data improves the performance of deep learning models for vulnerability detection.',
        'Through our experiments encompassing 16 LLMs and 6 state-of-the-art (SOTA) deep learning-based models and static analyzers, we find that several LLMs outperform traditional deep learning approaches in vulnerability detection, revealing an untapped potential in LLMs.',
      ),
    ).toEqual([]);
  });

  it('an aim ("further research to improve …") and "bridges this gap" are no findings', () => {
    expect(opposingFindings('Our study highlights the need for further research to improve the vulnerability detection capabilities of LLMs.', lmsSuperior)).toEqual([]);
    expect(
      opposingFindings(
        'This work proposes a novel system that bridges this gap by combining the strengths of graph-based deep learning and LLMs for automated vulnerability detection and patching.',
        'Our benchmark effectively evaluates the capabilities of various LLMs at different levels in the specific task of vulnerability detection, providing a foundation for future research and improvements in this critical area of code security.',
      ),
    ).toEqual([]);
  });

  it('a comparison between two of one kind ("GPT-4 outperforms GPT-3.5") gives that kind no direction', () => {
    expect(opposingFindings('GPT-4 outperforms GPT-3.5 in vulnerability detection.', struggled)).toEqual([]);
  });

  it('reads how well a subject performs, in a sentence about vulnerabilities, as how well it detects them', () => {
    const limited =
      'Through an empirical assessment employing extensive real-world datasets featuring over 190,000 C/C++ functions, we found that ChatGPT achieves limited performance, trailing behind other language models in vulnerability contexts by a significant margin.';
    expect(sameFinding(struggled, limited)).toEqual(['llm/detection']);
    // A figure without a direction ("obtaining an average accuracy of 62.8%") leaves the clause before it as it was.
    expect(
      sameFinding(
        'Overall, LLMs across all scales and families show modest effectiveness in detecting vulnerabilities, obtaining an average accuracy of 62.8% and F1 score of 0.71 across datasets.',
        struggled,
      ),
    ).toEqual(['llm/detection']);
  });

  it('models "harder to fool" or an attack that cannot fool them are no attack that works', () => {
    expect(findingFrames('We find that adversarial training makes models of code harder to fool.').get('code-model/adversarial')).toBe(1);
    expect(findingFrames('We show that the attack cannot fool models of code.').get('code-model/adversarial')).not.toBe(-1);
  });

  it('"Common Weakness Enumeration" is no weakness, and "no effective method" no success', () => {
    const cloudSec =
      'LLM-CloudSec uses Retrieval Augmented Generation (RAG) and the Common Weakness Enumeration (CWE) as an external knowledge base to improve its ability to detect and analyze vulnerabilities.';
    expect(opposingFindings(cloudSec, future)).toEqual([]);
    expect(opposingFindings('However, there is currently no effective method for utilizing large language models in vulnerability detection.', struggled)).toEqual([]);
  });
});
