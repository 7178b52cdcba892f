// verify() on real papers: the code-security corpus (corpora/code-security.csl.json, see corpora/PROVENANCE.md)
// read by the local-corpus parser, and claims built from whole abstract sentences with exact offsets, the way claim
// extraction hands them over (src/pipeline/claims.ts belongs to another stage, so the test builds its own).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verify, verifyWithCandidates } from '../../src/pipeline/verify.ts';
import { Question, VerifiedClaim, type Claim, type IncludedPaper } from '../../src/records/index.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { parseCslJson } from '../../src/sources/csl-json.ts';
import { COMMITTED_PARAMS } from '../../src/stance-model/classify.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const papers: IncludedPaper[] = parseCslJson(readFileSync(`${root}corpora/code-security.csl.json`, 'utf8'), 'code-security')
  .filter((p) => p.abstract && /vulnerab/i.test(`${p.title} ${p.abstract}`))
  .map((p) => ({ ...p, relevance: 0.5, facets: [] }));

const question = Question.parse({
  id: 'llm-vulnerability-detection',
  title: 'How well do large language models detect software vulnerabilities?',
  question: 'How accurately do large language models detect software vulnerabilities compared with static analysis tools?',
  facets: [
    { id: 'accuracy', label: 'Detection accuracy', terms: ['accuracy', 'F1', 'precision', 'recall', 'false positive'] },
    { id: 'baselines', label: 'Comparison with baselines', terms: ['static analysis', 'baseline', 'deep learning'] },
  ],
  sources: [{ type: 'csl-json', path: 'corpora/code-security.csl.json' }],
});

/** A claim on the first abstract sentence of `paper` that contains a result word. */
function claimFrom(paper: IncludedPaper, pattern: RegExp, facet: string | null, group: string | null = null): Claim {
  const sentence = splitSentences(paper.abstract ?? '').find((s) => pattern.test(s.text));
  if (!sentence) throw new Error(`no sentence matching ${pattern} in ${paper.id}`);
  return {
    id: `claim:${paper.id}:${sentence.start}`,
    question: question.id,
    paper: paper.id,
    text: sentence.text,
    quote: { text: sentence.text, field: 'abstract', start: sentence.start, end: sentence.end },
    facet,
    worthiness: 0.8,
    hedged: false,
    group,
    method: 'test',
  };
}

const RESULT = /\b(outperform\w*|improv\w*|achiev\w*|detect\w*)\b/i;
const withResults = papers.filter((p) => splitSentences(p.abstract ?? '').some((s) => RESULT.test(s.text)));
const claims = withResults.slice(0, 8).map((p, i) => claimFrom(p, RESULT, i % 2 === 0 ? 'accuracy' : 'baselines'));

describe('verify on real corpus papers', () => {
  it('has real input to work on', () => {
    expect(papers.length).toBeGreaterThan(10);
    expect(claims.length).toBe(8);
  });

  const verified = verify(claims, papers, question);

  it('returns schema-valid verified claims, one per claim, in order', () => {
    expect(verified.map((v) => v.id)).toEqual(claims.map((c) => c.id));
    for (const v of verified) expect(() => VerifiedClaim.parse(v)).not.toThrow();
  });

  it('quotes every evidence item verbatim from another included paper', () => {
    const byId = new Map(papers.map((p) => [p.id, p]));
    for (const v of verified) {
      expect(v.verification.evidence.length).toBeGreaterThan(0);
      expect(v.verification.evidence.length).toBeLessThanOrEqual(5);
      for (const e of v.verification.evidence) {
        expect(e.paper).not.toBe(v.paper);
        const paper = byId.get(e.paper)!;
        expect((e.field === 'abstract' ? paper.abstract : paper.title)?.slice(e.start, e.end)).toBe(e.quote);
      }
    }
  });

  it('passes both checks for honest claims and names the verifier', () => {
    for (const v of verified) {
      expect(v.verification.checks).toEqual({ quoteVerbatim: true, paperIncluded: true });
      expect(v.verification.verifier).toBe(
        `lexical-lr-v1 (${COMMITTED_PARAMS.features.length} features, fitted on HealthVer dev)`,
      );
    }
  });

  it('is deterministic', () => {
    expect(JSON.stringify(verify(claims, papers, question))).toBe(JSON.stringify(verified));
  });

  it('hands a language model the candidates it chose from, the kept evidence first, without changing its output', () => {
    const { verified: same, candidates } = verifyWithCandidates(claims, papers, question);
    expect(JSON.stringify(same)).toBe(JSON.stringify(verified));
    expect(candidates).toHaveLength(claims.length);
    candidates.forEach((list, i) => {
      const kept = verified[i]!.verification.evidence;
      expect(list.length).toBeGreaterThan(kept.length);
      expect(list.slice(0, kept.length).map((e) => [e.paper, e.start, e.stance, e.score])).toEqual(kept.map((e) => [e.paper, e.start, e.stance, e.score]));
      for (const e of list) expect(e.paper).not.toBe(claims[i]!.paper);
    });
  });

  it('never supports a claim whose quote is not verbatim or whose paper is not included', () => {
    const first = claims[0]!;
    const tampered = { ...first, id: 'tampered', quote: { ...first.quote, start: first.quote.start + 1 } };
    const orphan = { ...first, id: 'orphan', paper: 'code-security:not-included' };
    const [t, o] = verify([tampered, orphan], papers, question);
    expect(t!.verification.checks.quoteVerbatim).toBe(false);
    expect(t!.verification.verdict).not.toBe('supported');
    expect(o!.verification.checks.paperIncluded).toBe(false);
    expect(o!.verification.verdict).not.toBe('supported');
  });

  it('counts a near-duplicate claim from another paper as supporting evidence when it states the same finding', () => {
    // The group is assigned by hand here (claim extraction groups near-duplicates in the real pipeline).
    const byText = (pattern: RegExp) => papers.find((p) => pattern.test(p.abstract ?? ''))!;
    const a = { ...claimFrom(byText(/static code analyser results showed/), /static code analyser results/, 'baselines'), group: 'g1' };
    const b = { ...claimFrom(byText(/SAST tools obtain low/), /SAST tools obtain low/, 'baselines'), group: 'g1' };
    const [va] = verify([a, b], papers, question);
    const fromB = va!.verification.evidence.find((e) => e.paper === b.paper && e.start === b.quote.start);
    expect(fromB?.stance).toBe('supports');
    expect(fromB?.quote).toBe(b.text);
    expect(va!.verification.verdict).toBe('supported');
  });

  it("does not count a grouped claim about another paper's own system as support", () => {
    // Lexical grouping can put two systems' results together; the result of one is not evidence for the other.
    const byText = (pattern: RegExp) => papers.find((p) => pattern.test(p.abstract ?? ''))!;
    const a = { ...claimFrom(byText(/iAudit achieves an F1/), /iAudit achieves/, 'accuracy'), group: 'g2' };
    const b = { ...claimFrom(byText(/FELLMVP was evaluated/), /FELLMVP was evaluated/, 'accuracy'), group: 'g2' };
    const [va] = verify([a, b], papers, question);
    expect(va!.verification.evidence.filter((e) => e.paper === b.paper && e.stance === 'supports')).toEqual([]);
    expect(va!.verification.verdict).not.toBe('supported');
  });
});

describe('evidence from the same authors', () => {
  // tp0247 (DSC 2023) and tp0118 (SSE 2024) are by Zhihong Liu and Qing Liao among others, and state one finding
  // in two wordings. Engine 0.3.0 before this rule showed each as the other's corroboration on two demo reviews.
  const byDoi = (doi: string) => papers.find((p) => p.id === `doi:${doi}`)!;
  const dsc = byDoi('10.1109/dsc59305.2023.00041');
  const sse = byDoi('10.1109/sse62657.2024.00049');
  const claim = claimFrom(dsc, /combining with code retrieval and code analysis/, 'accuracy');

  it('does not support a claim: one group saying it twice is one finding', () => {
    // Every candidate, not only the five shown: whether the other paper's sentence ranks among those moves with the
    // stance model's probabilities (the top-label confidence map of issue 12 moved it from the five shown to 11th of 20), the rule must not.
    const { verified, candidates } = verifyWithCandidates([claim], papers, question);
    const fromSameGroup = candidates[0]!.filter((e) => e.paper === sse.id);
    expect(fromSameGroup.length).toBeGreaterThan(0);
    expect(fromSameGroup.every((e) => e.stance === 'neutral')).toBe(true);
    expect(verified[0]!.verification.evidence.filter((e) => e.paper === sse.id && e.stance !== 'neutral')).toEqual([]);
  });

  it('nor as a near-duplicate claim', () => {
    const grouped = { ...claim, group: 'g' };
    const other = { ...claimFrom(sse, /combined with code-specific information and CoT/, 'accuracy'), group: 'g' };
    const [verified] = verify([grouped, other], papers, question);
    expect(verified!.verification.evidence.filter((e) => e.paper === sse.id && e.stance !== 'neutral')).toEqual([]);
  });
});
