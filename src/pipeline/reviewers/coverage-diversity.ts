import type { Question, ReviewerReport } from '../../records/index.ts';
import type { Draft } from '../compose.ts';
import { facetsMentioned } from '../../text/facet-terms.ts';
import { addressesQuestion, paperText, questionTerms } from './question-terms.ts';
import { atLeast } from './score-scale.ts';

// Reviewer 4 — how broad is the evidence base? Counts the included papers, the facets that at least two of
// them speak to (one paper on a facet is an anecdote), the years they span and the sources that returned
// them. Scores completeness and informativeness from the breadth of the base, not from the claims.
export function coverageDiversity(draft: Draft, question: Question): ReviewerReport {
  const reasons: string[] = [];
  const papers = draft.papers;
  const facets = question.facets;
  const terms = questionTerms(question);
  // Only papers that address the question count towards a facet's coverage.
  const mentioned = papers.filter((p) => addressesQuestion(paperText(p), terms)).map((p) => facetsMentioned(paperText(p), terms.facets));
  const perFacet = facets.map((f) => ({ id: f.id, papers: mentioned.filter((m) => m.includes(f.id)).length }));
  const twoOrMore = perFacet.filter((f) => f.papers >= 2);
  const thin = perFacet.filter((f) => f.papers < 2);

  const breadth = atLeast(papers.length, [2, 4, 8, 15]);
  const completeness = Math.min(breadth, atLeast(twoOrMore.length / facets.length, [0.25, 0.5, 0.75, 1]));
  reasons.push(`${papers.length} paper${papers.length === 1 ? ' is' : 's are'} included.`);
  reasons.push(
    `${twoOrMore.length} of ${facets.length} facets are mentioned by two or more included papers that address the question` +
      (thin.length ? `; fewer than two for ${thin.map((f) => `${f.id} (${f.papers})`).join(', ')}.` : '.'),
  );

  const years = papers.map((p) => p.year).filter((y): y is number => y !== null);
  const span = years.length ? Math.max(...years) - Math.min(...years) + 1 : 0;
  const sources = new Set(papers.flatMap((p) => p.sources));
  const venues = new Set(papers.map((p) => p.venue).filter((v) => v !== null));
  reasons.push(
    years.length
      ? `Included papers span ${span} year${span === 1 ? '' : 's'} (${Math.min(...years)} to ${Math.max(...years)}) and ${venues.size} named venue${venues.size === 1 ? '' : 's'}.`
      : 'No included paper has a publication year.',
  );
  reasons.push(`They come from ${sources.size} source${sources.size === 1 ? '' : 's'}${sources.size ? ` (${[...sources].sort().join(', ')})` : ''}.`);
  const diversity = (atLeast(span, [2, 3, 5, 7]) + atLeast(sources.size, [1, 2, 2, 3]) + breadth) / 3;
  const informativeness = Math.max(1, Math.min(breadth, Math.round(diversity)));
  return {
    name: 'Coverage and diversity',
    focus: 'how many papers, facets, years and sources the evidence base spans',
    criteria: { completeness, informativeness },
    reasons,
  };
}
