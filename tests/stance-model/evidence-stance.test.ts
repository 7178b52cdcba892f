// The side an evidence sentence is shown on, offline: only a restated finding (a finding frame) takes one. The
// sentences are verbatim from abstracts in corpora/code-security.csl.json (see corpora/PROVENANCE.md).
import { describe, expect, it } from 'vitest';
import { stanceProbabilities } from '../../src/stance-model/classify.ts';
import { evidenceStance, MIN_PROBABILITY } from '../../src/stance-model/evidence-stance.ts';
import type { SupportCheck } from '../../src/stance-model/specificity.ts';

const passed: SupportCheck = { sharedSpecific: ['starcoder', 'humaneval', 'pass1'], claimContrasts: false, sameFinding: [], blocked: null };

describe('the stance an evidence sentence is shown with', () => {
  // OctoPack (arXiv:2308.07124) and StarCoder (arXiv:2305.06161): two pass@1 figures of two set-ups. Engine 0.2.0
  // showed this pair as the flagship review's one contradiction, read from the "not" of "models not trained on
  // OpenAI outputs".
  const octopack =
    'We benchmark CommitPack against other natural and synthetic code instructions (xP3x, Self-Instruct, OASST) on the 16B parameter StarCoder model, and achieve state-of-the-art performance among models not trained on OpenAI outputs, on the HumanEval Python benchmark (46.2% pass@1).';
  const starcoder =
    'Furthermore, StarCoder outperforms every model that is fine-tuned on Python, can be prompted to achieve 40% pass@1 on HumanEval, and still retains its performance on other programming languages.';

  it("is never the stance model's own contradiction, keeping its number for the other side", () => {
    const p = stanceProbabilities(octopack, starcoder);
    expect(p.contradicts).toBeGreaterThanOrEqual(MIN_PROBABILITY);
    expect(evidenceStance(p, passed)).toEqual({ stance: 'neutral', score: 1 - p.supports });
  });

  it("is never the stance model's own support, however many rare terms the sentences share", () => {
    expect(evidenceStance({ supports: 0.8, contradicts: 0.05, neutral: 0.15 }, passed)).toEqual({ stance: 'neutral', score: 0.95 });
  });

  // The model's "contradicts" was wrong on every labelled in-domain pair it gave it to: it is no veto on a restated
  // finding ("SAST tools obtain … low false positives, while LLMs … suffer from high false positives" / "a significant
  // performance gap between these LLMs and … static analysis tools, primarily due to their high false positive
  // rates": 0.53 "contradicts", labelled supports). Its probability still scores the evidence.
  it('supports where the sentence restates the finding, scored by the probability the model does not read it as contradicting', () => {
    const framed = { ...passed, sameFinding: ['llm/false-positives'] };
    expect(evidenceStance({ supports: 0.3, contradicts: 0.25, neutral: 0.45 }, framed)).toEqual({ stance: 'supports', score: 0.75 });
    expect(evidenceStance({ supports: 0.2, contradicts: 0.6, neutral: 0.2 }, framed)).toEqual({ stance: 'supports', score: 0.4 });
  });

  it('contradicts where the sentence states the opposite finding, whatever support the model reads into shared words', () => {
    const opposed = { ...passed, opposingFinding: ['llm/detection'] };
    // The model's reading of a labelled contradiction (in-domain-pairs.csv): "supports" 0.56, from the topic words.
    expect(evidenceStance({ supports: 0.56, contradicts: 0.18, neutral: 0.26 }, opposed)).toEqual({ stance: 'contradicts', score: 1 - 0.56 });
    expect(evidenceStance({ supports: 0.2, contradicts: 0.3, neutral: 0.5 }, { ...opposed, blocked: 'evidence-not-a-finding' }).stance).toBe('neutral');
  });

  it('takes no side where the sentence restates the finding on one frame and opposes it on another', () => {
    const mixed = { ...passed, sameFinding: ['llm/detection'], opposingFinding: ['code-model/detection'] };
    expect(evidenceStance({ supports: 0.3, contradicts: 0.2, neutral: 0.5 }, mixed).stance).toBe('neutral');
  });
});
