import { z } from 'zod';
import { Stance } from './claim.ts';
import { Criterion } from './review.ts';

// What a language model may do for a review, and every record its answers pass through. A model is
// optional: a question chooses the steps (Question.llm), `npm run synthesize -- --llm` asks, and the
// answers are committed like retrieval caches, so a build reads them and never calls a model.

export const LlmStep = z.enum(['claims', 'stance', 'summary', 'review']);
export type LlmStep = z.infer<typeof LlmStep>;
export const LLM_STEPS = LlmStep.options;

export const QuestionLlm = z.strictObject({
  steps: z
    .array(LlmStep)
    .min(1, 'name at least one step, or leave llm out')
    .describe(
      'Steps a language model may do when `npm run synthesize -- --llm` runs with SIFT_LLM_BASE_URL and SIFT_LLM_MODEL set: ' +
        'claims (propose claim spans), stance (judge evidence), summary (write prose), review (one more reviewer). ' +
        'Every answer passes the same checks as offline output.',
    ),
});

// The structured answers a model is asked for, one per step. Every field is required (nullable where it
// may be empty): OpenAI's strict structured outputs reject optional properties.

export const ClaimsAnswer = z.strictObject({
  claims: z.array(
    z.strictObject({
      paper: z.string().describe('the id of the paper the span is from, as given'),
      field: z.enum(['title', 'abstract']),
      start: z.int().describe('offset of the first character of the span, as given for its sentence'),
      end: z.int().describe('offset just after the last character of the span'),
      quote: z.string().describe('the span, copied character for character'),
      facet: z.string().nullable().describe('the id of the facet the claim speaks to, or null'),
    }),
  ),
});
export type ClaimsAnswer = z.infer<typeof ClaimsAnswer>;

export const StanceAnswer = z.strictObject({
  judgements: z.array(
    z.strictObject({
      evidence: z.string().describe('the id of an evidence sentence, as given (e1, e2, …)'),
      stance: Stance,
      confidence: z.number().describe('probability, 0 to 1, that the stance is right'),
      reason: z.string().describe('one line: why'),
    }),
  ),
});
export type StanceAnswer = z.infer<typeof StanceAnswer>;

export const SummaryAnswer = z.strictObject({
  sentences: z.array(
    z.strictObject({
      text: z.string().describe('one sentence of plain prose, with no citation in it'),
      claims: z.array(z.string()).describe('ids of the claims the sentence rests on'),
    }),
  ),
});
export type SummaryAnswer = z.infer<typeof SummaryAnswer>;

export const ReviewTarget = z.enum(['claim', 'summary', 'paper', 'gap', 'count']);
export type ReviewTarget = z.infer<typeof ReviewTarget>;

export const ReviewAnswer = z.strictObject({
  criteria: z.array(
    z.strictObject({
      criterion: Criterion,
      score: z.int().describe('1 (poor) to 5 (excellent)'),
      reasons: z.array(
        z.strictObject({
          target: ReviewTarget.describe('what on the page the reason points at'),
          ref: z.string().describe('claim id, summary sentence number, paper id, facet id, or count name'),
          quote: z.string().describe('words copied from that item (for a count: its number)'),
          comment: z.string().describe('one line'),
        }),
      ),
    }),
  ),
});
export type ReviewAnswer = z.infer<typeof ReviewAnswer>;

export const LLM_ANSWER_SCHEMAS = {
  claims: ClaimsAnswer,
  stance: StanceAnswer,
  summary: SummaryAnswer,
  review: ReviewAnswer,
} as const satisfies Record<LlmStep, z.ZodType>;

// One answer as the model gave it, raw: the checks run at synthesis time on this text, so a better check
// needs no new request. Refusals and answers cut off by the length limit are kept too: a build must see
// exactly what the run that asked saw, rejections included.
export const LlmEntry = z.strictObject({
  key: z.string().describe('sha256 of model, prompt version and request (src/pipeline/llm-request.ts)'),
  step: LlmStep,
  prompt: z.string().describe('prompt version, e.g. "claims-v1"'),
  subject: z.string().describe('what the request was about: a paper, claim or facet id, or the review'),
  answered: z.string().describe('ISO 8601 time of the answer'),
  finish: z.string().nullable().describe("the server's finish_reason: stop, length, content_filter …"),
  refusal: z.string().nullable(),
  content: z.string().nullable(),
  usage: z.strictObject({ prompt: z.int().min(0), completion: z.int().min(0) }).nullable(),
});
export type LlmEntry = z.infer<typeof LlmEntry>;

export const LlmCache = z.strictObject({
  question: z.string(),
  model: z.string().describe('the model the entries were asked of'),
  entries: z.array(LlmEntry),
});
export type LlmCache = z.infer<typeof LlmCache>;

// Why an answer, or a part of one, was not let through. Named so the methods text and the tests can
// count each kind.
export const LlmRejection = z.enum([
  'refused',
  'truncated',
  'malformed',
  'claim-not-verbatim',
  'claim-paper-not-sent',
  'claim-too-short',
  'claim-over-limit',
  'claim-facet-unknown',
  'stance-evidence-not-sent',
  'stance-duplicate',
  'stance-reason-unchecked',
  'summary-no-citation',
  'summary-unknown-claim',
  'summary-off-facet',
  'summary-number-not-quoted',
  'summary-citation-in-text',
  'summary-ungrounded',
  'summary-about-review',
  'review-reason-unchecked',
  'review-score-unsupported',
  'claim-instruction',
]);
export type LlmRejection = z.infer<typeof LlmRejection>;

// A mapping from a model's stated stance probability to a calibrated one (src/stance-model/stated-confidence.ts),
// fitted by `npm run bench:verify -- <csv> --llm --fit-calibration` on labelled pairs and committed as
// calibration/llm/<model>.json (src/store/llm-calibration.ts). It holds for the model and prompt version it was
// fitted with, and no other.
const PlattParameters = z.strictObject({
  a: z.number().min(0).describe('slope on the logit of the stated probability'),
  b: z.number().describe('intercept'),
  pairs: z.int().min(0).describe('judgements of this stance it was fitted on'),
  own: z.boolean().describe('fitted on this stance alone (false: on all stances pooled, too few of this one)'),
});
export const LlmCalibration = z.strictObject({
  model: z.string().describe('the model the mapping was fitted for, as SIFT_LLM_MODEL names it'),
  prompt: z.string().describe('the stance prompt version it was fitted with, e.g. "stance-v2"'),
  method: z.literal('platt-per-stance'),
  stances: z.strictObject({ supports: PlattParameters, contradicts: PlattParameters, neutral: PlattParameters }),
  fittedOn: z.strictObject({
    file: z.string(),
    sha256: z.string(),
    pairs: z.int().min(0).describe('labelled pairs sent'),
    judged: z.int().min(0).describe('pairs whose judgement passed the checks: what was fitted'),
    answered: z.string().describe('ISO date of the run that asked the model'),
  }),
  crossValidated: z.strictObject({
    folds: z.int().min(2),
    seed: z.int(),
    judged: z.int().min(0),
    eceBefore: z.number().describe("held-out expected calibration error of the model's own probabilities"),
    eceAfter: z.number().describe('the same of the mapped probabilities, each fold mapped by a fit on the others'),
    macroF1Before: z.number(),
    macroF1After: z.number(),
  }),
});
export type LlmCalibration = z.infer<typeof LlmCalibration>;

// Provenance of a review's model-written parts, stored with the synthesis and shown on its page.
export const LlmProvenance = z.strictObject({
  model: z.string(),
  steps: z.array(
    z.strictObject({
      step: LlmStep,
      asked: z.int().min(0).describe('requests this synthesis needed'),
      answered: z.int().min(0).describe('of those, answered in the cache'),
      used: z.int().min(0).describe('answers let through (in whole or in part) by the checks'),
    }),
  ),
  answeredFrom: z.string().nullable().describe('ISO time of the earliest answer used'),
  answeredTo: z.string().nullable().describe('ISO time of the latest answer used'),
  rejections: z.partialRecord(LlmRejection, z.int().min(1)),
  stanceConfidence: z
    .strictObject({
      calibration: z.enum(['calibrated', 'uncalibrated']),
      fitted: z
        .strictObject({ file: z.string(), judged: z.int().min(0), eceBefore: z.number(), eceAfter: z.number() })
        .nullable()
        .describe('what the calibration was fitted on and its held-out figures; null when uncalibrated'),
    })
    .optional()
    .describe("present when the model judged stance: whether its probabilities were mapped by a calibration fitted for it, or are the model's own"),
});
export type LlmProvenance = z.infer<typeof LlmProvenance>;
