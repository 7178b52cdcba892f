import { stringify } from 'yaml';
import { SiftError } from '../records/problem.ts';
import { parseQuestion } from './parse-question.ts';
import { facetsFromQuestion, QUERY_FACETS, searchQueryFromFacets } from './question-facets.ts';

export interface NewQuestionAnswers {
  question: string;
  title?: string;
  id?: string;
  facets?: { id?: string; label: string; terms: string[] }[];
  sources?: string[];
  maintainer?: string;
}

const STOP = new Set(
  'a an and are as at be by can do does for from how in into is it its of on or than that the their there these this to under what when which while who why with without'.split(' '),
);

export function slugify(text: string, max = 60): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word boundary so an id never ends in half a word.
  const cut = slug.length <= max ? slug : slug.slice(0, slug.lastIndexOf('-', max) > 0 ? slug.lastIndexOf('-', max) : max);
  return cut.replace(/-+$/, '') || 'question';
}

// An id from the question's content words, made unique against the ids already taken.
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function keyTerms(question: string, max = 6): string[] {
  const words = question.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !STOP.has(w)))].slice(0, max);
}

const LIVE = ['openalex', 'crossref', 'semanticscholar', 'arxiv', 'europepmc'];

// A source named on the command line: a live database by name, a corpus file by its extension (Web of
// Science's tab-delimited export is a .txt).
const CORPUS_EXTENSIONS: [RegExp, string][] = [
  [/\.json$/i, 'csl-json'],
  [/\.bib$/i, 'bibtex'],
  [/\.ris$/i, 'ris'],
  [/\.csv$/i, 'csv'],
  [/\.(?:tsv|txt)$/i, 'tsv'],
];

function sourceOf(name: string): { type: string; path?: string } {
  const type = CORPUS_EXTENSIONS.find(([pattern]) => pattern.test(name))?.[1];
  return type === undefined ? { type: name } : { type, path: name };
}

// A commented question file: the comments teach the fields to someone who has never seen one.
export function newQuestionYaml(answers: NewQuestionAnswers, taken: ReadonlySet<string>): { id: string; text: string } {
  const question = answers.question.trim().replace(/\s+/g, ' ');
  const terms = keyTerms(question);
  const title = answers.title?.trim() || (question.length <= 120 ? question.replace(/\?$/, '') : `${question.slice(0, 117)}…`);
  const id = uniqueId(answers.id ? slugify(answers.id) : slugify(terms.join(' ') || title, 50), taken);
  const read = facetsFromQuestion(question);
  const facets = answers.facets?.length
    ? answers.facets.map((f) => ({ id: f.id ? slugify(f.id, 40) : slugify(f.label, 40), label: f.label, terms: f.terms }))
    : read.length > 0
      ? read
      : [{ id: 'main', label: `The subject of the question: ${terms.join(', ')}`, terms }];
  const sources = (answers.sources?.length ? answers.sources : LIVE).map(sourceOf);
  const body = {
    title,
    question,
    facets,
    sources,
    ...(sources.some((s) => !('path' in s)) ? { search: { queries: [searchQueryFromFacets(facets)], limit: 100 } } : {}),
    screening: { years: { from: 2015 }, require: [], exclude: [], decisions: [] },
    citationStyle: 'apa',
    refresh: { everyDays: 30 },
    maintainers: answers.maintainer ? [answers.maintainer] : [],
  };
  const text = [
    '# yaml-language-server: $schema=../public/schema/question.schema.json',
    `# A Sift review. The file name (${id}.yaml) is its id. Validate with: npm run check`,
    '# facets: the parts an answer must cover; a facet no included paper covers is reported as a gap. These were',
    '#   read from the question (named models and methods, then its noun phrases): keep the 2-5 an answer must',
    '#   cover, merge or split them, and add the words that signal each in a title or abstract.',
    '#   role: required (the default: the population or core concept) or aspect (any one aspect suffices).',
    '# sources: live databases (refreshed by `npm run synthesize -- --refresh`) or local corpora',
    '#   ({ type: csl-json, path: corpora/x.csl.json }; bibtex .bib; ris .ris; csv .csv; tsv .tsv/.txt).',
    `# search.queries: the first ${QUERY_FACETS} facets ANDed, each an OR of its terms; each database gets it in its own syntax.`,
    '# screening: require = a record must mention one of these; exclude = any of these excludes it;',
    '#   decisions = your own include/exclude decisions ({ id: …, decision: include, reason: … }); they',
    '#   override screening and teach its ranker. The relevance cut-off adapts to the corpus; there is no cap',
    '#   unless you set maxIncluded.',
    stringify(body, { lineWidth: 110 }),
  ].join('\n');
  const parsed = parseQuestion(text, `questions/${id}.yaml`);
  // Answers can make the file invalid (a one-letter term): say where, as npm run check would.
  if (!parsed.ok) throw new SiftError(parsed.problems);
  return { id, text };
}
