import type { Question, ReviewerReport } from '../../records/index.ts';
import type { Draft } from '../compose.ts';
import { compileTerms, facetsMentioned, mentionsAny } from '../../text/facet-terms.ts';
import { addressesQuestion, paperText, questionTerms } from './question-terms.ts';
import { atLeast, fraction } from './score-scale.ts';
import { namesIn } from './question-names.ts';

// Reviewer 1 — is the evidence about the question? Reads each included paper's title and abstract against
// the question's facets, its required terms and the names it mentions, and asks which facets any included
// paper speaks to and which facets have a supported claim. Scores relevancy and completeness.
export function topicalRelevance(draft: Draft, question: Question): ReviewerReport {
  const reasons: string[] = [];
  const papers = draft.papers;
  const facets = question.facets;
  const required = question.screening.require;
  const terms = questionTerms(question);

  const facetsOf = new Map(papers.map((p) => [p.id, facetsMentioned(paperText(p), terms.facets)]));
  const onTopic = papers.filter((p) => addressesQuestion(paperText(p), terms));
  const onTopicIds = new Set(onTopic.map((p) => p.id));
  const uncovered = facets.filter((f) => !papers.some((p) => facetsOf.get(p.id)?.includes(f.id)));
  const names = compileTerms(namesIn(question.question), 'as-written')
    .filter((n) => !papers.some((p) => mentionsAny(paperText(p), [n])))
    .map((n) => n.term);

  let relevancy: number;
  if (papers.length === 0) {
    relevancy = 1;
    reasons.push('No paper was included, so nothing in the review bears on the question.');
  } else {
    const share = onTopic.length / papers.length;
    const coverage = (facets.length - uncovered.length) / facets.length;
    relevancy = Math.min(atLeast(share, [0.25, 0.5, 0.75, 0.9]), atLeast(coverage, [0.4, 0.6, 0.8, 1]));
    reasons.push(
      `${fraction(onTopic.length, papers.length)} included papers are on topic (mention ${required.length ? `one of the required terms ${required.map((t) => `"${t}"`).join(', ')} and ` : ''}at least one facet of the question).`,
    );
    const mean = papers.reduce((a, p) => a + p.relevance, 0) / papers.length;
    reasons.push(`Mean screening relevance of the included papers: ${mean.toFixed(2)}.`);
    if (names.length) {
      // A name in the question (a model, a tool, a language) is what the asker wants to know about; evidence
      // about neighbours of it is not evidence about it: the review cannot answer the question as asked.
      relevancy = Math.min(relevancy, 2);
      reasons.push(
        `The question names ${names.join(', ')}, but no included paper mentions ${names.length === 1 ? 'it' : 'them'}: nothing here is evidence about ${names.join(' or ')} itself.`,
      );
    }
  }
  if (uncovered.length) {
    reasons.push(
      `${uncovered.length} of ${facets.length} facets have no included evidence (no included paper mentions their terms): ${uncovered.map((f) => f.id).join(', ')}.`,
    );
  } else if (papers.length) {
    reasons.push(`Every one of the ${facets.length} facets is mentioned by at least one included paper.`);
  }

  // Completeness: a facet is answered when a supported claim on it comes from an on-topic paper that itself
  // speaks to the facet (so a claim tagged with a facet by accident, or from an off-topic paper, does not count).
  const answered = facets.filter((f) =>
    draft.claims.some(
      (c) =>
        c.facet === f.id &&
        c.verification.verdict === 'supported' &&
        onTopicIds.has(c.paper) &&
        (facetsOf.get(c.paper)?.includes(f.id) ?? false),
    ),
  );
  let completeness = atLeast(answered.length / facets.length, [0.25, 0.5, 0.75, 1]);
  // What the question names is its subject; without it the answer is incomplete however many facets it covers.
  if (names.length) completeness = Math.min(completeness, 2);
  const unanswered = facets.filter((f) => !answered.includes(f)).map((f) => f.id);
  reasons.push(
    `${answered.length} of ${facets.length} facets are answered by a supported claim from an on-topic paper on that facet` +
      (unanswered.length ? `; unanswered: ${unanswered.join(', ')}.` : '.'),
  );
  return { name: 'Topical relevance', focus: 'whether the included papers and claims address the question and each of its facets', criteria: { relevancy, completeness }, reasons };
}
