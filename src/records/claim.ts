import { z } from 'zod';

export const Quote = z.strictObject({
  text: z.string().min(1),
  field: z.enum(['abstract', 'title']),
  start: z.int().min(0),
  end: z.int().min(1),
});
export type Quote = z.infer<typeof Quote>;

// A claim is a whole sentence of a paper that states a finding; `text` is never truncated and
// `quote.text === paper[quote.field].slice(quote.start, quote.end)` (UTF-16 indices).
export const Claim = z.strictObject({
  id: z.string().describe('hash of paper id and quote'),
  question: z.string(),
  paper: z.string(),
  text: z.string().min(1),
  quote: Quote,
  facet: z.string().nullable(),
  worthiness: z.number().min(0).max(1).describe('how much the sentence reads as a finding'),
  hedged: z.boolean(),
  group: z.string().nullable().describe('id of the first claim of a group of near-duplicates'),
  method: z.string().describe('how it was extracted, e.g. "lexical-v1"'),
});
export type Claim = z.infer<typeof Claim>;

export const Stance = z.enum(['supports', 'contradicts', 'neutral']);
export type Stance = z.infer<typeof Stance>;

export const Evidence = z.strictObject({
  paper: z.string(),
  quote: z.string().min(1).describe('verbatim from the paper'),
  field: z.enum(['abstract', 'title']),
  start: z.int().min(0),
  end: z.int().min(1),
  stance: Stance,
  score: z.number().min(0).max(1),
  reason: z.string().optional().describe("a language model's one-line reason for the stance, when a model judged it"),
});
export type Evidence = z.infer<typeof Evidence>;

export const Verdict = z.enum(['supported', 'contradicted', 'insufficient']);
export type Verdict = z.infer<typeof Verdict>;

export const Verification = z.strictObject({
  claim: z.string(),
  verdict: Verdict,
  confidence: z.number().min(0).max(1),
  evidence: z.array(Evidence),
  checks: z.strictObject({
    quoteVerbatim: z.boolean(),
    paperIncluded: z.boolean(),
  }),
  verifier: z.string(),
});
export type Verification = z.infer<typeof Verification>;

export const VerifiedClaim = Claim.extend({ verification: Verification });
export type VerifiedClaim = z.infer<typeof VerifiedClaim>;

/** How a verifier written by a language model's stance step is named: `llm:<prompt version> (<model>)`. */
export const LLM_VERIFIER_PREFIX = 'llm:';

/**
 * Whether a language model's stance step judged some claim. Offline the verifier marks a contradiction only where the
 * evidence states the opposite finding in words it can read (src/stance-model/evidence-stance.ts), so "0 contradicted"
 * means "none found" offline and "none" only when a model judged the claims.
 */
export function contradictionsJudgedByModel(claims: readonly { verification: Pick<Verification, 'verifier'> }[]): boolean {
  return claims.some((c) => c.verification.verifier.startsWith(LLM_VERIFIER_PREFIX));
}
