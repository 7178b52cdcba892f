// Stance by a language model, checked: for each claim, the verifier's strongest candidate sentences (src/pipeline/
// verify.ts: the KEEP it shows lead, then more of the candidates it scored, up to STANCE_CANDIDATES and
// STANCE_EVIDENCE_CHARS) are sent with the claim, and the model says of each whether it supports the claim,
// contradicts it, or is neutral, with a probability and a one-line reason. The page still shows KEEP sentences,
// chosen after the model's stances: a sentence the model judged to take a side ranks first.
//
// Exported API
//   STANCE_PROMPT = 'stance-v2'
//   STANCE_CANDIDATES, STANCE_EVIDENCE_CHARS   how many candidates a request may carry
//   stanceRequest(claim: string, evidence: readonly string[], subject: string): request data
//   checkJudgements(answer, claim, evidence, ledger): Map<evidence index, Judgement>
//   judgementProbabilities(judgement): StanceProbabilities
//   calibrateJudgement(judgement, calibration): Judgement with its confidence mapped
//   modelStance(claims, candidates, ledger): VerifiedClaim[]
//     judged evidence takes the model's stance (a side only at MIN_PROBABILITY or above, as for the lexical
//     model, on the calibrated probability when a calibration is committed for the model), unjudged evidence
//     keeps the lexical one, and the verdict is aggregated by verify's own rule over the kept sentences.
//
// Checks, each counted when it rejects a judgement:
//   stance-evidence-not-sent   an evidence id that was not in the request (the model judged something never sent)
//   stance-duplicate           a second judgement of the same sentence
//   stance-reason-unchecked    the reason is not one line, or states a number found in neither the claim nor
//                              the sentence: the judgement is rejected with it
//   malformed                  a probability outside [0, 1]
//
// Confidences: a model's stated probability is mapped through the calibration fitted for that model and this
// prompt version (`npm run bench:verify -- <csv> --llm --fit-calibration`, src/stance-model/stated-confidence.ts,
// committed as calibration/llm/<model>.json). Without one they are the model's own, and the provenance says
// "uncalibrated" (the methods text and the report JSON with it).
import type { LlmCalibration, Stance, VerifiedClaim } from '../records/index.ts';
import { LLM_VERIFIER_PREFIX, StanceAnswer } from '../records/index.ts';
import { unquotedNumbers } from '../text/numbers.ts';
import type { StanceProbabilities } from '../stance-model/classify.ts';
import { MIN_PROBABILITY } from '../stance-model/evidence-stance.ts';
import { calibratedConfidence } from '../stance-model/stated-confidence.ts';
import { aggregate, byStrength, KEEP, type Scored } from './verify.ts';
import { answerSchema, readAnswer, type LlmLedger, type LlmRequest } from './llm-request.ts';
import { promptMessages } from './llm-prompts.ts';

// v2: the request carries the verifier's candidates beyond the kept five (the same wording, another input).
export const STANCE_PROMPT = 'stance-v2';
/** Most candidate sentences one request carries: the verifier scores 20, the page shows 5. */
export const STANCE_CANDIDATES = 12;
/**
 * Most characters of evidence one request carries beyond the kept sentences (which are always sent): about 1,500
 * tokens, so a claim with long candidate sentences costs the run's token budget (src/llm/budget.ts) a bounded
 * amount, and a budget that does not fit the request stops the run cleanly rather than sending it.
 */
export const STANCE_EVIDENCE_CHARS = 6000;
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

/** The judgement with its stated probability mapped through the model's calibration, when there is one. */
export function calibrateJudgement(j: Judgement, calibration: LlmCalibration | null): Judgement {
  if (calibration === null) return j;
  return { ...j, confidence: calibratedConfidence(calibration.stances, j.stance, j.confidence) };
}

/** The candidates a request carries: the kept ones, then more while the bounds allow. */
function sentCandidates(candidates: readonly Scored[]): Scored[] {
  const sent: Scored[] = [];
  let chars = 0;
  for (const c of candidates.slice(0, STANCE_CANDIDATES)) {
    if (sent.length >= KEEP && chars + c.quote.length > STANCE_EVIDENCE_CHARS) break;
    sent.push(c);
    chars += c.quote.length;
  }
  return sent;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

type Ranked = Scored & { judged: boolean };

// Sentences taking a side first, and among them those the model judged; then by verify's own order.
function byModelStrength(a: Ranked, b: Ranked): number {
  const rank = (e: Ranked) => (e.stance === 'neutral' ? 2 : 0) + (e.judged ? 0 : 1);
  return rank(a) - rank(b) || byStrength(a, b);
}

/**
 * `candidates[i]` are the candidates claim i's evidence was chosen from (verifyWithCandidates), strongest first.
 * The calibration used is the one committed for this model and this prompt version; one fitted with another
 * prompt does not describe these answers, and the probabilities are then the model's own.
 */
export function modelStance(claims: readonly VerifiedClaim[], candidates: readonly (readonly Scored[])[], ledger: LlmLedger): VerifiedClaim[] {
  const verifier = `${LLM_VERIFIER_PREFIX}${STANCE_PROMPT} (${ledger.context.model})`;
  const fitted = ledger.context.stanceCalibration ?? null;
  const calibration = fitted !== null && fitted.model === ledger.context.model && fitted.prompt === STANCE_PROMPT ? fitted : null;
  ledger.stanceConfidence =
    calibration === null
      ? { calibration: 'uncalibrated', fitted: null }
      : {
          calibration: 'calibrated',
          fitted: {
            file: calibration.fittedOn.file,
            judged: calibration.fittedOn.judged,
            eceBefore: round(calibration.crossValidated.eceBefore),
            eceAfter: round(calibration.crossValidated.eceAfter),
          },
        };
  return claims.map((claim, c) => {
    const sent = sentCandidates(candidates[c] ?? []);
    if (sent.length === 0) return claim;
    const quotes = sent.map((e) => e.quote);
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
    const ranked: Ranked[] = (candidates[c] ?? []).map((e, i) => {
      const stated = i < sent.length ? judged.get(i) : undefined;
      if (stated === undefined) return { ...e, judged: false };
      const j = calibrateJudgement(stated, calibration);
      const probabilities = judgementProbabilities(j);
      const side = j.stance !== 'neutral' && j.confidence >= MIN_PROBABILITY;
      return { ...e, stance: side ? j.stance : 'neutral', score: round(side ? j.confidence : probabilities.neutral), reason: j.reason, probabilities, judged: true };
    });
    const kept = ranked.sort(byModelStrength).slice(0, KEEP);
    const { checks } = claim.verification;
    const { verdict, confidence } = aggregate(kept, checks.quoteVerbatim && checks.paperIncluded);
    return {
      ...claim,
      verification: {
        ...claim.verification,
        verdict,
        confidence: round(confidence),
        evidence: kept.map(({ probabilities: _, judged: __, ...e }) => e),
        verifier,
      },
    };
  });
}
