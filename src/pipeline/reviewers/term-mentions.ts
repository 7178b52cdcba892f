// Whether a text mentions a term, the way a reader scanning an abstract would judge it. Reviewers use this
// instead of the screening stage's matches, so their verdicts rest on their own reading of the text.
//
// - Case: a term written with a capital letter ("Codestral", "Go", "LoRA", "CWE") is a name and is matched
//   with its case, so "Go" the language is not found in "go beyond"; other terms ignore case.
// - Hyphens and spaces are interchangeable, as authors write both: a hyphenated term also matches written
//   apart or closed up ("fine-tuning" = "fine tuning" = "finetuning"), a spaced term matches hyphenated.
// - A term matches at a word start and may continue into a longer word ("vulnerab" finds "vulnerability",
//   "robust" finds "robustness"), which is how question files write prefixes; a term of 3 letters or fewer
//   must be a whole word (plural "s" allowed), so "Go" does not match "Google".

const cache = new Map<string, RegExp>();

function pattern(term: string): RegExp {
  let re = cache.get(term);
  if (!re) {
    const name = /\p{Lu}/u.test(term);
    const body = term
      .trim()
      .split(/(\s+|-)/)
      .map((w) => (w === '-' ? '[\\s-]?' : /^\s+$/.test(w) ? '[\\s-]+' : w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    const tail = term.trim().length <= 3 ? 's?(?![\\p{L}\\p{N}])' : '';
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}`, name ? 'u' : 'iu');
    cache.set(term, re);
  }
  return re;
}

export function mentions(text: string, term: string): boolean {
  return pattern(term).test(text);
}

export function mentionsAny(text: string, terms: readonly string[]): boolean {
  return terms.some((t) => mentions(text, t));
}

export function paperText(p: { title: string; abstract: string | null }): string {
  return `${p.title}\n${p.abstract ?? ''}`;
}

// Ids of the question's facets whose terms the text mentions, in the question's facet order.
export function facetsMentioned(text: string, facets: readonly { id: string; terms: readonly string[] }[]): string[] {
  return facets.filter((f) => mentionsAny(text, f.terms)).map((f) => f.id);
}

type QuestionTerms = { facets: readonly { id: string; terms: readonly string[] }[]; screening: { require: readonly string[] } };

// A text addresses the question when it mentions one of the terms the question says a relevant record must
// mention (when it lists any: its core topic, e.g. "vulnerab") and a term of at least one of its facets.
// Facet terms alone are not enough: "state-of-the-art" or "accuracy" occur in any machine-learning abstract.
export function addressesQuestion(text: string, question: QuestionTerms): boolean {
  const required = question.screening.require;
  return (required.length === 0 || mentionsAny(text, required)) && facetsMentioned(text, question.facets).length > 0;
}

// Every term of the question: its facets' terms and its required terms.
export function questionTerms(question: QuestionTerms): string[] {
  return [...question.facets.flatMap((f) => f.terms), ...question.screening.require];
}
