import { z } from 'zod';

// A question file is the pull-request surface: every field a contributor writes is described here,
// and the JSON Schema editors use is generated from this same object (scripts/question-schema.ts).

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, starting with a letter or digit');

export const Facet = z.strictObject({
  id: slug.describe('Short identifier used in the report, e.g. "fine-tuning"'),
  label: z.string().min(3).describe('What this part of the question is about, in words a reader understands'),
  terms: z
    .array(z.string().min(2))
    .min(1, 'give at least one term that signals this facet')
    .describe('Words or phrases whose presence in a title or abstract signals this facet'),
  role: z
    .enum(['required', 'aspect'])
    .default('required')
    .describe(
      'required: a paper must speak to this facet (the population or core concept); aspect: one of several facets, any of which makes a paper informative',
    ),
});
export type Facet = z.infer<typeof Facet>;

export const CorpusSource = z.strictObject({
  type: z.enum(['csl-json', 'bibtex']),
  path: z.string().min(1).describe('Path from the repository root to the corpus file'),
  name: slug.optional().describe('Name shown in the PRISMA diagram; defaults to the file name without extension'),
});

export const LiveSourceName = z.enum(['openalex', 'crossref', 'arxiv', 'semanticscholar', 'europepmc']);
export type LiveSourceName = z.infer<typeof LiveSourceName>;

export const LiveSource = z.strictObject({
  type: LiveSourceName,
  limit: z.int().min(1).max(1000).optional().describe('Most records to take from this source per query'),
});

export const Source = z.discriminatedUnion('type', [CorpusSource, LiveSource]);
export type Source = z.infer<typeof Source>;

export const CitationStyle = z.enum(['apa', 'vancouver', 'harvard1', 'mla', 'chicago']);

const year = z.int().min(1900).max(2100);

export const MaintainerDecision = z
  .strictObject({
    id: z.string().min(3).optional().describe('The paper id shown in the report (doi:…, arxiv:…, <corpus>:<record id>)'),
    doi: z.string().min(3).optional().describe('The DOI, with or without https://doi.org/'),
    decision: z.enum(['include', 'exclude']),
    reason: z.string().min(3).describe('Why, in words a reader understands; shown in the report'),
  })
  .refine((d) => (d.id === undefined) !== (d.doi === undefined), { message: 'name the record by id or by doi (one of them)' })
  .describe('A maintainer including or excluding one record, with the reason');
export type MaintainerDecision = z.infer<typeof MaintainerDecision>;

export const Screening = z.strictObject({
  years: z
    .strictObject({ from: year.optional(), to: year.optional() })
    .optional()
    .describe('Publication years to include (inclusive)'),
  require: z
    .array(z.string().min(2))
    .default([])
    .describe('A record must mention at least one of these terms in its title or abstract'),
  exclude: z
    .array(z.string().min(2))
    .default([])
    .describe('A record that mentions any of these terms in its title or abstract is excluded'),
  requireAbstract: z
    .boolean()
    .default(false)
    .describe('Exclude records without an abstract; by default they are judged on their title and keywords and marked as such'),
  minRelevance: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('A stricter lowest relevance (0-1) than the cut-off screening derives from the corpus; by default none'),
  maxIncluded: z
    .int()
    .min(1)
    .optional()
    .describe('Most papers to synthesise, by relevance; by default no cap. Relevant records left out are listed in the report'),
  decisions: z
    .array(MaintainerDecision)
    .default([])
    .describe("The maintainers' own screening decisions: they override the machine's and teach its ranker"),
});
export type Screening = z.infer<typeof Screening>;

export const Search = z.strictObject({
  queries: z.array(z.string().min(2)).min(1).describe('Queries sent to live sources'),
  limit: z.int().min(1).max(1000).default(100).describe('Most records per source and query'),
});

export const QuestionFile = z.strictObject({
  $schema: z.string().optional(),
  title: z.string().min(3).max(200).describe('Short title shown in lists'),
  question: z.string().min(10).describe('The research question, in full'),
  facets: z.array(Facet).min(1, 'name at least one facet of the question').describe('The parts an answer must cover'),
  sources: z.array(Source).min(1, 'name at least one source'),
  search: Search.optional(),
  screening: Screening.prefault({}),
  citationStyle: CitationStyle.default('apa'),
  refresh: z
    .strictObject({ everyDays: z.int().min(1).max(365) })
    .optional()
    .describe('How often the scheduled job refreshes this review from live sources'),
  maintainers: z.array(z.string().min(1)).default([]),
});

export const Question = QuestionFile.extend({ id: slug });
export type Question = z.infer<typeof Question>;
export type QuestionInput = z.input<typeof QuestionFile>;
