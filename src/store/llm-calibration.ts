import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LlmCalibration } from '../records/index.ts';
import { parseStored } from './synthesis-store.ts';
import { writeJsonAtomic } from './write-atomic.ts';

// A language model's stance calibration (src/records/llm.ts), one file per model under calibration/llm/, committed
// by whoever fitted it (`npm run bench:verify -- <csv> --llm --fit-calibration`). A synthesis whose answers came
// from that model maps the model's stated stance probabilities through it; without one they are shown as the
// model's own and marked uncalibrated.

export const CALIBRATION_DIR = 'calibration/llm';

/** The file name a model's calibration is kept under: the model name with anything but [a-z0-9._-] as "-". */
export function modelSlug(model: string): string {
  const slug = model.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[.-]+|-+$/g, '');
  return slug === '' ? 'model' : slug;
}

export function stanceCalibrationPath(root: string, model: string): string {
  return join(root, CALIBRATION_DIR, `${modelSlug(model)}.json`);
}

/**
 * The calibration fitted for exactly this model, or null. Two names can share a slug ("a:b", "a-b"): the file
 * names its model, and one fitted for another model is not used.
 */
export function readStanceCalibration(root: string, model: string): LlmCalibration | null {
  const path = stanceCalibrationPath(root, model);
  if (!existsSync(path)) return null;
  const calibration = parseStored(path, LlmCalibration, 'language-model stance calibration', join(CALIBRATION_DIR, `${modelSlug(model)}.json`));
  return calibration.model === model ? calibration : null;
}

export function writeStanceCalibration(path: string, calibration: LlmCalibration): void {
  writeJsonAtomic(path, LlmCalibration.parse(calibration));
}

/** What a synthesis's input hash takes of it: a new or refitted calibration changes the review. */
export function stanceCalibrationDigest(calibration: LlmCalibration | null): string {
  return createHash('sha256').update(JSON.stringify(calibration)).digest('hex');
}
