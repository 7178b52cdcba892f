// Stance by a language model, checked: for each claim, the evidence sentences the verifier kept (src/pipeline/
// verify.ts, at most KEEP per claim: exactly what the page shows) are sent with the claim, and the model says of
// each whether it supports the claim, contradicts it, or is neutral, with a probability and a one-line reason.
//
// Exported API
//   STANCE_PROMPT = 'stance-v1'
//   stanceRequest(claim: string, evidence: readonly string[], subject: string): request data
//   checkJudgements(answer, claim, evidence, ledger): Map<evidence index, Judgement>
//   judgementProbabilities(judgement): StanceProbabilities
//   modelStance(claims, ledger): VerifiedClaim[]
//     judged evidence takes the model's stance (a side only at MIN_PROBABILITY or above, as for the lexical
//     model), unjudged evidence keeps the lexical one, and the verdict is aggregated by verify's own rule.
//
// Checks, each counted when it rejects a judgement:
//   stance-evidence-not-sent   an evidence id that was not in the request (the model judged something never sent)
//   stance-duplicate           a second judgement of the same sentence
//   stance-reason-unchecked    the reason is not one line, or states a number found in neither the claim nor
//                              the sentence: the judgement is rejected with it
//   malformed                  a probability outside [0, 1]
// Confidences are the model's own probabilities, not refitted: their calibration is what
// `npm run bench:verify -- <csv> --llm` measures (ECE), like the lexical model's.
import type { Stance, VerifiedClaim } from '../records/index.ts';
import { StanceAnswer } from '../records/index.ts';
import { unquotedNumbers } from '../text/numbers.ts';
import { stanceProbabilities, type StanceProbabilities } from '../stance-model/classify.ts';
import { MIN_PROBABILITY } from '../stance-model/evidence-stance.ts';
import { aggregate, byStrength, type Scored } from './verify.ts';
import { answerSchema, readAnswer, type LlmLedger, type LlmRequest } from './llm-request.ts';
import { promptMessages } from './llm-prompts.ts';

export const STANCE_PROMPT = 'stance-v1';
const MAX_REASON_CHARS = 300;

const TASK = [
  'Judge each evidence sentence against the claim. "supports": the sentence itself reports a finding that backs the claim\'s',
  'specific finding. "contradicts": it reports a finding at odds with it. "neutral": it does not speak to that finding (same topic,',
  'background, a method description, or a result about something else). Give every evidence id once, your probability (0 to 1)',
  'that your stance is right, and a one-line reason that uses only words and numbers from the claim and the sentence.',
].join(' ');

export type Judgement = { stance: Stance; confidence: number; reason: string };

export function stanceRequest(claim: string, evidence: readonly string[], subject: string): Omit<LlmRequest, 'key'> {
  const data = { claim, evidence: evidence.map((text, i) => ({ id: `e${i + 1}`, text })) };
  return {
    step: 'stance',
    prompt: STANCE_PROMPT,
    subject,
    messages: promptMessages(TASK, data),
    schemaName: 'stance',
    schema: answerSchema('stance'),
    maxTokens: 400 + 150 * evidence.length,
  };
}

export function checkJudgements(answer: StanceAnswer, claim: string, evidence: readonly string[], ledger: LlmLedger): Map<number, Judgement> {
  const judged = new Map<number, Judgement>();
  for (const j of answer.judgements) {
    const m = /^e(\d+)$/.exec(j.evidence.trim());
    const index = m ? Number(m[1]) - 1 : -1;
    if (index < 0 || index >= evidence.length) {
      ledger.reject('stance-evidence-not-sent');
      continue;
    }
    if (judged.has(index)) {
      ledger.reject('stance-duplicate');
      continue;
    }
    if (!(j.confidence >= 0 && j.confidence <= 1)) {
      ledger.reject('malformed');
      continue;
    }
    const reason = j.reason.trim();
    if (/[\r\n]/.test(reason) || reason.length > MAX_REASON_CHARS || unquotedNumbers(reason, [claim, evidence[index]!]).length > 0) {
      ledger.reject('stance-reason-unchecked');
      continue;
    }
    judged.set(index, { stance: j.stance, confidence: j.confidence, reason });
  }
  return judged;
}

/** The model's probability for its stance; the rest shared evenly by the other two. */
export function judgementProbabilities(j: Judgement): StanceProbabilities {
  const rest = (1 - j.confidence) / 2;
  return {
    supports: j.stance === 'supports' ? j.confidence : rest,
    contradicts: j.stance === 'contradicts' ? j.confidence : rest,
    neutral: j.stance === 'neutral' ? j.confidence : rest,
  };
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export function modelStance(claims: readonly VerifiedClaim[], ledger: LlmLedger): VerifiedClaim[] {
  const verifier = `llm:${STANCE_PROMPT} (${ledger.context.model})`;
  return claims.map((claim) => {
    const evidence = claim.verification.evidence;
    if (evidence.length === 0) return claim;
    const quotes = evidence.map((e) => e.quote);
    const entry = ledger.ask(stanceRequest(claim.text, quotes, claim.id));
    if (entry === undefined) return claim;
    const answer = readAnswer(entry, StanceAnswer);
    if (!answer.ok) {
      ledger.reject(answer.rejection);
      return claim;
    }
    const judged = checkJudgements(answer.value, claim.text, quotes, ledger);
    if (judged.size === 0) return claim;
    ledger.accept('stance');
    const scored: Scored[] = evidence.map((e, i) => {
      const j = judged.get(i);
      if (j === undefined) return { ...e, probabilities: stanceProbabilities(claim.text, e.quote) };
      const probabilities = judgementProbabilities(j);
      const side = j.stance !== 'neutral' && j.confidence >= MIN_PROBABILITY;
      return { ...e, stance: side ? j.stance : 'neutral', score: round(side ? j.confidence : probabilities.neutral), reason: j.reason, probabilities };
    });
    scored.sort(byStrength);
    const { checks } = claim.verification;
    const { verdict, confidence } = aggregate(scored, checks.quoteVerbatim && checks.paperIncluded);
    return {
      ...claim,
      verification: {
        ...claim.verification,
        verdict,
        confidence: round(confidence),
        evidence: scored.map(({ probabilities: _, ...e }) => e),
        verifier,
      },
    };
  });
}
