// The summary as prose, by a language model, checked: for each facet with claims, the model writes a short
// paragraph from those claims alone, every sentence citing the claims it rests on. A sentence that fails a check
// is dropped; a facet with no sentence left keeps the summary composed by rule (compose-summary.ts).
//
// Exported API
//   SUMMARY_PROMPT = 'summary-v1'
//   summaryRequest(question, facet, claims): request data for one facet
//   checkSentence(sentence, facet, claims, question): the rejection, or null when the sentence may stand
//   modelSummary(draft, question, ledger): SummarySentence[]
//     the composed summary with each answered facet's findings replaced by the model's checked sentences; the
//     facet's gap and contradiction sentences, computed from the data, stay.
//
// Checks, in this order, each counted when it drops a sentence:
//   summary-no-citation        the sentence cites no claim
//   summary-unknown-claim      it cites a claim that is not in the report
//   summary-off-facet          it cites a claim of another facet
//   summary-citation-in-text   its text carries a citation of its own ("(Smith et al., 2020)", "[3]"), which could
//                              name a paper that is not included; citations are the claim ids, rendered by the page
//   summary-about-review       it speaks of the review itself ("this review", "every claim", "all included studies"):
//                              a verdict on the whole evidence is the data's to give (counts, gaps, the panel),
//                              never a sentence's
//   summary-number-not-quoted  it states a number found in none of the quotes it cites (src/text/numbers.ts)
//   summary-ungrounded         fewer than MIN_GROUNDED of its content words occur in its cited claims, the facet
//                              or the question: it says something its citations do not
// A kept sentence's kind follows from the verdicts of the claims it cites, never from its wording: "finding" only
// when every cited claim is supported, "contradiction" when one is contradicted, else "single-study".
import type { Facet, LlmRejection, Question, SummarySentence, VerifiedClaim } from '../records/index.ts';
import { SummaryAnswer } from '../records/index.ts';
import { unquotedNumbers } from '../text/numbers.ts';
import { contentTerms } from '../text/tokens.ts';
import type { Draft } from './compose.ts';
import { answerSchema, readAnswer, type LlmLedger, type LlmRequest } from './llm-request.ts';
import { promptMessages } from './llm-prompts.ts';

export const SUMMARY_PROMPT = 'summary-v1';
/** Claims sent per facet, strongest first (verdict, then confidence). */
const CLAIMS_PER_FACET = 12;
const MIN_GROUNDED = 0.5;
const MAX_SENTENCE_CHARS = 400;

// Words a review uses about its evidence rather than about the topic: they need no grounding in a quote.
const REVIEW_WORDS = new Set(
  contentTerms(
    'study studies paper papers work works report reports reported finding findings find found show shows shown evidence result results ' +
      'suggest suggests single corroborate corroborated contest contested contradict contradicts contradicted support supports supported ' +
      'claim claims author authors review reviewed literature research researcher overall however whereas although several other another ' +
      'include included indicate indicates observe observed state states stated remain remains unclear limited mixed both one',
  ),
);

const TASK = [
  'Write a short paragraph (two to five sentences) that answers the question for this facet, from these claims alone.',
  'Each sentence cites, in "claims", the ids of the claims it rests on. Say a finding is established only when its claims are',
  '"supported" by other papers; say when a finding rests on a single study ("insufficient") or is contested ("contradicted").',
  'Write no citation, author name or year into the text, and no number that is not in the claims the sentence cites.',
].join(' ');

const VERDICT_RANK = { supported: 0, insufficient: 1, contradicted: 2 } as const;

function facetClaims(claims: readonly VerifiedClaim[], facet: string): VerifiedClaim[] {
  return claims
    .filter((c) => c.facet === facet)
    .sort(
      (a, b) =>
        VERDICT_RANK[a.verification.verdict] - VERDICT_RANK[b.verification.verdict] ||
        b.verification.confidence - a.verification.confidence ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, CLAIMS_PER_FACET);
}

export function summaryRequest(question: Question, facet: Facet, claims: readonly VerifiedClaim[]): Omit<LlmRequest, 'key'> {
  const data = {
    question: question.question,
    facet: { id: facet.id, label: facet.label },
    claims: claims.map((c) => ({
      id: c.id,
      text: c.text,
      verdict: c.verification.verdict,
      supportingPapers: new Set(c.verification.evidence.filter((e) => e.stance === 'supports').map((e) => e.paper)).size,
      contradictingPapers: new Set(c.verification.evidence.filter((e) => e.stance === 'contradicts').map((e) => e.paper)).size,
    })),
  };
  return {
    step: 'summary',
    prompt: SUMMARY_PROMPT,
    subject: facet.id,
    messages: promptMessages(TASK, data),
    schemaName: 'summary',
    schema: answerSchema('summary'),
    maxTokens: 1500,
  };
}

const CITATION_IN_TEXT = /\([^()]*\b(?:19|20)\d{2}[a-z]?\b[^()]*\)|\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\bet al\b|\b(?:doi|arxiv):/i;

const ABOUT_REVIEW =
  /\b(?:this|the present|our) (?:review|synthesis|report|summary)\b|\b(?:every|each|all(?: of the)?|all the) (?:claims?|findings?|included (?:papers?|stud(?:y|ies)))\b/i;

export function checkSentence(
  sentence: { text: string; claims: readonly string[] },
  facet: Facet,
  claims: ReadonlyMap<string, VerifiedClaim>,
  question: Question,
): LlmRejection | null {
  if (sentence.claims.length === 0) return 'summary-no-citation';
  const cited = sentence.claims.map((id) => claims.get(id));
  if (cited.some((c) => c === undefined)) return 'summary-unknown-claim';
  const sure = cited as VerifiedClaim[];
  if (sure.some((c) => c.facet !== facet.id)) return 'summary-off-facet';
  const text = sentence.text.trim();
  if (CITATION_IN_TEXT.test(text)) return 'summary-citation-in-text';
  if (ABOUT_REVIEW.test(text)) return 'summary-about-review';
  const papers = new Set(sure.map((c) => c.paper)).size;
  if (unquotedNumbers(text, sure.map((c) => c.quote.text), [sure.length, papers]).length > 0) return 'summary-number-not-quoted';
  const grounds = new Set(contentTerms([...sure.map((c) => c.text), facet.label, question.question].join('\n')));
  const terms = [...new Set(contentTerms(text))].filter((t) => !REVIEW_WORDS.has(t));
  if (terms.length > 0 && terms.filter((t) => grounds.has(t)).length / terms.length < MIN_GROUNDED) return 'summary-ungrounded';
  return null;
}

export function modelSummary(draft: Draft, question: Question, ledger: LlmLedger): SummarySentence[] {
  const byId = new Map(draft.claims.map((c) => [c.id, c]));
  // As in the composed summary (compose-summary.ts), a claim another included paper contradicts reads as contested.
  const contested = new Set(draft.contradictions.map((x) => x.claim));
  const method = `llm:${SUMMARY_PROMPT} (${ledger.context.model})`;
  const prose = new Map<string, SummarySentence[]>();
  for (const facet of question.facets) {
    const claims = facetClaims(draft.claims, facet.id);
    if (claims.length === 0) continue;
    const entry = ledger.ask(summaryRequest(question, facet, claims));
    if (entry === undefined) continue;
    const answer = readAnswer(entry, SummaryAnswer);
    if (!answer.ok) {
      ledger.reject(answer.rejection);
      continue;
    }
    const kept: SummarySentence[] = [];
    for (const s of answer.value.sentences) {
      const text = s.text.trim();
      if (text === '' || /[\r\n]/.test(text) || text.length > MAX_SENTENCE_CHARS) {
        ledger.reject('malformed');
        continue;
      }
      const ids = [...new Set(s.claims.map((id) => id.trim()))];
      const rejection = checkSentence({ text, claims: ids }, facet, byId, question);
      if (rejection !== null) {
        ledger.reject(rejection);
        continue;
      }
      const cited = ids.map((id) => byId.get(id)!);
      const verdicts = new Set(cited.map((c) => (contested.has(c.id) ? 'contradicted' : c.verification.verdict)));
      kept.push({
        facet: facet.id,
        text,
        claims: ids,
        papers: [...new Set(cited.map((c) => c.paper))],
        kind: verdicts.has('contradicted') ? 'contradiction' : verdicts.has('insufficient') ? 'single-study' : 'finding',
        method,
      });
    }
    if (kept.length > 0) {
      ledger.accept('summary');
      prose.set(facet.id, kept);
    }
  }
  if (prose.size === 0) return draft.summary;
  // The facet's findings make way for the prose; what the data says of the facet (its gap, its contradictions)
  // stays, in the composed order: gap, prose, contradictions.
  const out: SummarySentence[] = [];
  const placed = new Set<string>();
  for (const s of draft.summary) {
    const written = s.facet === null ? undefined : prose.get(s.facet);
    if (written === undefined) {
      out.push(s);
      continue;
    }
    if (s.kind === 'gap') out.push(s);
    if (!placed.has(s.facet!) && s.kind !== 'gap') {
      out.push(...written);
      placed.add(s.facet!);
    }
    if (s.kind === 'contradiction') out.push(s);
  }
  // A facet whose composed summary was only a gap sentence gets its prose right after it.
  for (const [facet, written] of prose) {
    if (placed.has(facet)) continue;
    const at = out.findLastIndex((s) => s.facet === facet);
    out.splice(at === -1 ? out.length : at + 1, 0, ...written);
  }
  return out;
}
