// The support gate on real sentences: every claim and evidence sentence below is verbatim from an abstract in
// corpora/code-security.csl.json (see corpora/PROVENANCE.md), and the topic statistics are those of the
// corpus's vulnerability papers, the way verify() builds them from a review's included papers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIELD_SHARE, names, specificTerms, supportCheck, TOPIC_SHARE, topicStats } from '../../src/stance-model/specificity.ts';
import { isCommonEnglish } from '../../src/text/common-english.ts';
import { evidenceStance } from '../../src/stance-model/evidence-stance.ts';
import { findingMatches } from '../../src/stance-model/finding-frames.ts';


type CslItem = { id: string; title: string; abstract?: string };
const root = fileURLToPath(new URL('../../', import.meta.url));
const items = (JSON.parse(readFileSync(`${root}corpora/code-security.csl.json`, 'utf8')) as CslItem[]).filter(
  (it) => it.abstract && /vulnerab/i.test(`${it.title} ${it.abstract}`),
);
const docs = items.map((it) => ({ id: `code-security:${it.id}`, title: it.title, abstract: it.abstract ?? null }));
const stats = topicStats(docs);

/** The paper whose abstract holds `sentence` (fails loudly if the corpus changed). */
function paperOf(sentence: string): string {
  const doc = docs.find((d) => d.abstract?.includes(sentence));
  if (!doc) throw new Error(`not in the corpus: ${sentence}`);
  return doc.id;
}
const check = (claim: string, evidence: string) => supportCheck(claim, evidence, stats, paperOf(claim), paperOf(evidence));

describe('topic statistics', () => {
  it('counts a term once per paper and finds the vocabulary every paper shares', () => {
    const share = (t: string) => stats.share.get(t) ?? 0;
    expect(share('vulner')).toBe(1);
    expect(share('detect')).toBeGreaterThan(0.5);
    expect(share('iaudit')).toBeLessThan(0.15);
  });

  // The code-security records without "vulnerab" stand for the long tail a wide screening includes: the topic read
  // from the vulnerability papers at the head of the ranking stays the topic however many of them follow.
  it('reads the topic from the head of the ranking, whatever follows it', () => {
    const tail = (JSON.parse(readFileSync(`${root}corpora/code-security.csl.json`, 'utf8')) as CslItem[])
      .filter((it) => it.abstract && !/vulnerab/i.test(`${it.title} ${it.abstract}`))
      .map((it) => ({ id: `code-security:${it.id}`, title: it.title, abstract: it.abstract ?? null }));
    expect(tail.length).toBeGreaterThan(docs.length);
    const wide = topicStats(docs, [...docs, ...tail]);
    for (const t of ['vulner', 'detect', 'llm']) expect(wide.share.get(t)).toBe(stats.share.get(t));
    expect(wide.share.get('vulner')! >= 0.25).toBe(true);
  });

  it('records the systems a paper introduces, not the shared models it evaluates', () => {
    const vulnhunt = paperOf('We train VulntHunt-GPT on a dataset of smart contract functions and vulnerabilities to improve its accuracy.');
    expect(stats.own.get(vulnhunt)?.has('vulnthunt-gpt')).toBe(true);
    for (const own of stats.own.values()) expect(own.has('gpt-4')).toBe(false);
  });

  it('reads names with inner capitals, digits or three capitals, and counts a hyphenated word once', () => {
    expect(names('iAudit beats GPT-4 and FELLMVP on the SAST benchmark, says The Paper')).toEqual(['iaudit', 'gpt-4', 'fellmvp', 'sast']);
    expect(specificTerms('fine-tuning and finetuning')).toEqual(['finetun']);
  });
});

describe('what cannot support a claim', () => {
  const iaudit = 'On a dataset of 263 real smart contract vulnerabilities, iAudit achieves an F1 score of 91.21% and an accuracy of 91.11%.';

  it("another system's method description", () => {
    expect(check(iaudit, 'We train VulntHunt-GPT on a dataset of smart contract functions and vulnerabilities to improve its accuracy.').blocked).not.toBeNull();
  });

  it("another system's numeric result", () => {
    const fellmvp =
      'FELLMVP was evaluated on 15,637 real-world smart contracts spanning eight types of vulnerabilities, demonstrating superior performance over existing methods with an accuracy of 98.8% and F1 scores of 88%.';
    expect(check(iaudit, fellmvp).blocked).toBe('claim-own-system');
    expect(check('Meanwhile, static code analyser results showed a generally low detection rate of API vulnerabilities.', fellmvp).blocked).toBe(
      'evidence-other-system',
    );
  });

  it('a sentence that shares only the topic', () => {
    expect(
      check(
        'Our results show that while our prompting methods improved the models’ performance, LLMs generally struggled with vulnerability detection.',
        'Recent advancements in Large Pre-Trained Language Models (LLMs) have showcased remarkable few-shot learning capabilities in various tasks.',
      ).blocked,
    ).not.toBeNull();
  });

  it('a method sentence, even one that mentions "demonstrations"', () => {
    expect(
      check(
        'Therefore, our study highlights the effectiveness of integrating graph structural information and in-context learning in LLMs for vulnerability detection.',
        'We also design an effective demonstration retrieval approach that identifies highly relevant code examples by considering semantic, lexical, and syntactic similarities for the target code to provide better demonstrations for in-context learning.',
      ).blocked,
    ).toBe('evidence-not-a-finding');
  });

  it('a list of contributions: "improving performance on difficult vulnerability detection datasets" is what the work set out to do', () => {
    expect(
      check(
        'Through our experiments encompassing 16 LLMs and 6 state-of-the-art (SOTA) deep learning-based models and static analyzers, we find that several LLMs outperform traditional deep learning approaches in vulnerability detection, revealing an untapped potential in LLMs.',
        'The key contributions are finetuning the state-ofthe-art code LLM, WizardCoder, increasing its training speed without the performance harm, optimizing the training procedure and regimes, handling class imbalance, and improving performance on difficult vulnerability detection datasets.',
      ).blocked,
    ).toBe('evidence-not-a-finding');
  });

  it("a single system's score for a comparison between systems", () => {
    expect(
      check(
        'The results demonstrate that GPT-4o and Claude-3.5 Sonnet significantly outperform GPT-3.5 Turbo in vulnerability detection.',
        'After fine-tuning, the closed-source models, GPT-3.5 Turbo and GPT-4o Mini, achieved remarkable performance with 99% accuracy in detecting vulnerabilities, 94% in identifying their types, and 98% in determining severity.',
      ).blocked,
    ).toBe('evidence-not-a-finding');
  });

  // A field's progress "over recent years" is background: this pair read as a contradiction (heldout3, its label
  // neutral) until the sentence was read as one.
  it('what a field has achieved "over recent years"', () => {
    const result = check(
      'Our results show that deep learning is still not ready for vulnerability detection, due to high false positive rate, low F1 score, and difficulty of detecting hard CWEs.',
      'Code Pre-trained Models (CodePTMs) based vulnerability detection have achieved promising results over recent years.',
    );
    expect([result.blocked, result.opposingFinding]).toEqual(['evidence-not-a-finding', ['code-model/detection']]);
  });

  // "More than 50%" is an amount: read as a comparison, the claim below needed comparing evidence, which a
  // finding about one kind of model is not.
  it('an amount ("more than 50%") does not make a claim a comparison', () => {
    expect(
      check(
        'To our surprise, we find that their performance drops by more than 50%.',
        'Our results show that deep learning is still not ready for vulnerability detection, due to high false positive rate, low F1 score, and difficulty of detecting hard CWEs.',
      ).blocked,
    ).toBe('topic-only');
  });

  it('an opposite word against a claim that contrasts two subjects does not contradict it', () => {
    const sast =
      'The experimental results showed that SAST tools obtain low vulnerability detection rates with relatively low false positives, while LLMs can detect up 90% to 100% of vulnerabilities but suffer from high false positives.';
    const result = check(sast, 'Our results show that deep learning is still not ready for vulnerability detection, due to high false positive rate, low F1 score, and difficulty of detecting hard CWEs.');
    expect(result.claimContrasts).toBe(true);
    expect(evidenceStance({ supports: 0.1, contradicts: 0.74, neutral: 0.16 }, result).stance).toBe('neutral');
  });

  it('turns a confident "supports" reading into neutral, keeping the model\'s own number', () => {
    const p = { supports: 0.7, contradicts: 0.1, neutral: 0.2 };
    expect(evidenceStance(p, { sharedSpecific: [], claimContrasts: false, blocked: 'topic-only' })).toEqual({ stance: 'neutral', score: 0.9 });
    // Shared rare terms let a sentence through the gate; without a finding frame it still takes no side.
    expect(evidenceStance(p, { sharedSpecific: ['low', 'rate'], claimContrasts: false, blocked: null })).toEqual({ stance: 'neutral', score: 0.9 });
    expect(evidenceStance({ supports: 0.45, contradicts: 0.1, neutral: 0.45 }, { sharedSpecific: ['a', 'b'], claimContrasts: false, blocked: null }).stance).toBe('neutral');
  });
});

describe('what may support a claim', () => {
  it('the same finding about the same kind of tool in another paper', () => {
    const result = check(
      'Meanwhile, static code analyser results showed a generally low detection rate of API vulnerabilities.',
      'The experimental results showed that SAST tools obtain low vulnerability detection rates with relatively low false positives, while LLMs can detect up 90% to 100% of vulnerabilities but suffer from high false positives.',
    );
    expect(result.blocked).toBeNull();
    // "low" and "rate" are everyday English: the pair passes because both state low detection by static analysers.
    expect(result.sharedSpecific).toEqual([]);
    expect(result.sameFinding).toEqual(['static-analysis/detection']);
  });
});

describe('words that are not a review\'s specific content', () => {
  it('everyday English ("high", "low", "rate") is shared by chance, not content', () => {
    expect(isCommonEnglish('high')).toBe(true);
    expect(isCommonEnglish('rate')).toBe(true);
    expect(isCommonEnglish('vulner')).toBe(false);
    const result = check(
      'Our results show that deep learning is still not ready for vulnerability detection, due to high false positive rate, low F1 score, and difficulty of detecting hard CWEs.',
      'Meanwhile, static code analyser results showed a generally low detection rate of API vulnerabilities.',
    );
    expect(result.sharedSpecific).not.toContain('low');
    expect(result.sharedSpecific).not.toContain('rate');
  });

  // The code-security corpus's records outside the vulnerability papers stand for the rest of a wide screening:
  // a word one in ten of all of them use is the field's vocabulary, however rare among the topic's head.
  it('a word common across all the screened records is the field\'s, not the claim\'s', () => {
    const all = (JSON.parse(readFileSync(`${root}corpora/code-security.csl.json`, 'utf8')) as CslItem[])
      .filter((it) => it.abstract)
      .map((it) => ({ id: `code-security:${it.id}`, title: it.title, abstract: it.abstract ?? null }));
    const wide = topicStats(docs, all);
    const common = [...wide.fieldShare].filter(([t, s]) => s >= FIELD_SHARE && (wide.share.get(t) ?? 0) < TOPIC_SHARE && !isCommonEnglish(t));
    expect(common.length).toBeGreaterThan(0);
    const [term] = common[0]!;
    const claim = docs.flatMap((d) => (d.abstract ?? '').split(/(?<=[.!?])\s+/)).find((s) => specificTerms(s).includes(term))!;
    expect(supportCheck(claim, claim, wide, 'a', 'b').sharedSpecific).not.toContain(term);
  });
});

describe('a finding matched on its aspect alone', () => {
  // Two abstracts read against the whole corpus (tp0106 is a vulnerability paper, tp0338 = arXiv:2108.07732 is
  // not): neither sentence names what was fine-tuned in a way the frames know, and they share no specific term.
  // Engine 0.2.0 let the aspect alone ("fine-tuned … excel", "fine-tuning … improves") make the second support the
  // first.
  const all = (JSON.parse(readFileSync(`${root}corpora/code-security.csl.json`, 'utf8')) as CslItem[]).map((it) => ({
    id: `code-security:${it.id}`,
    title: it.title,
    abstract: it.abstract ?? null,
  }));
  const wide = topicStats(all);
  const smartvd =
    "Notably, SmartVD performs best with the `chain-of-thought' prompting technique, whereas the fine-tuned closed-source models excel with the `zero-shot' prompting approach.";
  const mbpp = 'Fine-tuning on a held-out portion of the dataset improves performance by about 10 percentage points across most model sizes.';

  it('needs a shared specific term too', () => {
    expect(findingMatches(smartvd, mbpp)).toEqual([{ frame: 'any/fine-tuning', named: 'none' }]);
    const result = supportCheck(smartvd, mbpp, wide, 'code-security:tp0106', 'code-security:tp0338');
    expect(result.sharedSpecific).toEqual([]);
    expect(result.sameFinding).toEqual([]);
  });

  it('except an attack, whose success is a finding about the models attacked', () => {
    const mhm =
      'Our in-depth evaluation on a functionality classification benchmark demonstrates the effectiveness of MHM in generating adversarial examples of source code.';
    const keyTokens = 'We also show that the key tokens could be used in generating adversarial examples for up to 65% of the input programs.';
    expect(findingMatches(keyTokens, mhm)).toEqual([{ frame: 'any/adversarial', named: 'none' }]);
  });
});
