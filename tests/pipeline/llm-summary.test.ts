// The model-written summary's sentences, each labelled from the claims it cites (src/pipeline/llm-summary.ts), on the
// review-cases fixture with one cached answer written here: what a model said is invented, what it cites is real.
import { describe, expect, it } from 'vitest';
import { modelSummary, summaryRequest } from '../../src/pipeline/llm-summary.ts';
import { LlmLedger, requestKey } from '../../src/pipeline/llm-request.ts';
import type { LlmEntry } from '../../src/records/index.ts';
import { llmVuln, onTopicVulnerabilityReview } from './review-cases.ts';

const MODEL = 'test-model';

describe('a model-written summary sentence', () => {
  it('citing a claim another included paper contradicts reads as contested, even where the claim is supported', () => {
    const draft = onTopicVulnerabilityReview();
    const [x] = draft.contradictions;
    const contested = draft.claims.find((c) => c.id === x!.claim)!;
    // The claim weighed as supported (engine 0.6 weighs some demo claims so) while Steenhoek et al. still contradict it.
    const claims = draft.claims.map((c) => (c.id === contested.id ? { ...c, verification: { ...c.verification, verdict: 'supported' as const } } : c));
    const facet = llmVuln.facets.find((f) => f.id === contested.facet)!;
    const request = summaryRequest(llmVuln, facet, claims.filter((c) => c.facet === facet.id));
    const entry: LlmEntry = {
      key: requestKey(MODEL, request),
      step: 'summary',
      prompt: request.prompt,
      subject: facet.id,
      answered: '2026-12-03T00:00:00Z',
      finish: 'stop',
      refusal: null,
      content: JSON.stringify({ sentences: [{ text: contested.text, claims: [contested.id] }] }),
      usage: null,
    };
    const ledger = new LlmLedger({ model: MODEL, steps: ['summary'], entries: new Map([[entry.key, entry]]) });
    const written = modelSummary({ ...draft, claims }, llmVuln, ledger).filter((s) => s.method !== undefined);
    expect(written.map((s) => [s.kind, s.claims])).toEqual([['contradiction', [contested.id]]]);
  });
});
