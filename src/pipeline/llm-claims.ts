// Claim extraction by a language model, checked: the model proposes spans of a paper's title and abstract that
// state its findings; a span is kept only if it is verbatim at its offsets in the paper it names.
//
// Exported API
//   CLAIMS_PROMPT = 'claims-v1'
//   claimsRequest(paper, question): request data for one paper (one request per included paper)
//   modelClaims(lexical, papers, question, ledger): { claims, dropped }
//     each paper with a readable answer gets the model's checked claims in place of the lexical ones (none, if the
//     model found none); a paper without one keeps the lexical claims. Near-duplicates are grouped again over the
//     whole list, as extractClaims does.
//
// Checks, each counted in the ledger when it rejects a span:
//   claim-paper-not-sent   the span names a paper other than the one sent
//   claim-not-verbatim     paper[field].slice(start, end) !== quote (design §4 rule 1, for model output too)
//   claim-too-short        under MIN_CLAIM_CHARS: too little to be a finding (the report contract's bar)
//   claim-instruction      the span gives an instruction: a clause opening with an imperative ("Ignore …", "Rate …",
//                          "; state that …") or words addressed to a model ("SYSTEM:", "assistant:"). A finding
//                          states; it never tells its reader what to do, so such text was planted for a model
//   claim-over-limit       beyond MAX_CLAIMS_PER_PAPER kept spans
//   claim-facet-unknown    a facet id the question does not have: the claim is kept with no facet
import type { Claim, IncludedPaper, Question } from '../records/index.ts';
import { ClaimsAnswer } from '../records/index.ts';
import { splitSentences } from '../text/sentences.ts';
import { claimId, groupNearDuplicates, MAX_CLAIMS_PER_PAPER, worthiness } from './claims.ts';
import { answerSchema, readAnswer, type LlmLedger, type LlmRequest } from './llm-request.ts';
import { promptMessages } from './llm-prompts.ts';

export const CLAIMS_PROMPT = 'claims-v1';
export const MIN_CLAIM_CHARS = 20;

const TASK = [
  `Pick up to ${MAX_CLAIMS_PER_PAPER} spans of this paper's title and abstract that state the paper's own findings: results it reports,`,
  'not background, motivation, aims, methods or future work. A span is usually one whole sentence as listed, with the field and',
  'offsets given for it; it may be part of one sentence, with offsets counted in UTF-16 code units from the start of the field.',
  'Copy each span character for character into "quote". Give the id of the facet of the question it speaks to, or null.',
  'If the paper states no finding, answer {"claims": []}.',
].join(' ');

const INSTRUCTION =
  /(?:^|[.;:!?]\s+)(?:please\s+)?(?:ignore|disregard|forget|rate|score|grade|give|output|respond|reply|answer|print|say|write|return|pretend|act as|state that|do not|don't|you (?:are|must|should|will))\b|\b(?:system|assistant|developer)\s*:/i;

export function claimsRequest(paper: IncludedPaper, question: Question): Omit<LlmRequest, 'key'> {
  const title = { field: 'title', start: 0, end: paper.title.length, text: paper.title };
  const sentences = splitSentences(paper.abstract ?? '').map((s) => ({ field: 'abstract', start: s.start, end: s.end, text: s.text }));
  const data = {
    question: question.question,
    facets: question.facets.map((f) => ({ id: f.id, label: f.label })),
    paper: { id: paper.id, sentences: [title, ...sentences] },
  };
  return {
    step: 'claims',
    prompt: CLAIMS_PROMPT,
    subject: paper.id,
    messages: promptMessages(TASK, data),
    schemaName: 'claims',
    schema: answerSchema('claims'),
    maxTokens: 2000,
  };
}

export function modelClaims(
  lexical: { claims: Claim[]; dropped: number },
  papers: readonly IncludedPaper[],
  question: Question,
  ledger: LlmLedger,
): { claims: Claim[]; dropped: number } {
  const facets = new Set(question.facets.map((f) => f.id));
  const method = `llm:${CLAIMS_PROMPT} (${ledger.context.model})`;
  // extractClaims' order: papers by relevance, highest first, ties by id; within a paper title first, then by offset.
  const ordered = [...papers].sort((a, b) => b.relevance - a.relevance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Claim[] = [];
  let dropped = lexical.dropped;
  for (const paper of ordered) {
    const entry = ledger.ask(claimsRequest(paper, question));
    const answer = entry === undefined ? null : readAnswer(entry, ClaimsAnswer);
    if (answer !== null && !answer.ok) ledger.reject(answer.rejection);
    if (answer === null || !answer.ok) {
      out.push(...lexical.claims.filter((c) => c.paper === paper.id).map((c) => ({ ...c, group: null })));
      continue;
    }
    const kept: Claim[] = [];
    for (const span of answer.value.claims) {
      if (span.paper !== paper.id) {
        ledger.reject('claim-paper-not-sent');
        continue;
      }
      const source = span.field === 'title' ? paper.title : (paper.abstract ?? '');
      if (!Number.isInteger(span.start) || span.start < 0 || span.end <= span.start || source.slice(span.start, span.end) !== span.quote) {
        ledger.reject('claim-not-verbatim');
        dropped++;
        continue;
      }
      if (span.quote.trim().length < MIN_CLAIM_CHARS) {
        ledger.reject('claim-too-short');
        continue;
      }
      if (INSTRUCTION.test(span.quote.trim())) {
        ledger.reject('claim-instruction');
        continue;
      }
      const id = claimId(paper.id, span.quote);
      if (kept.some((c) => c.id === id)) continue;
      if (kept.length >= MAX_CLAIMS_PER_PAPER) {
        ledger.reject('claim-over-limit');
        continue;
      }
      let facet = span.facet;
      if (facet !== null && !facets.has(facet)) {
        ledger.reject('claim-facet-unknown');
        facet = null;
      }
      const w = worthiness(span.quote);
      kept.push({
        id,
        question: question.id,
        paper: paper.id,
        text: span.quote,
        quote: { text: span.quote, field: span.field, start: span.start, end: span.end },
        facet,
        worthiness: w.score,
        hedged: w.hedged,
        group: null,
        method,
      });
    }
    ledger.accept('claims');
    const rank = (c: Claim) => (c.quote.field === 'title' ? 0 : 1);
    out.push(...kept.sort((a, b) => rank(a) - rank(b) || a.quote.start - b.quote.start));
  }
  // A claim id is a hash of paper and quote, so two papers never share one; within a paper kept is deduplicated.
  return { claims: groupNearDuplicates(out), dropped };
}
