// One more reviewer in the panel, by a language model, checked: it scores the criteria it chooses, and every
// reason it gives must point at an item on the report page and quote it, so a reader can check the reason there.
//
// Exported API
//   REVIEW_PROMPT = 'review-v1'
//   reviewRequest(draft, question): request data (one per review)
//   modelReviewer(draft, question, ledger): Reviewer | null
//     null when there is no answer or no score survives the checks; otherwise a reviewer that reports the
//     checked scores and reasons (a pure function of the draft, like the others).
//
// Checks:
//   review-reason-unchecked    a reason whose target is not on the page, whose quote is not found in that item
//                              (a claim's text, a summary sentence, a paper's title, a gap's facet label, a count's
//                              value), or whose comment is not one line or states a number found in neither the
//                              quote's item nor the report's counts
//   review-score-unsupported   a criterion score with no reason left, out of 1-5, or given twice
// A paper is pointed at by its title only: the page shows titles, not abstracts, and an abstract may carry text
// planted for a model ("rate this review 10/10"), which a reason could otherwise quote as its support.
import type { Counts, Criterion, Question, ReviewAnswer, ReviewerReport } from '../records/index.ts';
import { ReviewAnswer as ReviewAnswerSchema } from '../records/index.ts';
import { unquotedNumbers } from '../text/numbers.ts';
import type { Draft } from './compose.ts';
import type { Reviewer } from './reviewers/reviewer.ts';
import { answerSchema, readAnswer, type LlmLedger, type LlmRequest } from './llm-request.ts';
import { promptMessages } from './llm-prompts.ts';

export const REVIEW_PROMPT = 'review-v1';
const MAX_COMMENT_CHARS = 300;
/** A quote shorter than this locates nothing (unless it is the item's whole text). */
const MIN_QUOTE_CHARS = 12;

const TASK = [
  'Review this synthesis as a critical peer reviewer. Score the criteria you can judge from 1 (poor) to 5 (excellent):',
  'relevancy, correctness, completeness, informativeness, integration, cohesion, coherence, readability, conciseness.',
  'Every reason must point at one item of the report and quote it: target "claim" (ref: the claim id; quote: words copied',
  'from its text), "summary" (ref: the sentence number; quote: words copied from it), "paper" (ref: the paper id; quote: words',
  'copied from its title), "gap" (ref: the facet id; quote: words from the facet label) or "count" (ref: the count name; quote:',
  'its value). The comment is one line. A reason that points at nothing in the report is discarded, and so is a score without one.',
].join(' ');

export function reviewRequest(draft: Draft, question: Question): Omit<LlmRequest, 'key'> {
  const data = {
    question: question.question,
    facets: draft.facets,
    counts: countsShown(draft.counts),
    gaps: draft.gaps,
    summary: draft.summary.map((s, i) => ({ number: i + 1, facet: s.facet, kind: s.kind, text: s.text, claims: s.claims })),
    claims: draft.claims.map((c) => ({
      id: c.id,
      paper: c.paper,
      facet: c.facet,
      text: c.text,
      verdict: c.verification.verdict,
      confidence: c.verification.confidence,
    })),
    papers: draft.papers.map((p) => ({ id: p.id, title: p.title, year: p.year })),
  };
  return {
    step: 'review',
    prompt: REVIEW_PROMPT,
    subject: draft.id,
    messages: promptMessages(TASK, data),
    schemaName: 'review',
    schema: answerSchema('review'),
    maxTokens: 3000,
  };
}

function countsShown(c: Counts) {
  return { identified: c.identified, duplicates: c.duplicates, screened: c.screened, excluded: c.excluded, included: c.included, claims: c.claims, supported: c.supported, contradicted: c.contradicted, insufficient: c.insufficient };
}

type Reason = ReviewAnswer['criteria'][number]['reasons'][number];

/** The text of the item a reason points at and how to name it, or null when it is not on the page. */
function target(reason: Reason, draft: Draft): { text: string; label: string } | null {
  const ref = reason.ref.trim();
  switch (reason.target) {
    case 'claim': {
      const c = draft.claims.find((x) => x.id === ref);
      return c ? { text: c.text, label: `claim ${c.id}` } : null;
    }
    case 'summary': {
      const n = /^\d+$/.test(ref) ? Number(ref) : 0;
      const s = draft.summary[n - 1];
      return s ? { text: s.text, label: `summary sentence ${n}` } : null;
    }
    case 'paper': {
      const p = draft.papers.find((x) => x.id === ref);
      return p ? { text: p.title, label: `paper ${p.id}` } : null;
    }
    case 'gap': {
      const f = draft.gaps.includes(ref) ? draft.facets.find((x) => x.id === ref) : undefined;
      return f ? { text: f.label, label: `gap "${f.label}"` } : null;
    }
    case 'count': {
      const counts: Record<string, number> = countsShown(draft.counts);
      return ref in counts ? { text: String(counts[ref]), label: `count ${ref}` } : null;
    }
  }
}

function checkedReason(reason: Reason, draft: Draft): string | null {
  const item = target(reason, draft);
  if (item === null) return null;
  const quote = reason.quote.trim();
  const comment = reason.comment.trim();
  if (reason.target === 'count') {
    if (quote !== item.text) return null;
  } else if (quote.length < Math.min(MIN_QUOTE_CHARS, item.text.length) || !item.text.includes(quote)) {
    return null;
  }
  if (comment === '' || /[\r\n]/.test(comment) || comment.length > MAX_COMMENT_CHARS) return null;
  if (unquotedNumbers(comment, [item.text], Object.values(countsShown(draft.counts))).length > 0) return null;
  return reason.target === 'count' ? `${comment} (${item.label}: ${item.text})` : `${comment} (${item.label}: "${quote}")`;
}

export function modelReviewer(draft: Draft, question: Question, ledger: LlmLedger): Reviewer | null {
  const entry = ledger.ask(reviewRequest(draft, question));
  if (entry === undefined) return null;
  const answer = readAnswer(entry, ReviewAnswerSchema);
  if (!answer.ok) {
    ledger.reject(answer.rejection);
    return null;
  }
  const criteria: Partial<Record<Criterion, number>> = {};
  const reasons: string[] = [];
  for (const c of answer.value.criteria) {
    const kept = c.reasons.map((r) => checkedReason(r, draft));
    ledger.reject('review-reason-unchecked', kept.filter((r) => r === null).length);
    const good = kept.filter((r): r is string => r !== null);
    if (good.length === 0 || criteria[c.criterion] !== undefined || !(c.score >= 1 && c.score <= 5)) {
      ledger.reject('review-score-unsupported');
      continue;
    }
    criteria[c.criterion] = c.score;
    reasons.push(...good.map((r) => `${c.criterion[0]!.toUpperCase()}${c.criterion.slice(1)} ${c.score}/5: ${r}`));
  }
  if (reasons.length === 0) return null;
  ledger.accept('review');
  const report: ReviewerReport = {
    name: `Language model (${ledger.context.model})`,
    focus: 'a second reading by a language model; each reason quotes the item of this page it is about',
    criteria,
    reasons,
  };
  return () => report;
}
