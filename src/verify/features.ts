import { stanceCues, type StanceCues, type StanceOptions } from '../text/stance.ts';

// The verifier's input vector: the stance cues plus the interactions a linear model cannot form itself
// (a negation or an opposite direction only matters when the two texts speak about the same thing).
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
  ['claim_negations', (c) => Math.min(c.claimNegations, 3)],
  ['evidence_negations', (c) => Math.min(c.evidenceNegations, 3)],
  ['negation_parity_differs', (c) => ((c.claimNegations > 0) !== (c.evidenceNegations > 0) ? 1 : 0)],
  ['negated_shared_mismatch', (c) => Math.min(c.negatedSharedMismatch, 3)],
  ['claim_quantity', (c) => c.claimQuantity],
  ['evidence_quantity', (c) => c.evidenceQuantity],
  ['quantity_agreement', (c) => c.claimQuantity * c.evidenceQuantity],
  ['claim_valence', (c) => c.claimValence],
  ['evidence_valence', (c) => c.evidenceValence],
  ['valence_agreement', (c) => c.claimValence * c.evidenceValence],
  ['claim_relation', (c) => c.claimRelation],
  ['evidence_relation', (c) => c.evidenceRelation],
  ['relation_agreement', (c) => c.claimRelation * c.evidenceRelation],
  ['antonym_pairs', (c) => Math.min(c.antonymPairs, 3)],
  ['same_direction_words', (c) => Math.min(c.sameDirectionWords, 3)],
  ['evidence_null_finding', (c) => Math.min(c.evidenceNullFinding, 2)],
  ['claim_denial', (c) => Math.min(c.claimDenial, 2)],
  ['denial_vs_null', (c) => ((c.claimDenial > 0) === (c.evidenceNullFinding > 0) ? 1 : -1)],
  ['claim_numbers', (c) => Math.min(c.claimNumbers, 3)],
  ['evidence_numbers', (c) => Math.min(c.evidenceNumbers, 5)],
  ['shared_numbers', (c) => Math.min(c.sharedNumbers, 3)],
  ['claim_entities', (c) => Math.min(c.claimEntities, 4)],
  ['shared_entities', (c) => c.sharedEntities],
  ['claim_hedges', (c) => Math.min(c.claimHedges, 2)],
  ['evidence_hedges', (c) => Math.min(c.evidenceHedges, 3)],
  ['claim_question', (c) => c.claimQuestion],
  ['claim_absolute', (c) => Math.min(c.claimAbsolute, 2)],
  ['claim_answer', (c) => c.claimAnswer],
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

export const FEATURE_NAMES: readonly string[] = FEATURES.map(([name]) => name);

export function featurizeCues(cues: StanceCues): number[] {
  return FEATURES.map(([, value]) => value(cues));
}

export function featurize(claim: string, evidence: string, options: StanceOptions = {}): number[] {
  return featurizeCues(stanceCues(claim, evidence, options));
}
