// Benchmarks the stance verifier on a claim/evidence/label CSV.
//   npm run bench:verify                 HealthVer dev (../shared), nested cross-validation with folds that keep claims
//                                        sharing an evidence passage together (the figure issue 12 sets targets on)
//   npm run bench:verify -- file.csv     scores file.csv with the committed src/stance-model/params.json
//   npm run bench:verify -- file.csv --cv   cross-validates on file.csv instead
//   npm run bench:verify -- --group claim    folds grouped by claim text only (laxer: a passage seen in training
//                                            with another claim predicts its label; the figure before issue 12)
//   npm run bench:verify -- file.csv --llm [--limit N]   scores the language model's stance step (SIFT_LLM_* set)
//   npm run bench:verify -- file.csv --llm --fit-calibration [out.json]   also fits the model's stance calibration
//       (cross-validated ECE before/after printed) and writes it, by default to calibration/llm/<model>.json
// Without a CSV it also scores the committed parameters on the other hand-labelled pair sets the repository holds
// (src/stance-model/calibration-by-set.ts: the demo topics' in-domain pairs, the development topics' pairs), and
// checks a confidence map fitted with each topic held out: does calibration fitted on HealthVer travel?
// The last line printed is one JSON object: n, accuracy, macro_f1, ece, per_class, mode (and, when cross-validating,
// selection: 'nested-cv': every setting is chosen inside the training folds, never on the scored fold; without a
// CSV, other_sets and hold_one_topic_out).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { COMMITTED_PARAMS, checkParams } from '../src/stance-model/classify.ts';
import { DEFAULT_DATASET, DatasetMissingError, REPO_ROOT, readVerificationFile } from '../src/store/verification-file.ts';
import { stanceCalibrationPath, writeStanceCalibration } from '../src/store/llm-calibration.ts';
import { fitStanceCalibration, TooFewJudgedPairs } from '../src/llm/stance-calibration.ts';
import { score } from '../src/stance-model/metrics.ts';
import { formatScores, scoresJson } from '../src/stance-model/scores-text.ts';
import { passageLinkedGroups } from '../src/stance-model/folds.ts';
import { crossValidatedProbabilities, DEFAULT_TRAINING, design, innerHeldOutProbabilities, probabilities } from '../src/stance-model/train.ts';
import { holdOneTopicOut, scoreSet } from '../src/stance-model/calibration-by-set.ts';
import { readStanceSets } from '../src/bench/stance-sets.ts';
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
  .option('--fit-calibration [out]', "with --llm: fit the model's stance calibration on the CSV (--folds, --seed) and write it (default calibration/llm/<model>.json)")
  .option('--group <key>', 'fold groups when cross-validating: passage (claims linked by a shared evidence passage) or claim (same claim text)', 'passage')
  .parse();

const given = program.args[0];
const opts = program.opts<{ cv?: boolean; folds: string; seed: string; l2?: string; balance?: string; group: string; llm?: boolean; limit?: string; fitCalibration?: string | true }>();
if (opts.group !== 'claim' && opts.group !== 'passage') program.error(`--group must be claim or passage, not ${opts.group}`);
if (opts.fitCalibration !== undefined && !opts.llm) program.error('--fit-calibration fits a language model\'s calibration: use it with --llm');
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
    let calibration: Record<string, unknown> = {};
    if (opts.fitCalibration !== undefined) {
      const out = opts.fitCalibration === true ? stanceCalibrationPath(REPO_ROOT, config.model) : resolve(opts.fitCalibration);
      const fitted = fitStanceCalibration(pairs, bench, {
        model: config.model,
        file: basename(csv),
        sha256: createHash('sha256').update(readFileSync(resolve(csv))).digest('hex'),
        answered: new Date().toISOString().slice(0, 10),
        folds: Number(opts.folds),
        seed: Number(opts.seed),
      });
      writeStanceCalibration(out, fitted);
      const cv = fitted.crossValidated;
      console.log(`calibration      per-stance Platt scaling on ${fitted.fittedOn.judged} judged pairs; grouped ${cv.folds}-fold held-out:`);
      console.log(`  ECE            ${cv.eceBefore.toFixed(4)} (model's own) -> ${cv.eceAfter.toFixed(4)} (calibrated)`);
      // The mapped vector gives its stance the calibrated probability and splits the rest evenly: a stance mapped
      // below 1/3 leaves the other two tied, so this argmax figure says little; ECE is what the mapping is for.
      console.log(`  macro-F1       ${cv.macroF1Before.toFixed(4)} -> ${cv.macroF1After.toFixed(4)} (argmax of the mapped probabilities)`);
      console.log(`wrote ${out} (commit it: syntheses with this model's answers then use it)`);
      calibration = { calibration: { file: out, judged: fitted.fittedOn.judged, ece_before: cv.eceBefore, ece_after: cv.eceAfter } };
    }
    console.log(`time             ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(scoresJson(scores, { mode: 'llm', model: config.model, answered: bench.answered, rejected: bench.rejected, failed: bench.failed.length, file: basename(csv), ...calibration }));
  } catch (error) {
    if (error instanceof DatasetMissingError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof SiftError || error instanceof TooFewJudgedPairs) {
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
      `Per outer fold, L2 (of ${training.l2.join(', ')}) and class weighting (of ${training.balance.join(', ')}) are chosen by best macro-F1`,
      `of an inner grouped ${training.folds}-fold CV on that fold's training pairs only; the temperature and the top-label confidence map`,
      `(least block of ${training.minBlock.join(', ')} rows, by cross-fitted ECE) are fitted on that inner CV's held-out predictions.`,
    ].join('\n');
  } else {
    const params = checkParams(COMMITTED_PARAMS);
    probs = data.X.map((x) => probabilities(params, x));
    heading = `Committed parameters (src/stance-model/params.json) scored on ${basename(csv)}`;
  }
  const scores = score(probs, data.y);
  for (const line of formatScores(scores, heading)) console.log(line);
  let otherSets: Record<string, unknown> = {};
  if (given === undefined) otherSets = scoreOtherSets({ ...designed, groups: passageLinkedGroups(pairs) });
  const seconds = (performance.now() - started) / 1000;
  console.log(`time             ${seconds.toFixed(1)} s`);
  console.log(
    scoresJson(scores, {
      mode: crossValidate ? 'cross-validation' : 'committed-params',
      ...(crossValidate ? { selection: 'nested-cv', groups: opts.group } : {}),
      file: basename(csv),
      ...otherSets,
    }),
  );
} catch (error) {
  if (error instanceof DatasetMissingError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

/**
 * ECE per benchmark: the committed parameters (fitted on HealthVer dev alone, passage-grouped) on the other pair sets,
 * then the leave-one-topic-out check of the confidence map. `healthVer` is HealthVer dev with passage groups, the data
 * and folds the committed map was fitted on.
 */
function scoreOtherSets(healthVer: ReturnType<typeof design>): Record<string, unknown> {
  const params = checkParams(COMMITTED_PARAMS);
  const sets = readStanceSets(REPO_ROOT);
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  console.log('');
  console.log('Other benchmarks, committed parameters (src/stance-model/params.json; no pair of these sets was fitted on):');
  const other = sets.map((set) => {
    const s = scoreSet(params, set);
    console.log(`  ${set.name.padEnd(38)} pairs ${String(s.n).padStart(4)}  accuracy ${s.accuracy.toFixed(3)}  macro-F1 ${s.macro_f1.toFixed(3)}  ECE ${s.ece.toFixed(3)}`);
    return { name: set.name, file: set.file, n: s.n, accuracy: r(s.accuracy), macro_f1: r(s.macro_f1), ece: r(s.ece) };
  });
  const held = holdOneTopicOut(params, sets, {
    probabilities: innerHeldOutProbabilities(healthVer, params),
    y: healthVer.y,
  });
  console.log('Confidence map with each topic held out (fitted on HealthVer held-out rows + the other topics\' pairs), ECE:');
  for (const h of held) {
    console.log(`  ${h.name.padEnd(38)} temperature only ${h.temperature.toFixed(3)}  committed map ${h.committed.toFixed(3)}  topic held out ${h.pooled.toFixed(3)}`);
  }
  return {
    other_sets: other,
    hold_one_topic_out: held.map((h) => ({ name: h.name, n: h.n, ece_temperature: r(h.temperature), ece_committed: r(h.committed), ece_topic_held_out: r(h.pooled) })),
  };
}
