import { stanceCues, tokenStems, type StanceCues, type StanceOptions } from '../text/stance.ts';
import { remembered } from '../text/remembered.ts';
import { stem } from '../text/tokens.ts';
import { vectorCues, type VectorCues } from '../text/vector-cues.ts';

// The verifier's input vector: the stance cues plus the interactions a linear model cannot form itself
// (a negation or an opposite direction only matters when the two texts speak about the same thing).
// No feature describes the claim alone (its negations, hedges, wording): such features only learn which kinds
// of claim tend to be true in the training data, a prior that does not carry to claims on other topics.
// Measured during development on HealthVer dev (grouped 5-fold CV): dropping them raised macro-F1 0.412 → 0.429.
// Tried on HealthVer dev and not adopted (figures are the nested, claim-grouped 5-fold CV of `npm run bench:verify`,
// against 0.512 for this list; the same list scores 0.500-0.512 over fold seeds, so a difference under ~0.015 is noise):
// the claim's polarity (direction x denial) crossed with each evidence word below and with the evidence cues, 0.512;
// hashed (claim cue word, evidence cue word) pairs, negation-marked, 64 buckets, 0.479; direction words within 4 or
// 8 tokens of each shared stem, agreeing or opposed across the texts, 0.505 / 0.502; the stems of the claim that the
// evidence lacks (heaviest missing, share of the 3 heaviest found), 0.495 by length weight, 0.521 by IDF over the
// benchmark's evidence (ECE 0.050, and the pipeline has no IDF to give it); boosted depth-2 trees over these
// features instead of the linear model, 0.488; related-vs-neutral then supports-vs-refutes as two calibrated
// binary models, 0.462; AFINN-165 sentiment of each side and its agreement, 0.505; per-class logit offsets chosen
// by inner CV, 0.517 (ECE 0.045). Beware gains from evidence vocabularies: the same evidence passage recurs with
// several claims, and the label of its other pairs predicts a pair's label 62% of the time, so claim-grouped folds
// reward recognising passages. Hashed evidence stems (open vocabulary) score 0.538 claim-grouped but 0.384 with
// folds that keep claims sharing a passage together (`npm run bench:verify`, the default since issue 12; `-- --group claim` for the other); closed-class
// evidence bigrams 0.528 and 0.390. This list scores 0.435 (ECE 0.092) that way; with the vector features below, 0.453.
// FEATURE_NAMES is stored in params.json so a parameter file never silently meets a different feature list.

type Feature = readonly [name: string, value: (c: StanceCues) => number];

const log1p = Math.log1p;

const FEATURES: readonly Feature[] = [
  ['overlap', (c) => c.overlap],
  ['weighted_overlap', (c) => c.weightedOverlap],
  ['evidence_coverage', (c) => c.evidenceCoverage],
  ['bigram_overlap', (c) => c.bigramOverlap],
  ['log_claim_terms', (c) => log1p(c.claimTerms)],
  ['log_evidence_terms', (c) => log1p(c.evidenceTerms)],
  ['evidence_negations', (c) => Math.min(c.evidenceNegations, 3)],
  ['negation_parity_differs', (c) => ((c.claimNegations > 0) !== (c.evidenceNegations > 0) ? 1 : 0)],
  ['negated_shared_mismatch', (c) => Math.min(c.negatedSharedMismatch, 3)],
  ['evidence_quantity', (c) => c.evidenceQuantity],
  ['quantity_agreement', (c) => c.claimQuantity * c.evidenceQuantity],
  ['evidence_valence', (c) => c.evidenceValence],
  ['valence_agreement', (c) => c.claimValence * c.evidenceValence],
  ['evidence_relation', (c) => c.evidenceRelation],
  ['relation_agreement', (c) => c.claimRelation * c.evidenceRelation],
  ['antonym_pairs', (c) => Math.min(c.antonymPairs, 3)],
  ['same_direction_words', (c) => Math.min(c.sameDirectionWords, 3)],
  ['evidence_null_finding', (c) => Math.min(c.evidenceNullFinding, 2)],
  ['denial_vs_null', (c) => ((c.claimDenial > 0) === (c.evidenceNullFinding > 0) ? 1 : -1)],
  ['evidence_numbers', (c) => Math.min(c.evidenceNumbers, 5)],
  ['shared_numbers', (c) => Math.min(c.sharedNumbers, 3)],
  ['shared_entities', (c) => c.sharedEntities],
  ['evidence_hedges', (c) => Math.min(c.evidenceHedges, 3)],
  // Interactions with overlap: direction and negation cues weigh in proportion to topical agreement.
  ['overlap_x_negation_mismatch', (c) => c.overlap * Math.min(c.negatedSharedMismatch, 3)],
  ['overlap_x_parity_differs', (c) => c.overlap * ((c.claimNegations > 0) !== (c.evidenceNegations > 0) ? 1 : 0)],
  ['overlap_x_quantity_agreement', (c) => c.overlap * c.claimQuantity * c.evidenceQuantity],
  ['overlap_x_valence_agreement', (c) => c.overlap * c.claimValence * c.evidenceValence],
  ['overlap_x_relation_agreement', (c) => c.overlap * c.claimRelation * c.evidenceRelation],
  ['overlap_x_antonyms', (c) => c.overlap * Math.min(c.antonymPairs, 3)],
  ['overlap_x_null_finding', (c) => c.overlap * Math.min(c.evidenceNullFinding, 2)],
  ['overlap_x_claim_denial', (c) => c.overlap * Math.min(c.claimDenial, 2)],
  ['overlap_x_claim_absolute', (c) => c.overlap * Math.min(c.claimAbsolute, 2)],
  ['overlap_x_evidence_hedges', (c) => c.overlap * Math.min(c.evidenceHedges, 3)],
  ['overlap_squared', (c) => c.overlap * c.overlap],
];

// Cues read through word vectors (src/text/vector-cues.ts, GloVe 6B 100-d): words of the claim that the evidence says
// in other words, and whether the closest one is negated on one side only ("lowers mortality" / "did not reduce
// deaths"), which the shared-stem negation cue above cannot see. Measured on HealthVer dev by the nested CV of
// `npm run bench:verify` (passage-grouped) over 8 fold seeds (the default seed alone swings 0.36-0.46 with the fold
// assignment, so single-seed differences under ~0.03 are noise): the list above scores 0.406 (mean; ECE 0.087), with
// these four 0.429 (ECE 0.075; higher on 7 seeds of 8), 0.453 at the default seed (claim-grouped 0.520, was 0.512).
// Alone (8 seeds): the negation mismatch 0.413, its product with the aligned similarity 0.412, the two 0.423.
// Tried and not adopted, against 0.395 for the list above over the same 4 seeds (or 0.435 at the default seed): the
// aligned similarity itself, both ways, 0.419 (8 seeds 0.420; claim-grouped 0.496); the gain and soft overlap without
// the negation mismatch 0.417, with the aligned similarity 0.420; direction words extended through their vector
// neighbours (nearest listed neighbour at cosine >= 0.6, 0.1 nearer than the opposite class), agreement across the texts, 0.422 at the default seed, times the aligned
// similarity 0.420; claim direction words met by an evidence word of the same or the opposite class, 0.425 at the
// default seed, times the aligned similarity 0.409; the aligned similarity times the negation mismatch, null
// finding, antonym and hedge cues, 0.431 at the default seed; the adopted negation mismatch with the aligned
// similarity 0.425, with the extended directions 0.422, with both 0.408. Added to the adopted list (0.433 over those
// 4 seeds): numbers on both sides and none shared, 0.423; the rarest claim word with no evidence word within cosine
// 0.3 (by frequency rank), 0.428. Fusing BM25's candidate ranking with the aligned similarity (reciprocal rank
// fusion, k = 60) for evidence retrieval put 22 of the 45 true "supports" of the in-domain pairs
// (tests/fixtures/stance-model) in a claim's top 20 against BM25's 23: not adopted either.
type VectorFeature = readonly [name: string, value: (v: VectorCues) => number];

const VECTOR_FEATURES: readonly VectorFeature[] = [
  ['aligned_negation_mismatch', (v) => v.negationMismatch],
  ['aligned_x_negation_mismatch', (v) => v.alignedClaim * v.negationMismatch],
  ['aligned_claim_gain', (v) => v.alignedClaimGain],
  ['soft_overlap', (v) => v.softOverlap],
];

// Closed-class words of the evidence that the model may weigh on their own: negation, hedge, quantifier and
// discourse words that mean the same in any field ("no", "may", "only", "however", "significant"). No topic
// or outcome word is on the list, so the model cannot learn which subjects tend to be true. Measured during
// development on HealthVer dev (grouped 5-fold CV): macro-F1 0.429 without them, 0.483 with them. The same words on the
// claim side were tried and left out for the reason above.
const EVIDENCE_WORDS = `not no never without none lack fail cannot unlikely may might could suggest possible potential
  likely appear seem unclear uncertain limited insufficient evidence significant significantly however although
  but while whether only all some most`;
const EVIDENCE_STEMS = [...new Set(EVIDENCE_WORDS.split(/\s+/).filter(Boolean).map((w) => stem(w)))];

export const FEATURE_NAMES: readonly string[] = [
  ...FEATURES.map(([name]) => name),
  ...VECTOR_FEATURES.map(([name]) => name),
  ...EVIDENCE_STEMS.map((w) => `evidence_has_${w}`),
];

export function featurize(claim: string, evidence: string, options: StanceOptions = {}): number[] {
  const cues = stanceCues(claim, evidence, options);
  const vectors = vectorCues(claim, evidence);
  const has = evidenceHas(evidence);
  // One row filled in place: the verifier featurizes every new claim and evidence pair of a run (150,000 at 300
  // generated questions), and three lists spread into a fourth were a measurable share of its garbage.
  const row = new Array<number>(FEATURES.length + VECTOR_FEATURES.length + has.length);
  let k = 0;
  for (const [, value] of FEATURES) row[k++] = value(cues);
  for (const [, value] of VECTOR_FEATURES) row[k++] = value(vectors);
  for (const v of has) row[k++] = v;
  return row;
}

// The evidence-word indicators depend on the evidence alone: read once per sentence, not once per claim it meets.
// Read-only (spread into each feature row).
const evidenceHas = remembered((evidence: string): readonly number[] => {
  const words = tokenStems(evidence);
  return EVIDENCE_STEMS.map((w) => (words.has(w) ? 1 : 0));
});
