import committed from './params.json' with { type: 'json' };
import { FEATURE_NAMES, featurize } from './features.ts';
import { probabilities, type VerifierParams } from './train.ts';
import type { StanceOptions } from '../text/stance.ts';

export type StanceProbabilities = { supports: number; contradicts: number; neutral: number };

export const COMMITTED_PARAMS: VerifierParams = committed as VerifierParams;

// Parameter objects already found to match, so that scoring many pairs checks each object once.
const checked = new WeakSet<VerifierParams>();

/**
 * Fails loudly when params.json was fitted on a different feature list than features.ts computes, or before the
 * top-label confidence map existed.
 */
export function checkParams(params: VerifierParams): VerifierParams {
  if (checked.has(params)) return params;
  const same =
    params.features.length === FEATURE_NAMES.length && params.features.every((f, i) => f === FEATURE_NAMES[i]);
  if (!same || params.confidenceMap === undefined) {
    throw new Error(
      'src/stance-model/params.json does not match the features in src/stance-model/features.ts or has no confidenceMap; refit with `node scripts/fit-verifier.ts`',
    );
  }
  checked.add(params);
  return params;
}

/** Label order in params.json is LABELS: Supports, Refutes, Neutral. */
export function stanceProbabilities(
  claim: string,
  evidence: string,
  options: StanceOptions = {},
  params: VerifierParams = COMMITTED_PARAMS,
): StanceProbabilities {
  const remember = params === COMMITTED_PARAMS && options.idf === undefined;
  const known = remember ? scored.get(claim)?.get(evidence) : undefined;
  if (known !== undefined) return { ...known };
  const [supports, contradicts, neutral] = probabilities(checkParams(params), featurize(claim, evidence, options));
  const got = { supports: supports!, contradicts: contradicts!, neutral: neutral! };
  if (remember) {
    if (scoredCount >= SCORED_LIMIT) {
      scored.clear();
      scoredCount = 0;
    }
    let byEvidence = scored.get(claim);
    if (byEvidence === undefined) scored.set(claim, (byEvidence = new Map()));
    byEvidence.set(evidence, got);
    scoredCount++;
  }
  return { ...got };
}

// The committed model's probabilities per claim and evidence text: a run's reviews share papers, so the same claim
// meets the same sentence in many of them (issue 13, 300 generated questions: 12,866 claims, 727 distinct texts).
// The function is pure, so a remembered answer is the one it would compute; callers get their own copy. Bounded like
// src/text/remembered.ts: forgotten all at once when full.
const scored = new Map<string, Map<string, StanceProbabilities>>();
let scoredCount = 0;
const SCORED_LIMIT = 300_000;

export function verifierName(params: VerifierParams = COMMITTED_PARAMS): string {
  return `${params.verifier} (${params.features.length} features, fitted on HealthVer dev)`;
}
