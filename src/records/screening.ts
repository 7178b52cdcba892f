import { z } from 'zod';

// In the order screening applies them: the maintainers' decisions first (they override the machine), then the
// criteria, then the relevance cut-off, then a cap if the question sets one.
export const ExclusionReason = z.enum([
  'excluded-by-maintainers',
  'no-abstract',
  'outside-years',
  'excluded-term',
  'missing-required-term',
  'below-relevance',
  'over-limit',
]);
export type ExclusionReason = z.infer<typeof ExclusionReason>;

export const exclusionLabels: Record<ExclusionReason, string> = {
  'excluded-by-maintainers': 'Excluded by the maintainers',
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
  rank: z.int().min(1).optional().describe('position in the ranking of all screened records (1 = most relevant)'),
  titleOnly: z.boolean().optional().describe('true when the record has no abstract and was judged on its title and keywords'),
  decidedBy: z.enum(['screening', 'maintainers']).optional().describe('maintainers: a decision from the question file'),
});
export type ScreeningDecision = z.infer<typeof ScreeningDecision>;

// A record named in a screening list of the report (what to look at next, what a cap left out).
export const ListedRecord = z.strictObject({
  paper: z.string(),
  title: z.string(),
  year: z.int().nullable(),
  relevance: z.number().min(0).max(1),
  titleOnly: z.boolean(),
});
export type ListedRecord = z.infer<typeof ListedRecord>;

// How screening decided, stored with the synthesis so that the page, the methods text and the report JSON read the
// same figures (design §4, rule 5).
export const ScreeningReport = z.strictObject({
  rule: z.strictObject({
    method: z.enum(['off-topic-bulk', 'facet-coverage']).describe(
      'off-topic-bulk: the cut-off sits above the bulk of the corpus scores (src/pipeline/screening-rule.ts); ' +
        'facet-coverage: too few records to estimate the bulk, so coverage of the facets decides',
    ),
    cutOff: z.number().min(0).max(1).describe('lowest relevance an included record has (maintainers aside)'),
    nullTail: z.number().min(0).max(1).describe('share of the off-topic bulk expected to pass the cut-off'),
    groups: z.array(
      z.strictObject({
        group: z.enum(['all', 'with-abstract', 'title-only']),
        records: z.int().min(0),
        included: z.int().min(0),
      }),
    ),
  }),
  gaps: z.array(z.string()).describe('facet ids no screened record mentions'),
  screened: z.int().min(0),
  titleOnly: z.strictObject({ screened: z.int().min(0), included: z.int().min(0) }),
  maintainers: z.array(
    z.strictObject({
      paper: z.string(),
      title: z.string(),
      decision: z.enum(['include', 'exclude']),
      reason: z.string(),
      machine: z.enum(['include', 'exclude']).describe("what screening would have decided without the maintainers' decision"),
    }),
  ),
  unmatched: z
    .array(z.strictObject({ name: z.string(), decision: z.enum(['include', 'exclude']), reason: z.string() }))
    .describe('decisions in the question file that name no screened record'),
  lookNext: z.array(ListedRecord).describe('undecided records in the order the ranker asks the maintainers to check them'),
  cap: z.int().min(1).nullable(),
  leftOut: z.array(ListedRecord).describe('records that passed screening but were left out by the cap, most relevant first'),
});
export type ScreeningReport = z.infer<typeof ScreeningReport>;

// A reviewer's label on one record, for measuring screening (src/pipeline/screening-benchmark.ts): `included` is the
// decision measured, `relevant` a looser grade when the labels have one (null when they do not).
export const RecordLabel = z.strictObject({ included: z.boolean(), relevant: z.boolean().nullable() });
export type RecordLabel = z.infer<typeof RecordLabel>;
