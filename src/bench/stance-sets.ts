// The hand-labelled stance sets the verifier's calibration is checked on (src/stance-model/calibration-by-set.ts),
// read from the repository.
//
// Exported API
//   readStanceSets(root: string): StanceSet[]      every set of STANCE_SET_FILES, from the checkout at root
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STANCE_SET_FILES, stanceSet, type StanceSet } from '../stance-model/calibration-by-set.ts';

export function readStanceSets(root: string): StanceSet[] {
  return STANCE_SET_FILES.map(({ name, file }) => stanceSet(name, file, readFileSync(resolve(root, file))));
}
