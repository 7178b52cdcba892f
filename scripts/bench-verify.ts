// Benchmarks the stance verifier on a claim/evidence/label CSV.
//   npm run bench:verify                 HealthVer dev (../shared), grouped k-fold cross-validation
//   npm run bench:verify -- file.csv     scores file.csv with the committed src/stance-model/params.json
//   npm run bench:verify -- file.csv --cv   cross-validates on file.csv instead
//   npm run bench:verify -- --group passage  folds keep claims that share an evidence passage together (stricter)
//   npm run bench:verify -- file.csv --llm [--limit N]   scores the language model's stance step (SIFT_LLM_* set)
// The last line printed is one JSON object: n, accuracy, macro_f1, ece, per_class, mode (and, when cross-validating,
// selection: 'nested-cv': every setting is chosen inside the training folds, never on the scored fold).
import { basename } from 'node:path';
import { Command } from 'commander';
import { COMMITTED_PARAMS, checkParams } from '../src/stance-model/classify.ts';
import { DEFAULT_DATASET, DatasetMissingError, readVerificationFile } from '../src/store/verification-file.ts';
import { score } from '../src/stance-model/metrics.ts';
import { formatScores, scoresJson } from '../src/stance-model/scores-text.ts';
import { passageLinkedGroups } from '../src/stance-model/folds.ts';
import { crossValidatedProbabilities, DEFAULT_TRAINING, design, probabilities } from '../src/stance-model/train.ts';
import { LABELS } from '../src/stance-model/model.ts';
import { readLlmConfig } from '../src/llm/config.ts';
import { createLlmClient } from '../src/llm/client.ts';
import { benchStance } from '../src/llm/bench-stance.ts';
import { systemHttpDeps } from '../src/sources/http.ts';
import { SiftError } from '../src/records/problem.ts';

const program = new Command()
  .name('bench:verify')
  .argument('[csv]', 'CSV with columns claim, evidence, label (Supports / Refutes / Neutral)')
  .option('--cv', 'cross-validate on the CSV instead of scoring it with the committed parameters')
  .option('--folds <k>', 'cross-validation folds', String(DEFAULT_TRAINING.folds))
  .option('--seed <n>', 'seed for the grouped fold assignment', String(DEFAULT_TRAINING.seed))
  .option('--l2 <list>', 'L2 penalties to choose from by inner CV when cross-validating, comma-separated')
  .option('--balance <list>', 'class weightings to choose from by inner CV when cross-validating, comma-separated')
  .option('--llm', "score the language model's stance step instead (SIFT_LLM_BASE_URL, SIFT_LLM_MODEL)")
  .option('--limit <n>', 'with --llm: only the first n pairs (each is one request)')
  .option('--group <key>', 'fold groups when cross-validating: claim (same claim text) or passage (claims linked by a shared evidence passage)', 'claim')
  .parse();

const given = program.args[0];
const opts = program.opts<{ cv?: boolean; folds: string; seed: string; l2?: string; balance?: string; group: string; llm?: boolean; limit?: string }>();
if (opts.group !== 'claim' && opts.group !== 'passage') program.error(`--group must be claim or passage, not ${opts.group}`);
const csv = given ?? DEFAULT_DATASET;
const crossValidate = given === undefined || opts.cv === true;
const started = performance.now();

if (opts.llm) {
  try {
    const config = readLlmConfig(process.env);
    const all = readVerificationFile(csv, 'npm run bench:verify');
    const pairs = opts.limit === undefined ? all : all.slice(0, Number(opts.limit));
    const asker = createLlmClient(config, { ...systemHttpDeps, clock: () => new Date().toISOString() });
    const bench = await benchStance(pairs, asker, config.model);
    const scores = score(bench.probabilities, pairs.map((p) => LABELS.indexOf(p.label)));
    for (const line of bench.failed) console.error(`llm: ${line}`);
    if (bench.budgetStopped) console.log(`llm: stopped asking: ${bench.budgetStopped}; the pairs not asked count as neutral`);
    const heading = `Language model ${config.model} (stance step, prompt and checks of src/pipeline/llm-stance.ts) on ${basename(csv)}; unanswered or rejected pairs count as neutral`;
    for (const line of formatScores(scores, heading)) console.log(line);
    console.log(`answered         ${bench.answered} (rejected ${bench.rejected}, failed ${bench.failed.length})`);
    console.log(`time             ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(scoresJson(scores, { mode: 'llm', model: config.model, answered: bench.answered, rejected: bench.rejected, failed: bench.failed.length, file: basename(csv) }));
  } catch (error) {
    if (error instanceof DatasetMissingError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof SiftError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  process.exit(0);
}

try {
  const pairs = readVerificationFile(csv, 'npm run bench:verify');
  const designed = design(pairs);
  const data = opts.group === 'passage' ? { ...designed, groups: passageLinkedGroups(pairs) } : designed;
  let heading: string;
  let probs: number[][];
  if (crossValidate) {
    const training = {
      ...DEFAULT_TRAINING,
      l2: opts.l2 === undefined ? DEFAULT_TRAINING.l2 : opts.l2.split(',').map(Number),
      balance: opts.balance === undefined ? DEFAULT_TRAINING.balance : opts.balance.split(',').map(Number),
      folds: Number(opts.folds),
      seed: Number(opts.seed),
    };
    // Each fold is scored by weights and a temperature fitted on the other folds only.
    probs = crossValidatedProbabilities(data, training);
    heading = [
      `Nested cross-validation on ${basename(csv)}: ${training.folds} outer folds grouped by ${opts.group === 'passage' ? 'claims linked by a shared evidence passage' : 'claim text'}, each scored once.`,
      `Per outer fold, L2 (of ${training.l2.join(', ')}), class weighting (of ${training.balance.join(', ')}) and the temperature`,
      `are chosen by an inner grouped ${training.folds}-fold CV on that fold's training pairs only (best inner macro-F1 within ECE <= ${training.maxEce}).`,
    ].join('\n');
  } else {
    const params = checkParams(COMMITTED_PARAMS);
    probs = data.X.map((x) => probabilities(params, x));
    heading = `Committed parameters (src/stance-model/params.json) scored on ${basename(csv)}`;
  }
  const scores = score(probs, data.y);
  for (const line of formatScores(scores, heading)) console.log(line);
  const seconds = (performance.now() - started) / 1000;
  console.log(`time             ${seconds.toFixed(1)} s`);
  console.log(
    scoresJson(scores, {
      mode: crossValidate ? 'cross-validation' : 'committed-params',
      ...(crossValidate ? { selection: 'nested-cv', groups: opts.group } : {}),
      file: basename(csv),
    }),
  );
} catch (error) {
  if (error instanceof DatasetMissingError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
