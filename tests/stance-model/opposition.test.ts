// When a review page may say "contradicts": only where the two sentences hold an opposition a reader can find.
// The sentences are verbatim from abstracts in corpora/code-security.csl.json (see corpora/PROVENANCE.md).
import { describe, expect, it } from 'vitest';
import { stanceProbabilities } from '../../src/stance-model/classify.ts';
import { evidenceStance, MIN_PROBABILITY } from '../../src/stance-model/evidence-stance.ts';
import { oppositionCues } from '../../src/stance-model/opposition.ts';
import type { SupportCheck } from '../../src/stance-model/specificity.ts';
import { stanceCues } from '../../src/text/stance.ts';

const open: SupportCheck = { sharedSpecific: ['starcoder', 'humaneval'], claimContrasts: false, blocked: null };
const stance = (claim: string, evidence: string) =>
  evidenceStance(stanceProbabilities(claim, evidence), open, () => oppositionCues(stanceCues(claim, evidence))).stance;

describe('a contradiction on the page', () => {
  // OctoPack (arXiv:2308.07124) and StarCoder (arXiv:2305.06161): two pass@1 figures of two set-ups. Engine 0.2.0
  // showed this pair as the flagship review's one contradiction, on the strength of the "not" in "models not trained
  // on OpenAI outputs".
  const octopack =
    'We benchmark CommitPack against other natural and synthetic code instructions (xP3x, Self-Instruct, OASST) on the 16B parameter StarCoder model, and achieve state-of-the-art performance among models not trained on OpenAI outputs, on the HumanEval Python benchmark (46.2% pass@1).';
  const starcoder =
    'Furthermore, StarCoder outperforms every model that is fine-tuned on Python, can be prompted to achieve 40% pass@1 on HumanEval, and still retains its performance on other programming languages.';

  it('is not shown for two results that nothing in their words opposes, however the stance model reads them', () => {
    expect(stanceProbabilities(octopack, starcoder).contradicts).toBeGreaterThanOrEqual(MIN_PROBABILITY);
    expect(oppositionCues(stanceCues(octopack, starcoder))).toEqual([]);
    expect(stance(octopack, starcoder)).toBe('neutral');
  });

  it('names the opposition it stands on', () => {
    expect(
      oppositionCues(
        stanceCues(
          'These findings indicate that while static code analysers are valuable in certain contexts, their effectiveness remains lower than LLMs when appropriately prompted.',
          'Our results show a significant performance gap between these LLMs and those from popular static analysis tools, primarily due to their high false positive rates.',
        ),
      ),
    ).toEqual(['opposite direction of change']);
  });

  it('is shown where the model reads a contradiction and an opposition is there', () => {
    const p = { supports: 0.1, contradicts: 0.7, neutral: 0.2 };
    expect(evidenceStance(p, open, () => ['opposite words'])).toEqual({ stance: 'contradicts', score: 0.7 });
    expect(evidenceStance(p, open, () => []).stance).toBe('neutral');
  });
});
