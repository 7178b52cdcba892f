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
