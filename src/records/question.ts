import { z } from 'zod';
import { QuestionLlm } from './llm.ts';

// A question file is the pull-request surface: every field a contributor writes is described here,
// and the JSON Schema editors use is generated from this same object (scripts/question-schema.ts).
//
// Every text and list has an upper bound: a question arrives by pull request, and what it holds becomes
// regular expressions (src/text/terms.ts), queries to live APIs and pages. The bounds are several times what
// a real question needs (the demo questions' longest term has 22 characters, their largest facet 10 terms).

/** A question file larger than this is refused before it is parsed (the demo questions are about 2 KB). */
export const QUESTION_FILE_MAX_BYTES = 256 * 1024;
/**
 * A corpus file larger than this is refused before it is read. A reference manager's CSL-JSON export takes
 * about 2 KB per record with its abstract (corpora/ml4code.csl.json: 521 records in 1 MB), so 50 MB holds
 * some 25,000 records, more than a systematic review screens, while keeping a parse in memory small.
 */
export const CORPUS_FILE_MAX_BYTES = 50 * 1024 * 1024;
/** Why a file a question names cannot be read (src/store/repository-file.ts). */
export type FileRefusalKind = 'missing' | 'outside' | 'not-a-file' | 'too-big' | 'unreadable';
/** What to do about a corpus path that cannot be read, said alike by npm run check and at read time. */
export const CORPUS_PATH_FIXES: Record<FileRefusalKind, string> = {
  missing: 'paths are relative to the repository root',
  outside: 'put the corpus file inside the repository (e.g. under corpora/) and give its path from the repository root',
  'not-a-file': 'name the corpus file itself, a regular file in the repository',
  'too-big': `split the library into corpus files of at most ${CORPUS_FILE_MAX_BYTES / 1024 / 1024} MB, each its own source`,
  unreadable: 'check that the file can be read',
};
export const TERM_MAX_LENGTH = 100;
/** The longest search query: a facet query (src/questions/question-facets.ts) is cut to fit. */
export const SEARCH_QUERY_MAX_LENGTH = 500;
export const TERMS_MAX_COUNT = 50;

const slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, starting with a letter or digit');

// A word or phrase looked for in titles and abstracts.
const term = z
  .string()
  .min(2)
  .max(TERM_MAX_LENGTH)
  .regex(/[\p{L}\p{N}]/u, 'a term needs at least one letter or digit');

const terms = z.array(term).max(TERMS_MAX_COUNT);

// Read from the repository root, and only inside it (src/store/repository-file.ts also follows symbolic links
// to be sure): no absolute path, no "..", no hidden folder such as .git.
const corpusPath = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(?![/\\]|[A-Za-z]:)/, 'give the path from the repository root (corpora/x.csl.json), not an absolute path')
  .regex(/^(?!(?:.*[/\\])?\.)/, 'write the path from the repository root with no part starting with "." (no "..", "./" or hidden folders), e.g. corpora/x.csl.json');

export const Facet = z.strictObject({
  id: slug.describe('Short identifier used in the report, e.g. "fine-tuning"'),
  label: z.string().min(3).max(200).describe('What this part of the question is about, in words a reader understands'),
  terms: terms
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

/** The local formats a corpus file may be in: CSL-JSON, BibTeX, RIS, CSV, and tab-delimited text (.tsv, or Web of Science's .txt). */
export const CORPUS_TYPES = ['csl-json', 'bibtex', 'ris', 'csv', 'tsv'] as const;
export type CorpusType = (typeof CORPUS_TYPES)[number];

/** Whether a source is a corpus file rather than a live database. */
export function isCorpusType(type: string): type is CorpusType {
  return (CORPUS_TYPES as readonly string[]).includes(type);
}

export const CorpusSource = z.strictObject({
  type: z
    .enum(CORPUS_TYPES)
    .describe('The file format: csl-json, bibtex, ris (Zotero, EndNote, Scopus, Web of Science, ASReview), csv (Scopus, ASReview), tsv (Web of Science tab-delimited, ASReview)'),
  path: corpusPath.describe('Path from the repository root to the corpus file'),
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
    reason: z.string().min(3).max(1000).describe('Why, in words a reader understands; shown in the report'),
  })
  .refine((d) => (d.id === undefined) !== (d.doi === undefined), { message: 'name the record by id or by doi (one of them)' })
  .describe('A maintainer including or excluding one record, with the reason');
export type MaintainerDecision = z.infer<typeof MaintainerDecision>;

export const Screening = z.strictObject({
  years: z
    .strictObject({ from: year.optional(), to: year.optional() })
    .optional()
    .describe('Publication years to include (inclusive)'),
  require: terms
    .default([])
    .describe('A record must mention at least one of these terms in its title or abstract'),
  exclude: terms
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
    .describe(
      'Lowest relevance (0-1) a record needs, instead of the cut-off screening derives from the corpus (above 90% of its off-topic records, relevance 0.9); by default the derived one',
    ),
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
  queries: z.array(z.string().min(2).max(SEARCH_QUERY_MAX_LENGTH)).min(1).max(20).describe('Queries sent to live sources'),
  limit: z.int().min(1).max(1000).default(100).describe('Most records per source and query'),
});

export const QuestionFile = z.strictObject({
  $schema: z.string().max(500).optional(),
  title: z.string().min(3).max(200).describe('Short title shown in lists'),
  question: z.string().min(10).max(2000).describe('The research question, in full'),
  facets: z.array(Facet).min(1, 'name at least one facet of the question').max(20).describe('The parts an answer must cover'),
  sources: z.array(Source).min(1, 'name at least one source').max(20),
  search: Search.optional(),
  screening: Screening.prefault({}),
  citationStyle: CitationStyle.default('apa'),
  refresh: z
    .strictObject({ everyDays: z.int().min(1).max(365) })
    .optional()
    .describe('How often the scheduled job refreshes this review from live sources'),
  maintainers: z.array(z.string().min(1).max(100)).max(20).default([]),
  llm: QuestionLlm.optional().describe('Optional: which steps a language model may do (src/records/llm.ts)'),
});

export const Question = QuestionFile.extend({ id: slug });
export type Question = z.infer<typeof Question>;
export type QuestionInput = z.input<typeof QuestionFile>;
