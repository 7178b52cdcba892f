import type { Question, ReviewerReport } from '../../records/index.ts';
import type { Draft } from '../compose.ts';
import { mentionsAny } from '../../text/facet-terms.ts';
import { addressesQuestion, paperText, questionTerms } from './question-terms.ts';
import { atLeast, atMost, fraction } from './score-scale.ts';

// A summary sentence longer than this is hard to read in one pass (plain-language guides put the
// comfortable average at 15-20 words; quoted findings run longer, so the bar is set for them).
const LONG_SENTENCE_WORDS = 50;
// Two claims sharing this share of their words (Jaccard) say the same thing twice.
const NEAR_DUPLICATE = 0.6;

// Reviewer 5 — does the summary read well and hang together? Measures sentence length, repetition among the
// claims, whether the summary follows the question's facets in order, states every gap and contradiction
// the data holds, and whether its findings speak to the question. Scores readability, conciseness,
// cohesion and coherence.
export function summaryStyle(draft: Draft, question: Question): ReviewerReport {
  const reasons: string[] = [];
  const summary = draft.summary;
  const words = summary.map((s) => s.text.split(/\s+/).filter(Boolean).length);
  const mean = words.length ? words.reduce((a, b) => a + b, 0) / words.length : 0;
  const long = words.filter((w) => w > LONG_SENTENCE_WORDS).length;
  const readability = summary.length
    ? Math.min(atMost(mean, [25, 35, 45, 60]), atMost(long / summary.length, [0, 0.1, 0.25, 0.5]))
    : 1;
  reasons.push(
    `The summary has ${summary.length} sentence${summary.length === 1 ? '' : 's'}, ${mean.toFixed(1)} words on average; ${long} longer than ${LONG_SENTENCE_WORDS} words.`,
  );

  const sets = draft.claims.map((c) => new Set(c.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []));
  const redundant = new Set<number>();
  // Claims the extractor already grouped as near-duplicates count too (Claim.group names the first of a group).
  const ids = new Set(draft.claims.map((c) => c.id));
  draft.claims.forEach((c, i) => {
    if (c.group !== null && c.group !== c.id && ids.has(c.group)) {
      redundant.add(i).add(draft.claims.findIndex((x) => x.id === c.group));
    }
  });
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i];
      const b = sets[j];
      if (a && b && jaccard(a, b) >= NEAR_DUPLICATE) redundant.add(i).add(j);
    }
  }
  const perFacet = summary.length / Math.max(1, question.facets.length + 1);
  const conciseness = draft.claims.length
    ? Math.min(atMost(redundant.size / draft.claims.length, [0, 0.1, 0.2, 0.35]), atMost(perFacet, [3, 4, 5, 6]))
    : atMost(perFacet, [3, 4, 5, 6]);
  reasons.push(
    `${fraction(redundant.size, draft.claims.length)} claims nearly repeat another claim (word overlap of ${NEAR_DUPLICATE} or more); ` +
      `${perFacet.toFixed(1)} summary sentences per facet.`,
  );

  // Cohesion: an overview first, then the facets in the question's order, each facet's sentences together.
  const facetOrder = question.facets.map((f) => f.id);
  const sequence = summary.map((s) => s.facet).filter((f): f is string => f !== null);
  const runs = sequence.filter((f, i) => i === 0 || sequence[i - 1] !== f);
  const ordered = runs.length === new Set(runs).size && runs.every((f, i) => i === 0 || facetOrder.indexOf(f) > facetOrder.indexOf(runs[i - 1] ?? ''));
  const silent = facetOrder.filter((f) => !sequence.includes(f));
  const findings = summary.filter((s) => s.kind === 'finding' || s.kind === 'single-study');
  let cohesion = 5;
  if (summary[0]?.kind !== 'overview') { cohesion--; reasons.push('The summary does not open with an overview.'); }
  if (!ordered) { cohesion -= 2; reasons.push("The summary's sentences do not follow the question's facets in order."); }
  if (silent.length) { cohesion -= Math.min(2, silent.length); reasons.push(`No summary sentence on ${silent.join(', ')}.`); }
  if (findings.length === 0) {
    cohesion = Math.min(cohesion, 2);
    reasons.push('The summary states no finding: it is an overview and a list of gaps, with nothing to connect.');
  } else if (ordered && !silent.length) {
    reasons.push(`The summary opens with an overview and takes the ${facetOrder.length} facets in the question's order.`);
  }

  // Coherence: the summary agrees with the data (every gap stated, no gap contradicted by a finding, every
  // contradiction in the data stated) and its findings are about the question.
  let coherence = 5;
  const gapSentences = new Set(summary.filter((s) => s.kind === 'gap').map((s) => s.facet));
  const unstated = draft.gaps.filter((g) => !gapSentences.has(g));
  const both = [...gapSentences].filter((f) => findings.some((s) => s.facet === f && draft.claims.some((c) => s.claims.includes(c.id) && c.verification.verdict === 'supported')));
  if (unstated.length) { coherence -= 2; reasons.push(`Gaps not stated in the summary: ${unstated.join(', ')}.`); }
  if (both.length) { coherence -= 2; reasons.push(`Facets stated both as a gap and as answered: ${both.join(', ')}.`); }
  if (draft.contradictions.length && !summary.some((s) => s.kind === 'contradiction')) {
    coherence -= 1;
    reasons.push(`${draft.contradictions.length} contradicting evidence items exist but the summary states none.`);
  }
  const terms = questionTerms(question);
  const papers = new Map(draft.papers.map((p) => [p.id, p]));
  const onQuestionClaims = new Set(
    draft.claims
      .filter((c) => {
        const p = papers.get(c.paper);
        return p !== undefined && mentionsAny(c.text, terms.all) && addressesQuestion(paperText(p), terms);
      })
      .map((c) => c.id),
  );
  const onQuestion = findings.filter((s) => s.claims.some((id) => onQuestionClaims.has(id)));
  if (findings.length === 0) {
    coherence = Math.min(coherence, 2);
  } else {
    coherence = Math.min(coherence, atLeast(onQuestion.length / findings.length, [0.2, 0.4, 0.6, 0.8]));
    reasons.push(`${fraction(onQuestion.length, findings.length)} summary findings quote a claim from an on-topic paper that mentions a term of the question.`);
  }
  return {
    name: 'Summary style',
    focus: 'sentence length, repetition, order by facet, and whether the summary states what the data holds',
    criteria: { readability, conciseness, cohesion: Math.max(1, cohesion), coherence: Math.max(1, coherence) },
    reasons,
  };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
