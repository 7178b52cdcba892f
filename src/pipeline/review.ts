import type { Criterion, Question, Review, ReviewerReport } from '../records/index.ts';
import { Criterion as CriterionSchema, CRITERION_WEIGHTS, DISAGREEMENT_BELOW } from '../records/index.ts';
import type { Draft } from './compose.ts';
import type { Reviewer } from './reviewers/reviewer.ts';
import { topicalRelevance } from './reviewers/topical-relevance.ts';
import { evidenceStrength } from './reviewers/evidence-strength.ts';
import { citationIntegrity } from './reviewers/citation-integrity.ts';
import { coverageDiversity } from './reviewers/coverage-diversity.ts';
import { summaryStyle } from './reviewers/summary-style.ts';

// The panel. Each reviewer is a pure function of the draft and the question with its own evidence; together
// they score all nine criteria, several criteria by two reviewers from different angles.
export const REVIEWERS: readonly Reviewer[] = [topicalRelevance, evidenceStrength, citationIntegrity, coverageDiversity, summaryStyle];

export function review(draft: Draft, question: Question, reviewers: readonly Reviewer[] = REVIEWERS): Review {
  const reports: ReviewerReport[] = reviewers.map((r) => r(draft, question));

  // Score: for each criterion the mean of the reviewers that scored it, mapped from 1-5 onto 0-10
  // (1 → 0, 5 → 10); the score is the CRITERION_WEIGHTS-weighted mean over the nine, to one decimal.
  const perCriterion = CriterionSchema.options.map((c: Criterion) => {
    const given = reports.map((r) => r.criteria[c]).filter((v): v is number => v !== undefined);
    if (!given.length) throw new Error(`review: no reviewer scores the criterion "${c}"`);
    return { weight: CRITERION_WEIGHTS[c], mean: given.reduce((a, b) => a + b, 0) / given.length };
  });
  const totalWeight = perCriterion.reduce((a, c) => a + c.weight, 0);
  const weighted = round(perCriterion.reduce((a, c) => a + c.weight * ((c.mean - 1) / 4) * 10, 0) / totalWeight, 1);
  const caps = capsFor(draft);
  const score = Math.min(weighted, ...caps.map((c) => c.at));

  // Agreement: 1 − 2 × the (population) standard deviation of the reviewers' own mean scores, each mapped
  // onto 0-1. A standard deviation of values in [0, 1] is at most 0.5, so agreement spans [0, 1]: 1 when every
  // reviewer rates the draft alike on average, 0 when half give all 1s and half all 5s.
  const means = reports.map((r) => {
    const v = Object.values(r.criteria).filter((x): x is number => x !== undefined);
    return (v.reduce((a, b) => a + b, 0) / v.length - 1) / 4;
  });
  const centre = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((a, m) => a + (m - centre) ** 2, 0) / means.length);
  const agreement = round(Math.max(0, 1 - 2 * sd), 2);
  return { score, agreement, disagreement: agreement < DISAGREEMENT_BELOW, caps: caps.map((c) => c.reason), reviewers: reports };
}

// Flaws that no quality of form can offset, each holding the aggregate below the middle of the scale.
// A synthesis none of whose claims another included paper corroborates has not verified anything: every
// finding in it rests on one study, however relevant and well written (design §4, rule 4).
export const UNCORROBORATED_CAP = 4.5;

function capsFor(draft: Draft): { at: number; reason: string }[] {
  const caps: { at: number; reason: string }[] = [];
  const supported = draft.claims.filter((c) => c.verification.verdict === 'supported').length;
  if (draft.claims.length > 0 && supported === 0) {
    caps.push({
      at: UNCORROBORATED_CAP,
      reason: `None of the ${draft.claims.length} claims is corroborated by another included paper: every finding rests on a single study, so the aggregate is held at ${UNCORROBORATED_CAP} at most.`,
    });
  }
  return caps;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
