import type { Question, ReviewerReport } from '../../records/index.ts';
import type { Draft } from '../compose.ts';
import { mentionsAny } from '../../text/facet-terms.ts';
import { addressesQuestion, paperText, questionTerms } from './question-terms.ts';
import { atLeast, fraction } from './score-scale.ts';

// Reviewer 2 — do the claims stand? Re-reads every claim's quote in its paper and every evidence quote in the
// paper it names, then weighs the verdicts: how many claims other included papers support, contradict or
// leave unverified, how confident the verification is, and how many supported claims speak to the question.
// Scores correctness and informativeness.
export function evidenceStrength(draft: Draft, question: Question): ReviewerReport {
  const reasons: string[] = [];
  const claims = draft.claims;
  const byId = new Map(draft.papers.map((p) => [p.id, p]));
  const n = claims.length;

  let broken = 0;
  for (const c of claims) {
    const p = byId.get(c.paper);
    const src = p ? p[c.quote.field] : null;
    if (typeof src !== 'string' || src.slice(c.quote.start, c.quote.end) !== c.quote.text) broken++;
    for (const e of c.verification.evidence) {
      const ep = byId.get(e.paper);
      if (!ep || !paperText(ep).includes(e.quote)) broken++;
    }
  }
  const supported = claims.filter((c) => c.verification.verdict === 'supported');
  const contradicted = claims.filter((c) => c.verification.verdict === 'contradicted').length;
  const insufficient = claims.filter((c) => c.verification.verdict === 'insufficient').length;

  let correctness: number;
  if (n === 0) {
    correctness = 1;
    reasons.push('The review has no claims, so nothing it says can be checked against the papers.');
  } else {
    reasons.push(
      `Of ${n} claims, ${fraction(supported.length, n)} are supported, ${fraction(contradicted, n)} contradicted and ${fraction(insufficient, n)} unverified by other included papers.`,
    );
    correctness = atLeast(supported.length / n, [0.15, 0.3, 0.5, 0.7]);
    // A quarter of the claims contested means the review's statements are often disputed by its own sources.
    if (contradicted / n >= 0.25) correctness = Math.max(1, correctness - 1);
    if (supported.length) {
      const conf = supported.reduce((a, c) => a + c.verification.confidence, 0) / supported.length;
      reasons.push(`Mean confidence of the supported claims: ${conf.toFixed(2)}.`);
      // Supported at low confidence is barely supported.
      if (conf < 0.5) correctness = Math.max(1, correctness - 1);
    }
    if (broken) {
      correctness = 1;
      reasons.push(`${broken} quote${broken === 1 ? ' is' : 's are'} not found verbatim in the paper cited for it.`);
    } else {
      reasons.push(`All ${n} claim quotes and their evidence quotes occur verbatim in the papers they cite.`);
    }
  }

  // Informativeness: what a reader learns about the question, counted in supported claims that speak to it
  // (the claim's own sentence mentions a term of the question, and its paper addresses the question).
  const terms = questionTerms(question);
  const onQuestion = supported.filter((c) => {
    const p = byId.get(c.paper);
    return p !== undefined && mentionsAny(c.text, terms.all) && addressesQuestion(paperText(p), terms);
  });
  const quantitative = onQuestion.filter((c) => /\d/.test(c.text)).length;
  const informativeness = atLeast(onQuestion.length, [1, 3, 5, 8]);
  reasons.push(
    `${onQuestion.length} supported claim${onQuestion.length === 1 ? '' : 's'} from on-topic papers mention${onQuestion.length === 1 ? 's' : ''} a term of the question` +
      (onQuestion.length ? `, ${quantitative} of them with a reported number.` : ', so the review tells a reader nothing verified about the question.'),
  );
  return {
    name: 'Evidence strength',
    focus: 'verbatim quotes, the verdicts and confidence of the claims, and how many verified claims speak to the question',
    criteria: { correctness, informativeness },
    reasons,
  };
}
