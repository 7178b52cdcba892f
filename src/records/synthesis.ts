import { z } from 'zod';
import { Paper } from './paper.ts';
import { VerifiedClaim } from './claim.ts';
import { Review } from './review.ts';
import { ExclusionReason, ScreeningReport } from './screening.ts';
import { RetrievalLog } from './retrieval.ts';
import { CitationStyle } from './question.ts';
import { LlmProvenance } from './llm.ts';

export const IncludedPaper = Paper.extend({
  relevance: z.number().min(0).max(1),
  facets: z.array(z.string()),
});
export type IncludedPaper = z.infer<typeof IncludedPaper>;

export const Counts = z.strictObject({
  identified: z.int().min(0),
  duplicates: z.int().min(0),
  screened: z.int().min(0),
  excluded: z.int().min(0),
  included: z.int().min(0),
  claims: z.int().min(0),
  supported: z.int().min(0),
  contradicted: z.int().min(0),
  insufficient: z.int().min(0),
  claimsDropped: z.int().min(0).describe('candidate claims dropped because their quote was not found verbatim'),
});
export type Counts = z.infer<typeof Counts>;

export const ExcludedRecord = z.strictObject({
  paper: z.string(),
  title: z.string(),
  year: z.int().nullable(),
  reason: ExclusionReason,
  detail: z.string().nullable(),
  relevance: z.number().min(0).max(1),
});

export const SummarySentence = z.strictObject({
  facet: z.string().nullable(),
  text: z.string().describe('plain text; citations are the claims/papers lists'),
  claims: z.array(z.string()),
  papers: z.array(z.string()),
  kind: z
    .enum(['finding', 'single-study', 'contradiction', 'gap', 'overview'])
    .describe('finding: corroborated by another included paper; single-study: stated by one paper, not corroborated'),
  method: z.string().optional().describe('who wrote the sentence when a language model did, e.g. "llm:summary-v1 (model)"; absent when composed by rule'),
});
export type SummarySentence = z.infer<typeof SummarySentence>;

export const FacetEvidence = z.strictObject({
  facet: z.string(),
  label: z.string(),
  papers: z.int().min(0).describe('included papers that mention the facet'),
  claims: z.int().min(0),
  supported: z.int().min(0),
  contradicted: z.int().min(0),
  insufficient: z.int().min(0),
  papersSupporting: z.int().min(0),
  papersContradicting: z.int().min(0),
});
export type FacetEvidence = z.infer<typeof FacetEvidence>;

export const Contradiction = z.strictObject({
  claim: z.string(),
  paper: z.string().describe('the paper that contradicts the claim'),
  quote: z.string(),
  score: z.number().min(0).max(1),
});

export const Reference = z.strictObject({
  paper: z.string(),
  text: z.string().describe('formatted by citation-js in the question style, plain text'),
  citation: z
    .string()
    .min(1)
    .describe(
      'the in-text citation of this paper, from the same citeproc run as text and without the brackets a cluster takes: "Khare et al., 2023", "Boi et al., 2024a" (APA); "Khare et al." (MLA); the reference number "3" (vancouver)',
    ),
});
export type Reference = z.infer<typeof Reference>;

export const HistoryEntry = z.strictObject({
  version: z.int().min(1),
  date: z.string(),
  engine: z.string(),
  score: z.number().min(0).max(10),
  papersAdded: z.array(z.string()),
  papersRemoved: z.array(z.string()),
  claimsAdded: z.array(z.string()),
  claimsRemoved: z.array(z.string()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Synthesis = z.strictObject({
  id: z.string(),
  title: z.string(),
  question: z.string(),
  facets: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  citationStyle: CitationStyle,
  updated: z.string().describe('ISO date of the synthesis run'),
  generated: z.string().describe('ISO 8601 time of the synthesis run'),
  engine: z.string(),
  inputHash: z.string().describe('hash of question, retrieved records and engine version'),
  counts: Counts,
  prisma: z.strictObject({
    bySource: z.record(z.string(), z.int().min(0)),
    excludedByReason: z.record(z.string(), z.int().min(0)),
  }),
  retrieval: z.array(RetrievalLog),
  criteria: z.array(z.string()).describe('screening criteria in words, for the methods text'),
  papers: z.array(IncludedPaper),
  excluded: z.array(ExcludedRecord),
  claims: z.array(VerifiedClaim),
  facetEvidence: z.array(FacetEvidence),
  contradictions: z.array(Contradiction),
  gaps: z.array(z.string()).describe('facet ids with no supporting claim'),
  summary: z.array(SummarySentence),
  limitations: z.array(z.string()),
  methods: z.array(z.string()).describe('paragraphs of the methods text'),
  review: Review,
  references: z.array(Reference),
  figures: z.strictObject({
    papersPerYear: z.array(z.strictObject({ year: z.int(), count: z.int().min(0) })),
    confidence: z.array(
      z.strictObject({ from: z.number(), to: z.number(), supported: z.int(), contradicted: z.int(), insufficient: z.int() }),
    ),
  }),
  history: z.array(HistoryEntry),
  llm: LlmProvenance.optional().describe('which steps a language model did, which model, when, and what the checks rejected'),
  screening: ScreeningReport.optional().describe('how screening decided (absent in syntheses stored before it was recorded)'),
});
export type Synthesis = z.infer<typeof Synthesis>;

// What the site's lists read of every review: the home page, the site-wide feed and the report index. Astro's
// content collection holds only this (src/content.config.ts); a report's own pages read its whole stored Synthesis
// (src/store/site-syntheses.ts). Whole records in the collection were the build's largest cost at 1,000 reviews
// (issue 13): Astro serialises its collections into one JavaScript module, 71 MB there, which took half a minute to
// write, half a minute to bundle and most of a minute to load. Other keys are dropped here, not refused: the whole
// file is checked against Synthesis where a report's pages read it.
export const SynthesisListing = z.object(Synthesis.pick({ id: true, title: true, question: true, updated: true, generated: true, counts: true, review: true, history: true }).shape);
export type SynthesisListing = z.infer<typeof SynthesisListing>;
