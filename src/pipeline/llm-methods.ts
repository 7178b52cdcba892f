// The methods text of a review a language model took part in: which steps, which model, when, what its answers
// were held to, and how many of them, or of their parts, the checks rejected. Read from the provenance record
// the page and the JSON show, so the numbers agree (design §4 rule 5).
import type { LlmProvenance, LlmRejection, LlmStep } from '../records/index.ts';

const STEP_WORDS: Record<LlmStep, string> = {
  claims: 'claim extraction',
  stance: 'stance of the evidence',
  summary: 'summary prose',
  review: 'one reviewer of the panel',
};

const CHECK_WORDS: Record<LlmStep, string> = {
  claims: 'a proposed claim is kept only if its quote is verbatim at its offsets in the paper sent, is long enough to state a finding and does not address the reader as an instruction',
  stance: "a stance counts only for an evidence sentence that was sent (the verifier's strongest candidates, of which the page shows five, those the model judged to take a side first), with a one-line reason stating no number absent from the claim and the sentence, and takes a side only at a probability of 0.5 or more",
  summary: "a sentence stands only if it cites claims of its facet that exist, carries no citation of its own, speaks of the findings rather than of the review itself, states no number absent from its cited quotes and is grounded in their words; whether it reads as corroborated, single-study or contested follows from the cited claims' verdicts (a claim another included paper contradicts reads as contested)",
  review: 'a score counts only with a reason that quotes an item of this page (a claim, a summary sentence, a paper title, a gap or a count)',
};

const REJECTION_WORDS: Record<LlmRejection, string> = {
  refused: 'answers refused',
  truncated: 'answers cut off by the length limit',
  malformed: 'answers or parts not in the required form',
  'claim-not-verbatim': 'claim spans not verbatim at their offsets',
  'claim-paper-not-sent': 'claim spans naming a paper that was not sent',
  'claim-too-short': 'claim spans too short to state a finding',
  'claim-over-limit': 'claim spans beyond the three a paper gives',
  'claim-facet-unknown': 'claim facets that are not facets of the question (the claim kept without one)',
  'claim-instruction': 'claim spans that are instructions, not findings',
  'stance-evidence-not-sent': 'stances on sentences that were never sent',
  'stance-duplicate': 'repeated stances on one sentence',
  'stance-reason-unchecked': 'stances whose reason was not one line or stated a number from neither text',
  'summary-no-citation': 'summary sentences citing no claim',
  'summary-unknown-claim': 'summary sentences citing a claim not in the report',
  'summary-off-facet': "summary sentences citing a claim of another facet",
  'summary-citation-in-text': 'summary sentences with a citation of their own in the text',
  'summary-number-not-quoted': 'summary sentences stating a number found in none of their cited quotes',
  'summary-ungrounded': 'summary sentences whose words their cited claims do not bear out',
  'summary-about-review': 'summary sentences about the review itself rather than the findings',
  'review-reason-unchecked': 'reviewer reasons pointing at nothing checkable on this page',
  'review-score-unsupported': 'reviewer scores left without a checked reason',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function day(iso: string | null): string {
  return iso === null ? 'never' : iso.slice(0, 10);
}

export function llmMethods(p: LlmProvenance): string[] {
  const steps = p.steps.map(
    (s) => `${STEP_WORDS[s.step]} (${s.answered} of ${plural(s.asked, 'request')} answered, ${s.used} let through)`,
  );
  const when = p.answeredFrom === null ? 'no answer is cached yet' : p.answeredFrom.slice(0, 10) === day(p.answeredTo) ? `answered on ${day(p.answeredFrom)}` : `answered from ${day(p.answeredFrom)} to ${day(p.answeredTo)}`;
  const rejected = Object.entries(p.rejections).map(([kind, n]) => `${REJECTION_WORDS[kind as LlmRejection]}: ${n}`);
  return [
    `A language model (${p.model}) took these steps: ${steps.join('; ')}; ${when}. ` +
      'Its answers were checked, not trusted: ' +
      p.steps.map((s) => CHECK_WORDS[s.step]).join('; ') +
      '. Where a request has no answer, or its answer was rejected whole, the offline method stands. ' +
      (rejected.length ? `Rejected: ${rejected.join('; ')}.` : 'The checks rejected nothing.') +
      (p.stanceConfidence ? ` ${stanceConfidenceWords(p.stanceConfidence)}` : ''),
  ];
}

function stanceConfidenceWords(c: NonNullable<LlmProvenance['stanceConfidence']>): string {
  if (c.fitted === null) {
    return (
      "Stance probabilities are the model's own, uncalibrated: no calibration has been fitted for this model and prompt, " +
      'so a stated probability may not match how often the model is right.'
    );
  }
  return (
    `Stance probabilities are calibrated: the model's stated probabilities are mapped per stance by a calibration fitted on ` +
    `${plural(c.fitted.judged, 'judged labelled pair')} of ${c.fitted.file} (held-out expected calibration error ` +
    `${c.fitted.eceBefore.toFixed(3)} before, ${c.fitted.eceAfter.toFixed(3)} after), and a side is taken only at a calibrated probability of 0.5 or more.`
  );
}
