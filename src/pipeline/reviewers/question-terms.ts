// The question's terms as a reviewer reads them: compiled once per reviewer call, read as written
// (src/text/terms.ts, 'as-written': names keep their case, terms match at word starts as prefixes, no stems).
// Reviewers use this reading instead of the screening stage's stemmed matches, so their verdicts rest on their
// own reading of the text.
import type { CompiledTerm } from '../../text/terms.ts';
import { compileFacets, compileTerms, facetsMentioned, mentionsAny, type CompiledFacet, type FacetSpec } from '../../text/facet-terms.ts';

export type QuestionTerms = {
  facets: CompiledFacet[];
  required: CompiledTerm[];
  // Every term of the question: its facets' terms, then its required terms.
  all: CompiledTerm[];
};

export function questionTerms(question: { facets: readonly FacetSpec[]; screening: { require: readonly string[] } }): QuestionTerms {
  const facets = compileFacets(question.facets, 'as-written');
  const required = compileTerms(question.screening.require, 'as-written');
  return { facets, required, all: [...facets.flatMap((f) => f.terms), ...required] };
}

export function paperText(p: { title: string; abstract: string | null }): string {
  return `${p.title}\n${p.abstract ?? ''}`;
}

// A text addresses the question when it mentions one of the terms the question says a relevant record must
// mention (when it lists any: its core topic, e.g. "vulnerab") and a term of at least one of its facets.
// Facet terms alone are not enough: "state-of-the-art" or "accuracy" occur in any machine-learning abstract.
export function addressesQuestion(text: string, terms: QuestionTerms): boolean {
  return (terms.required.length === 0 || mentionsAny(text, terms.required)) && facetsMentioned(text, terms.facets).length > 0;
}
