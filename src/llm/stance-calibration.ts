import type { LlmCalibration } from '../records/index.ts';
import type { LabelledPair } from '../stance-model/dataset.ts';
import { crossValidateStanceMaps, fitStanceMaps, statedJudgements } from '../stance-model/stated-confidence.ts';
import { STANCE_PROMPT } from '../pipeline/llm-stance.ts';
import type { StanceBench } from './bench-stance.ts';

// A model's stance calibration from its answers to a labelled benchmark (`npm run bench:verify -- <csv> --llm
// --fit-calibration`): the held-out figures by grouped cross-validation, then the mapping fitted on every judged
// pair, which is what a synthesis applies (src/pipeline/llm-stance.ts).

/** Fewer judged pairs than this give folds too small to say whether the mapping helps. */
export const MIN_JUDGED_PAIRS = 30;

export class TooFewJudgedPairs extends Error {}

export function fitStanceCalibration(
  pairs: readonly LabelledPair[],
  bench: Pick<StanceBench, 'judgements'>,
  fit: { model: string; file: string; sha256: string; answered: string; folds: number; seed: number },
): LlmCalibration {
  const judged = statedJudgements(pairs, bench.judgements);
  if (judged.length < MIN_JUDGED_PAIRS) {
    throw new TooFewJudgedPairs(
      `Only ${judged.length} of ${pairs.length} pairs got a judgement that passed the checks; a calibration needs at least ${MIN_JUDGED_PAIRS}. Nothing was written.`,
    );
  }
  const cv = crossValidateStanceMaps(pairs, bench.judgements, fit.folds, fit.seed);
  return {
    model: fit.model,
    prompt: STANCE_PROMPT,
    method: 'platt-per-stance',
    stances: fitStanceMaps(judged),
    fittedOn: { file: fit.file, sha256: fit.sha256, pairs: pairs.length, judged: judged.length, answered: fit.answered },
    crossValidated: {
      folds: cv.folds,
      seed: cv.seed,
      judged: cv.judged,
      eceBefore: cv.before.ece,
      eceAfter: cv.after.ece,
      macroF1Before: cv.before.macro_f1,
      macroF1After: cv.after.macro_f1,
    },
  };
}
