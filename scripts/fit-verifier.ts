// Fits the lexical stance verifier on a claim/evidence/label CSV (HealthVer dev by default) and writes the
// parameters the pipeline uses to src/stance-model/params.json. Deterministic: same CSV, same params, byte for byte.
//   node scripts/fit-verifier.ts [csv] [--folds 5] [--seed 20211107] [--l2 0.03,0.1,0.3,1] [--balance 0,0.25,0.5,0.75] [--group passage]
// Folds are grouped by claims linked by a shared evidence passage (src/stance-model/folds.ts passageLinkedGroups) unless
// --group claim: the penalty, weighting and temperature are then chosen on topics the weights did not see, as the
// verifier meets them in a review (issue 12); with claim groups they are chosen on passages seen in training.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { writeJsonAtomic } from '../src/store/write-atomic.ts';
import { DEFAULT_DATASET, DatasetMissingError, REPO_ROOT, readVerificationFile } from '../src/store/verification-file.ts';
import { score } from '../src/stance-model/metrics.ts';
import { formatScores, scoresJson } from '../src/stance-model/scores-text.ts';
import { passageLinkedGroups } from '../src/stance-model/folds.ts';
import { crossValidatedProbabilities, DEFAULT_TRAINING, design, fitVerifier } from '../src/stance-model/train.ts';

const program = new Command()
  .name('fit-verifier')
  .argument('[csv]', 'CSV with columns claim, evidence, label', DEFAULT_DATASET)
  .option('--folds <k>', 'cross-validation folds', String(DEFAULT_TRAINING.folds))
  .option('--seed <n>', 'seed for the grouped fold assignment', String(DEFAULT_TRAINING.seed))
  .option('--l2 <list>', 'L2 penalties to choose from by inner CV, comma-separated', DEFAULT_TRAINING.l2.join(','))
  .option('--balance <list>', 'class weightings to choose from by inner CV, 0 = none to 1 = balanced, comma-separated', DEFAULT_TRAINING.balance.join(','))
  .option('--group <key>', 'fold groups: passage (claims linked by a shared evidence passage) or claim (same claim text)', 'passage')
  .option('--out <path>', 'where to write the parameters', resolve(REPO_ROOT, 'src/stance-model/params.json'))
  .parse();

const csv = program.args[0] ?? DEFAULT_DATASET;
const opts = program.opts<{ folds: string; seed: string; l2: string; balance: string; group: string; out: string }>();
if (opts.group !== 'claim' && opts.group !== 'passage') program.error(`--group must be claim or passage, not ${opts.group}`);
const training = { ...DEFAULT_TRAINING, folds: Number(opts.folds), seed: Number(opts.seed), l2: opts.l2.split(',').map(Number), balance: opts.balance.split(',').map(Number) };

try {
  const pairs = readVerificationFile(csv, 'node scripts/fit-verifier.ts');
  const designed = design(pairs);
  const data = opts.group === 'passage' ? { ...designed, groups: passageLinkedGroups(pairs) } : designed;
  const cv = score(crossValidatedProbabilities(data, training), data.y);
  const params = fitVerifier(data, training);
  const sha256 = createHash('sha256').update(readFileSync(resolve(csv))).digest('hex');
  writeJsonAtomic(opts.out, {
    ...params,
    fittedOn: { file: basename(csv), sha256, pairs: pairs.length, groups: opts.group },
    crossValidated: JSON.parse(scoresJson(cv)),
  });
  for (const line of formatScores(cv, `Nested ${opts.group}-grouped ${training.folds}-fold cross-validation on ${basename(csv)} (settings chosen by inner CV on each outer fold's training pairs)`)) console.log(line);
  console.log(`L2 chosen        ${params.l2} (of ${training.l2.join(', ')}, by inner CV macro-F1)`);
  console.log(`balance chosen   ${params.balance} (of ${training.balance.join(', ')})`);
  console.log(`temperature      ${params.temperature.toFixed(4)}`);
  console.log(`confidence map   ${params.confidenceMap.x.length} knots, least block ${params.minBlock} rows (of ${training.minBlock.join(', ')}, by inner cross-fitted ECE)`);
  console.log(`wrote ${opts.out}`);
  console.log(scoresJson(cv, { folds: training.folds, groups: opts.group }));
} catch (error) {
  if (error instanceof DatasetMissingError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
