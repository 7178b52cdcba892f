import { z } from 'zod';

export const ExclusionReason = z.enum([
  'no-abstract',
  'outside-years',
  'excluded-term',
  'missing-required-term',
  'below-relevance',
  'over-limit',
]);
export type ExclusionReason = z.infer<typeof ExclusionReason>;

export const exclusionLabels: Record<ExclusionReason, string> = {
  'no-abstract': 'No abstract to assess or quote',
  'outside-years': 'Published outside the year range',
  'excluded-term': 'Mentions an excluded term',
  'missing-required-term': 'Mentions none of the required terms',
  'below-relevance': 'Relevance below the threshold',
  'over-limit': 'Relevant, but beyond the most papers a review includes',
};

export const ScreeningDecision = z.strictObject({
  paper: z.string(),
  included: z.boolean(),
  reason: ExclusionReason.nullable().describe('null when included'),
  detail: z.string().nullable().describe('e.g. the excluded term that matched'),
  relevance: z.number().min(0).max(1),
  facets: z.array(z.string()).describe('facet ids whose terms the record mentions'),
});
export type ScreeningDecision = z.infer<typeof ScreeningDecision>;
