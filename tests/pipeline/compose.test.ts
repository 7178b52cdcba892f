import { describe, expect, it } from 'vitest';
import { compose, includedPapers, type ComposeInput } from '../../src/pipeline/compose.ts';
import { composeCriteria } from '../../src/pipeline/compose-criteria.ts';
import { composeSummary } from '../../src/pipeline/compose-summary.ts';
import { review } from '../../src/pipeline/review.ts';
import { flagship, flagshipAnsweredBySurvey, flagshipOnTopic, llmVuln, noSupportedClaims, onTopicVulnerabilityReview, vulnerabilityAnsweredBySummarization } from './review-cases.ts';
import { buildDraft, GENERATED, makeClaim } from './draft-fixtures.ts';
import { corpusPaper } from './corpus-papers.ts';

const drafts = {
  survey: flagshipAnsweredBySurvey(),
  offTopic: vulnerabilityAnsweredBySummarization(),
  noSupport: noSupportedClaims(),
  flagshipOnTopic: flagshipOnTopic(),
  onTopic: onTopicVulnerabilityReview(),
};

describe('compose', () => {
  it('gives PRISMA counts that add up, from the screening decisions', () => {
    for (const d of Object.values(drafts)) {
      const c = d.counts;
      expect(c.screened).toBe(c.identified - c.duplicates);
      expect(c.excluded).toBe(c.screened - c.included);
      expect(c.included).toBe(d.papers.length);
      expect(c.claims).toBe(d.claims.length);
      expect(c.supported + c.contradicted + c.insufficient).toBe(c.claims);
      expect(Object.values(d.prisma.bySource).reduce((a, b) => a + b, 0)).toBe(c.identified);
      expect(Object.values(d.prisma.excludedByReason).reduce((a, b) => a + b, 0)).toBe(c.excluded);
      expect(d.excluded.length).toBe(c.excluded);
    }
    const d = drafts.onTopic;
    expect(d.counts).toMatchObject({ identified: 13, duplicates: 1, screened: 12, excluded: 3, included: 9, claims: 10, supported: 8, contradicted: 1, insufficient: 1, claimsDropped: 2 });
    expect(d.prisma.excludedByReason).toEqual({ 'no-abstract': 1, 'outside-years': 1, 'below-relevance': 1 });
  });

  it('answers facet by facet from supported claims, quoting them whole, with citations', () => {
    const d = drafts.onTopic;
    expect(d.summary[0]?.kind).toBe('overview');
    expect(d.summary[0]?.text).toContain('included 9 of 12 screened records');
    const claims = new Map(d.claims.map((c) => [c.id, c]));
    const findings = d.summary.filter((s) => s.kind === 'finding');
    expect(findings.length).toBeGreaterThan(0);
    for (const s of findings) {
      const c = claims.get(s.claims[0] ?? '');
      expect(c?.verification.verdict).toBe('supported');
      expect(s.text).toContain(`"${c?.text}"`);
      expect(s.papers).toEqual([c?.paper]);
      expect(s.facet).toBe(c?.facet);
    }
    expect(findings[0]?.text).toMatch(/^"Overall, LLMs across all scales/);
    // Facets appear in the question's order.
    const order = d.summary.map((s) => s.facet).filter((f) => f !== null);
    expect([...new Set(order)]).toEqual(llmVuln.facets.map((f) => f.id));
  });

  it('states one claim per group of near-duplicates', () => {
    // Invented grouping (the fixtures' claims carry no groups): mark Liu et al.'s prompting claim as a
    // near-duplicate of Khare et al.'s, which ranks above it.
    const d = onTopicVulnerabilityReview();
    const khare = d.claims.find((c) => c.paper === 'code-security:tp0252' && c.facet === 'prompting');
    const liu = d.claims.find((c) => c.paper === 'code-security:tp0118');
    expect(d.summary.filter((s) => s.facet === 'prompting' && s.kind === 'finding')).toHaveLength(2);
    const grouped = composeSummary({
      question: llmVuln,
      papers: d.papers,
      claims: d.claims.map((c) => (c.id === liu?.id ? { ...c, group: khare?.id ?? null } : c)),
      facetEvidence: d.facetEvidence,
      contradictions: d.contradictions,
      counts: d.counts,
      bySource: d.prisma.bySource,
    });
    const prompting = grouped.filter((s) => s.facet === 'prompting' && s.kind === 'finding');
    expect(prompting.map((s) => s.claims[0])).toEqual([khare?.id]);
  });

  it('states contradictions as contradictions', () => {
    const d = drafts.onTopic;
    expect(d.contradictions).toHaveLength(1);
    const s = d.summary.find((x) => x.kind === 'contradiction');
    expect(s?.text).toContain('but Steenhoek et al. (2024) contradict it: "Our results show that while our prompting methods improved');
    expect(s?.papers).toEqual(['code-security:tp0129', 'code-security:tp0073']);
  });

  it('states a supported claim that another included paper contradicts as contested, once, not as corroborated', () => {
    // Invented weighing: the contradicted claim of the fixture given a stronger supporting sentence, so that its
    // verdict is "supported" while Steenhoek et al. still contradict it (as engine 0.6 weighs some demo claims).
    const d = onTopicVulnerabilityReview();
    const [x] = d.contradictions;
    const claims = d.claims.map((c) => (c.id === x?.claim ? { ...c, verification: { ...c.verification, verdict: 'supported' as const, confidence: 0.8 } } : c));
    const summary = composeSummary({ question: llmVuln, papers: d.papers, claims, facetEvidence: d.facetEvidence, contradictions: d.contradictions, counts: d.counts, bySource: d.prisma.bySource });
    const about = summary.filter((s) => s.claims.includes(x!.claim));
    expect(about.map((s) => s.kind)).toEqual(['contradiction']);
    expect(about[0]?.text).toContain('but Steenhoek et al. (2024) contradict it');
    // The overview's counts are the verdicts' (its own "1 contradicted" is the fixture's, not recomputed here); it says
    // apart how many claims another paper contradicts when that differs from them.
    expect(summary[0]?.text).not.toContain('Another included paper');
    const counts = { ...d.counts, supported: d.counts.supported + 1, contradicted: 0 };
    const weighed = composeSummary({ question: llmVuln, papers: d.papers, claims, facetEvidence: d.facetEvidence, contradictions: d.contradictions, counts, bySource: d.prisma.bySource });
    expect(weighed[0]?.text).toContain('0 contradicted');
    expect(weighed[0]?.text).toContain('Another included paper states the opposite of 1 of the 10 claims.');
  });

  it('names facets without evidence as gaps, in words', () => {
    const d = drafts.survey;
    expect(d.gaps).toEqual(flagship.facets.map((f) => f.id));
    expect(d.summary.filter((s) => s.kind === 'gap').map((s) => s.text)).toContain(
      "No included study addresses Codestral (Mistral's code model) as the model studied.",
    );
    expect(drafts.flagshipOnTopic.gaps).toEqual(['codestral']);
    const noSupport = drafts.noSupport;
    expect(noSupport.gaps).toEqual(llmVuln.facets.map((f) => f.id));
    expect(noSupport.summary.find((s) => s.facet === 'accuracy' && s.kind === 'gap')?.text).toBe(
      'No claim on detection accuracy of large language models on vulnerability benchmarks is corroborated by another included paper: 4 included papers mention it, and each of the 2 claims on it rests on a single study.',
    );
  });

  it('counts evidence per facet', () => {
    const acc = drafts.onTopic.facetEvidence.find((f) => f.facet === 'accuracy');
    // accuracy: 3 claims (tp0252 and tp0073 supported, tp0129 contradicted by tp0073).
    expect(acc).toMatchObject({ claims: 3, supported: 2, contradicted: 1, insufficient: 0, papersContradicting: 1 });
    // Supporting papers: the two supported claims' papers and their evidence papers tp0073, tp0207, tp0197.
    expect(acc?.papersSupporting).toBe(4);
  });

  it('derives limitations from the data, not boilerplate', () => {
    const survey = drafts.survey.limitations.join('\n');
    expect(survey).toContain('Only 1 paper was included');
    expect(survey).toContain('a single year (2022)');
    expect(survey).toContain('5 of 5 facets of the question have no supported claim');
    expect(survey).toContain('2 of 2 claims (100%) are not backed or contradicted');
    expect(survey).not.toContain('single source'); // ml4code and code-security both returned records
    const onTopic = drafts.onTopic.limitations.join('\n');
    expect(onTopic).toContain('All records come from a single source (code-security)');
    expect(onTopic).not.toContain('Only');
    expect(onTopic).not.toContain('have no supported claim');
    expect(onTopic).toContain('1 claim is contradicted');
  });

  it('writes methods from the same counts, sources and criteria', () => {
    const m = drafts.onTopic.methods.join('\n');
    expect(m).toContain('code-security (13 records, retrieved 2026-11-26 02:00 UTC)');
    expect(m).toContain('Of 13 records identified, 1 were duplicates, leaving 12 to screen. 3 were excluded');
    expect(m).toContain('and 9 included');
    expect(m).toContain('10 claims were kept and 2 dropped');
    expect(m).toContain('Title, keywords or abstract mention at least one of: "vulnerab".');
    expect(composeCriteria(flagship)).toEqual([
      'Published in 2018 or later.',
      'Records without an abstract are judged on their title and keywords, and marked as title-only.',
      "The record speaks to the question's facets (required: vulnerability-detection; aspects, any one of which suffices: codestral, fine-tuning, robustness, low-resource-languages); a facet that no record mentions is reported as a gap and not required.",
      "Its relevance is at least 0.900: it scores above 90% of this corpus's off-topic records, as estimated from the bulk of the ranking scores (see the methods page). A record that misses a required facet must also score above 90% of the records that miss one.",
    ]);
  });

  it('gives figure data that matches the counts', () => {
    for (const d of Object.values(drafts)) {
      expect(d.figures.papersPerYear.reduce((a, y) => a + y.count, 0)).toBe(d.papers.filter((p) => p.year !== null).length);
      expect(d.figures.confidence).toHaveLength(10);
      const binned = d.figures.confidence.reduce((a, b) => a + b.supported + b.contradicted + b.insufficient, 0);
      expect(binned).toBe(d.claims.length);
    }
    const bins = drafts.onTopic.figures.confidence;
    expect(bins[7]).toEqual({ from: 0.7, to: 0.8, supported: 5, contradicted: 0, insufficient: 0 });
    expect(bins[8]?.supported).toBe(1); // 0.8
    expect(bins[6]?.supported).toBe(2); // 0.65 twice
  });

  it('sets updated to the date of the run and is deterministic', () => {
    expect(drafts.onTopic.updated).toBe(GENERATED.slice(0, 10));
    expect(JSON.stringify(onTopicVulnerabilityReview())).toBe(JSON.stringify(drafts.onTopic));
  });

  it('says so when nothing was included, and the review scores it at the bottom', () => {
    const d = buildDraft({
      question: flagship,
      included: [],
      excluded: [
        { paper: corpusPaper('ml4code', 'xu2022systematic'), reason: 'missing-required-term' },
        { paper: corpusPaper('code-security', 'tp0000'), reason: 'no-abstract' },
      ],
      claims: [],
    });
    expect(d.counts).toMatchObject({ identified: 2, screened: 2, excluded: 2, included: 0, claims: 0 });
    expect(d.summary[0]?.text).toBe('None of the 2 screened records (2 identified in 2 sources) met the screening criteria, so this review cannot answer the question.');
    expect(d.limitations[0]).toBe('No paper met the screening criteria (2 screened), so the question is not answered by any included evidence.');
    expect(d.figures.papersPerYear).toEqual([]);
    const r = review(d, flagship);
    expect(r.score).toBeLessThan(3.5);
    expect(r.reviewers.flatMap((x) => x.reasons)).toContain('No paper was included, so nothing in the review bears on the question.');
  });

  it('drops a claim whose quote is not the paper text at its offsets, and counts it', () => {
    // Invented fault (real claims from the extractor carry correct offsets): shift a real quote by one.
    const p = corpusPaper('code-security', 'tp0123');
    const good = makeClaim(llmVuln, { paper: p, fragment: 'The finetuned WizardCoder', facet: 'fine-tuning', verdict: 'supported', confidence: 0.7 });
    const bad = { ...good, id: 'shifted', quote: { ...good.quote, start: good.quote.start + 1 } };
    const base = buildDraft({ question: llmVuln, included: [p], claims: [] });
    const input: ComposeInput = {
      question: llmVuln, engine: 'sift 0.1.0', generated: GENERATED, inputHash: 'x', retrieval: base.retrieval,
      bySource: base.prisma.bySource, identified: 1, duplicates: 0, papers: [p],
      decisions: [{ paper: p.id, included: true, reason: null, detail: null, relevance: 0.8, facets: ['fine-tuning'] }],
      included: [], claims: [good, bad], claimsDropped: 0, references: [],
    };
    input.included = includedPapers(input.papers, input.decisions);
    const d = compose(input);
    expect(d.claims.map((c) => c.id)).toEqual([good.id]);
    expect(d.counts.claimsDropped).toBe(1);
    expect(() => compose({ ...input, identified: 2, bySource: { 'code-security': 2 } })).toThrow(/1 screening decisions for 2 screened records/);
  });
});
