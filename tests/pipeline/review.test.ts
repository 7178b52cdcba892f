import { describe, expect, it } from 'vitest';
import { Review as ReviewSchema, Criterion } from '../../src/records/index.ts';
import { review, REVIEWERS } from '../../src/pipeline/review.ts';
import { namesIn } from '../../src/pipeline/reviewers/question-names.ts';
import { questionTerms } from '../../src/pipeline/reviewers/question-terms.ts';
import {
  flagship,
  flagshipAnsweredBySurvey,
  flagshipOnTopic,
  llmVuln,
  noSupportedClaims,
  onTopicVulnerabilityReview,
  vulnerabilityAnsweredBySummarization,
} from './review-cases.ts';

const cases = {
  survey: review(flagshipAnsweredBySurvey(), flagship),
  offTopic: review(vulnerabilityAnsweredBySummarization(), llmVuln),
  noSupport: review(noSupportedClaims(), llmVuln),
  flagshipOnTopic: review(flagshipOnTopic(), flagship),
  onTopic: review(onTopicVulnerabilityReview(), llmVuln),
};
const reasons = (r: (typeof cases)['survey'], name?: string) =>
  r.reviewers.filter((x) => name === undefined || x.name === name).flatMap((x) => x.reasons).join('\n');

describe('review panel', () => {
  it('has at least four reviewers that together score all nine criteria, each with reasons', () => {
    expect(REVIEWERS.length).toBeGreaterThanOrEqual(4);
    for (const r of Object.values(cases)) {
      expect(() => ReviewSchema.parse(r)).not.toThrow();
      const scored = new Set(r.reviewers.flatMap((x) => Object.keys(x.criteria)));
      expect([...scored].sort()).toEqual([...Criterion.options].sort());
      for (const x of r.reviewers) expect(x.reasons.length).toBeGreaterThan(0);
    }
  });

  it('scores the flagship question answered only by a general LLM evaluation below 5 and says why', () => {
    const r = cases.survey;
    expect(r.score).toBeLessThan(5);
    const topical = r.reviewers.find((x) => x.name === 'Topical relevance');
    expect(topical?.criteria.relevancy).toBe(1);
    expect(topical?.criteria.completeness).toBe(1);
    expect(reasons(r, 'Topical relevance')).toContain('The question names Codestral, but no included paper mentions it');
    expect(reasons(r, 'Topical relevance')).toContain(
      '5 of 5 facets have no included evidence (no included paper mentions their terms): codestral, fine-tuning, robustness, vulnerability-detection, low-resource-languages.',
    );
    expect(reasons(r)).toContain('0 of 1 (0%) included papers are on topic');
  });

  it('scores a vulnerability question answered by code-summarization papers below 5 although its claims are corroborated', () => {
    const r = cases.offTopic;
    expect(r.score).toBeLessThan(5);
    const topical = r.reviewers.find((x) => x.name === 'Topical relevance');
    expect(topical?.criteria.relevancy).toBe(1);
    expect(reasons(r)).toContain('0 of 3 (0%) included papers are on topic (mention one of the required terms "vulnerab"');
    expect(reasons(r)).toContain('3 of 4 facets have no included evidence (no included paper mentions their terms): accuracy, prompting, fine-tuning.');
    // Verification alone would have passed it: three of four claims are supported.
    expect(reasons(r, 'Evidence strength')).toContain('3 of 4 (75%) are supported');
  });

  it('scores an on-topic review without a single supported claim below 5 and says so', () => {
    const r = cases.noSupport;
    expect(r.score).toBeLessThan(5);
    expect(r.reviewers.find((x) => x.name === 'Topical relevance')?.criteria.relevancy).toBe(5);
    expect(reasons(r, 'Evidence strength')).toContain('Of 5 claims, 0 of 5 (0%) are supported');
    expect(reasons(r, 'Topical relevance')).toContain('0 of 4 facets are answered by a supported claim');
    expect(r.caps).toEqual([
      'None of the 5 claims is corroborated by another included paper: every finding rests on a single study, so the aggregate is held at 4.5 at most.',
    ]);
  });

  it('caps nothing when a claim is corroborated', () => {
    for (const r of [cases.onTopic, cases.flagshipOnTopic, cases.offTopic]) expect(r.caps).toEqual([]);
  });

  it('scores realistic on-topic reviews higher, and the flagship below the full answer because of Codestral', () => {
    const low = Math.max(cases.survey.score, cases.offTopic.score, cases.noSupport.score);
    expect(cases.flagshipOnTopic.score).toBeGreaterThan(low);
    expect(cases.onTopic.score).toBeGreaterThan(cases.flagshipOnTopic.score);
    expect(cases.onTopic.score).toBeGreaterThanOrEqual(7);
    expect(reasons(cases.flagshipOnTopic, 'Topical relevance')).toContain('1 of 5 facets have no included evidence (no included paper mentions their terms): codestral.');
    expect(reasons(cases.onTopic, 'Topical relevance')).toContain('4 of 4 facets are answered by a supported claim');
    // The score spreads: a constant score is a defect (design §4, rule 4).
    const scores = Object.values(cases).map((r) => r.score);
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThanOrEqual(4);
  });

  it('aggregates as the weighted mean of the nine criteria mapped 1→0 and 5→10, to one decimal', () => {
    // Weights restated here rather than imported, so a change to them has to change this test too.
    const weights: Record<string, number> = { relevancy: 3, correctness: 3, completeness: 3, informativeness: 2, integration: 2, cohesion: 1, coherence: 1, readability: 1, conciseness: 1 };
    for (const r of Object.values(cases)) {
      const perCriterion = Criterion.options.map((c) => {
        const v = r.reviewers.map((x) => x.criteria[c]).filter((x): x is number => x !== undefined);
        return { w: weights[c]!, m: v.reduce((a, b) => a + b, 0) / v.length };
      });
      const expected = Math.round((perCriterion.reduce((a, { w, m }) => a + w * ((m - 1) / 4) * 10, 0) / 17) * 10) / 10;
      expect(r.score).toBe(r.caps.length ? Math.min(expected, 4.5) : expected);
      expect(r.agreement).toBeGreaterThanOrEqual(0);
      expect(r.agreement).toBeLessThanOrEqual(1);
      expect(r.disagreement).toBe(r.agreement < 0.5);
    }
  });

  it('flags disagreement when reviewers split and agreement is 1 when they concur', () => {
    const d = onTopicVulnerabilityReview();
    // Invented panels (edge case real drafts do not produce): two reviewers at opposite ends, and two alike.
    const split = review(d, llmVuln, [
      () => ({ name: 'all low', focus: 'test', criteria: Object.fromEntries(Criterion.options.map((c) => [c, 1])), reasons: ['low'] }),
      () => ({ name: 'all high', focus: 'test', criteria: Object.fromEntries(Criterion.options.map((c) => [c, 5])), reasons: ['high'] }),
    ]);
    expect(split.agreement).toBe(0);
    expect(split.disagreement).toBe(true);
    expect(split.score).toBe(5);
    const same = review(d, llmVuln, [REVIEWERS[0]!, REVIEWERS[0]!].map((r) => (dd, q) => ({ ...r(dd, q), criteria: Object.fromEntries(Criterion.options.map((c) => [c, 4])) })));
    expect(same.agreement).toBe(1);
    expect(same.disagreement).toBe(false);
  });

  it('counts near-duplicate claims against conciseness', () => {
    // Invented grouping (the fixtures' claims carry no groups): half the claims repeat the first one.
    const d = onTopicVulnerabilityReview();
    const first = d.claims[0]!.id;
    const grouped = { ...d, claims: d.claims.map((c, i) => (i > 0 && i <= 5 ? { ...c, group: first } : c)) };
    const before = cases.onTopic.reviewers.find((x) => x.name === 'Summary style');
    const after = review(grouped, llmVuln).reviewers.find((x) => x.name === 'Summary style');
    expect(before?.criteria.conciseness).toBe(5);
    expect(after?.criteria.conciseness).toBe(1);
    expect(after?.reasons.join('\n')).toContain('6 of 10 (60%) claims nearly repeat another claim');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(review(flagshipOnTopic(), flagship))).toBe(JSON.stringify(cases.flagshipOnTopic));
  });
});

describe('reviewers read the text themselves', () => {
  it('finds the names a question asks about', () => {
    expect(namesIn(flagship.question)).toEqual(['Codestral']);
    expect(namesIn(llmVuln.question)).toEqual([]);
  });

  it("read the question's terms as written (tests/text/terms.test.ts), not as screening stems them", () => {
    const terms = questionTerms(flagship);
    expect(terms.all.map((t) => t.term)).toEqual([...flagship.facets.flatMap((f) => f.terms), ...flagship.screening.require]);
    for (const t of terms.all) expect(t.reading).toBe('as-written');
  });
});
