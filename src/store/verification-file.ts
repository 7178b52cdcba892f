import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseVerificationCsv, type LabelledPair } from '../stance-model/dataset.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The benchmark data lives beside the repository, never inside it (its PROVENANCE.md forbids copying it).
export const DEFAULT_DATASET = resolve(REPO_ROOT, '..', 'shared', 'data', 'verification', 'healthver_dev.csv');

export class DatasetMissingError extends Error {}

/** Reads a claim/evidence/label CSV, or explains where it looked and how to pass another path. */
export function readVerificationFile(path: string, command: string): LabelledPair[] {
  const full = resolve(path);
  if (!existsSync(full)) {
    throw new DatasetMissingError(
      `No benchmark file at ${full}.\n` +
        `Pass a CSV with columns claim, evidence, label (Supports/Refutes/Neutral): ${command} -- path/to/file.csv`,
    );
  }
  return parseVerificationCsv(readFileSync(full, 'utf8'), full);
}
