// A question's facets, compiled once per question, and which of them a text speaks to.
//
// Exported API
//   type FacetSpec = { id: string; terms: readonly string[] }          a question's facet (records/question.ts)
//   type CompiledFacet = { id: string; terms: CompiledTerm[]; stems: string[] }
//   compileFacets(facets: readonly FacetSpec[], reading: TermReading = 'stemmed'): CompiledFacet[]
//       the same facets and reading give the same list, shared: read-only
//   compileTerms(terms: readonly string[], reading: TermReading = 'stemmed'): CompiledTerm[]
//   mentionCount(text: string | AnalysedText, terms: readonly CompiledTerm[]): number
//       occurrences of the terms (findTerms' hits: one per term and place)
//   mentionsAny(text: string | AnalysedText, terms: readonly CompiledTerm[]): boolean
//   facetMentions(text: string | AnalysedText, facets: readonly CompiledFacet[]): { id: string; count: number }[]
//       each facet's mentionCount, in the facets' order
//   facetsMentioned(text: string | AnalysedText, facets: readonly CompiledFacet[]): string[]
//       ids of the facets mentioned at least once, in the facets' order
//
// Terms match as src/text/terms.ts describes, in the reading they were compiled with: 'stemmed' for the stages
// (screening, claims), 'as-written' for the review panel. `stems` are the content-term stems of a facet's terms
// (src/text/tokens.ts contentTerms, in term order, repeats kept): what a facet adds to a BM25 query, in
// screening's relevance and in verification's evidence search.
import { contentTerms } from './tokens.ts';
import { remembered } from './remembered.ts';
import { analyseText, compileTerm, countTermHits, findTerms, termSet, type AnalysedText, type CompiledTerm, type TermReading, type TermSet } from './terms.ts';

export type FacetSpec = { id: string; terms: readonly string[] };

export type CompiledFacet = { id: string; terms: CompiledTerm[]; stems: string[] };

// The same facets compile to the same (read-only) list for the whole run: screening, claims, verification, the
// summary and every reviewer compile a question's facets, and a facet list is the key under which its term set
// and the texts already read against it are kept (facetTermSet, mentionsOf below).
const compiledFacets = remembered((key: string): CompiledFacet[] => {
  const { facets, reading } = JSON.parse(key) as { facets: [string, string[]][]; reading: TermReading };
  return facets.map(([id, terms]) => ({
    id,
    terms: compileTerms(terms, reading),
    stems: terms.flatMap((t) => contentTerms(t)),
  }));
}, 5_000);

export function compileFacets(facets: readonly FacetSpec[], reading: TermReading = 'stemmed'): CompiledFacet[] {
  return compiledFacets(JSON.stringify({ facets: facets.map((f) => [f.id, f.terms]), reading }));
}

export function compileTerms(terms: readonly string[], reading: TermReading = 'stemmed'): CompiledTerm[] {
  return terms.map((t) => compileTerm(t, reading));
}

export function mentionCount(text: string | AnalysedText, terms: readonly CompiledTerm[]): number {
  return findTerms(text, terms).length;
}

export function mentionsAny(text: string | AnalysedText, terms: readonly CompiledTerm[]): boolean {
  return mentionCount(text, terms) > 0;
}

export function facetMentions(text: string | AnalysedText, facets: readonly CompiledFacet[]): { id: string; count: number }[] {
  if (typeof text !== 'string') return mentionsNow(text, facets);
  let known = mentionsOf.get(facets);
  if (known === undefined) mentionsOf.set(facets, (known = remembered((t: string) => mentionsNow(t, facets), 20_000)));
  return known(text).map((m) => ({ ...m }));
}

// What a text mentions, per compiled facet list: the reviewers read each included paper against the facets three
// or four times (topical relevance, coverage, whether a paper addresses the question).
const mentionsOf = new WeakMap<readonly CompiledFacet[], (text: string) => { id: string; count: number }[]>();

function mentionsNow(text: string | AnalysedText, facets: readonly CompiledFacet[]): { id: string; count: number }[] {
  const read = readOnce(text, facets);
  const { set, facetOf } = facetTermSet(facets);
  const counts = facets.map(() => 0);
  countTermHits(read, set).forEach((n, order) => (counts[facetOf[order]!]! += n));
  return facets.map((f, k) => ({ id: f.id, count: counts[k]! }));
}

// One term set for all of a question's facets, prepared once per compiled facet list (the stages compile a
// question's facets once and match them against every record).
const facetSets = new WeakMap<readonly CompiledFacet[], { set: TermSet; facetOf: number[] }>();

function facetTermSet(facets: readonly CompiledFacet[]): { set: TermSet; facetOf: number[] } {
  let prepared = facetSets.get(facets);
  if (!prepared) {
    prepared = { set: termSet(facets.flatMap((f) => f.terms)), facetOf: facets.flatMap((f, k) => f.terms.map(() => k)) };
    facetSets.set(facets, prepared);
  }
  return prepared;
}

export function facetsMentioned(text: string | AnalysedText, facets: readonly CompiledFacet[]): string[] {
  return facetMentions(text, facets)
    .filter((f) => f.count > 0)
    .map((f) => f.id);
}

// A text is analysed once for all facets, and not at all when every term is matched on the source text.
function readOnce(text: string | AnalysedText, facets: readonly CompiledFacet[]): string | AnalysedText {
  if (typeof text !== 'string' || facets.every((f) => f.terms.every((t) => t.written !== null || t.literal !== null))) return text;
  return analysed(text);
}

// The same sentences and paper texts are read against each question's facets, and a run's questions share papers
// (issue 13): each text is analysed once. Read-only (hitsIn only reads it). Bounded like the other memos.
const analysed = remembered(analyseText, 5_000);
