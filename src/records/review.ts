import { z } from 'zod';

// The nine criteria used to judge scientific syntheses.
export const Criterion = z.enum([
  'relevancy',
  'correctness',
  'completeness',
  'informativeness',
  'integration',
  'cohesion',
  'coherence',
  'readability',
  'conciseness',
]);
export type Criterion = z.infer<typeof Criterion>;

// The two constants of the aggregate live with the record: the review stage computes with them and the
// report page states them, and a page reads records, never the pipeline.

// Agreement below this flags the review as disputed: the reviewers' overall means then scatter with a standard
// deviation above a quarter of the scale (1 point on 1-5), e.g. one finds the summary well written while
// another finds its papers off the question.
export const DISAGREEMENT_BELOW = 0.5;

// Whether a synthesis answers its question, truthfully and in full, matters more than how it reads: a
// well-written summary of the wrong papers must not average its way to a good score (the failure Sift
// exists to avoid). Weighted 3: relevancy, correctness, completeness; 2: informativeness, integration;
// 1: the four criteria of form (cohesion, coherence, readability, conciseness).
export const CRITERION_WEIGHTS: Readonly<Record<Criterion, number>> = {
  relevancy: 3,
  correctness: 3,
  completeness: 3,
  informativeness: 2,
  integration: 2,
  cohesion: 1,
  coherence: 1,
  readability: 1,
  conciseness: 1,
};

export const ReviewerReport = z.strictObject({
  name: z.string(),
  focus: z.string().describe('what this reviewer looks at'),
  criteria: z.partialRecord(Criterion, z.int().min(1).max(5)),
  reasons: z.array(z.string()).min(1),
});
export type ReviewerReport = z.infer<typeof ReviewerReport>;

export const Review = z.strictObject({
  score: z.number().min(0).max(10),
  agreement: z.number().min(0).max(1),
  disagreement: z.boolean().describe('true when reviewers disagree strongly'),
  caps: z
    .array(z.string())
    .default([])
    .describe('why the aggregate was held below what the criteria alone give, in words (a flaw no style can offset)'),
  reviewers: z.array(ReviewerReport).min(3),
});
export type Review = z.infer<typeof Review>;
